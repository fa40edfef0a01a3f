import { dynamoConversions } from '../adapters/dynamodb-attribution';
import { dynamoCatalogAdmin } from '../adapters/dynamodb-catalog-admin';
import type { CatalogAdminPorts } from '../domain/admin/catalog-admin';
import { clock, media, products } from './ports';

/** The operator routes' adapters, built once per container. */
export const catalogAdminPorts: CatalogAdminPorts = { store: dynamoCatalogAdmin, coverUrl: (key) => media.coverUrl(key), now: clock };
export { products };
/** The conversion outbox, read-only here: what was reported for a click (the operators' attribution page). */
export const conversions = dynamoConversions;
