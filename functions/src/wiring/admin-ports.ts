import { dynamoConversions } from '../adapters/dynamodb-attribution';
import { dynamoCatalogAdmin } from '../adapters/dynamodb-catalog-admin';
import type { CatalogAdminPorts } from '../domain/admin/catalog-admin';
import { startPublication } from '../domain/publishing/publication';
import { startIngest } from './ingest-ports';
import { clock, media, products } from './ports';
import { publicationPorts } from './publish-ports';

/** The operator routes' adapters, built once per container. */
export const catalogAdminPorts: CatalogAdminPorts = {
  store: dynamoCatalogAdmin,
  coverUrl: (key) => media.coverUrl(key),
  now: clock,
  publication: { start: (seriesId) => startPublication(seriesId, publicationPorts) },
  ingest: { start: startIngest },
};
export { products };
/** The conversion outbox, read-only here: what was reported for a click (the operators' attribution page). */
export const conversions = dynamoConversions;
