import { dynamoCatalogAdmin } from '../adapters/dynamodb-catalog-admin';
import type { CatalogAdminPorts } from '../domain/admin/catalog-admin';
import { startIngest } from './forensics-ports';
import { logger } from './logger';
import { clock, media, products } from './ports';

/** The operator routes' adapters, built once per container. */
export const catalogAdminPorts: CatalogAdminPorts = {
  store: dynamoCatalogAdmin,
  coverUrl: (key) => media.coverUrl(key),
  now: clock,
  // The save stands if the ingest cannot be started: saving again retries it.
  ingest: (ref) => startIngest(ref).catch((error: Error) => logger.error('ingest not started', { ...ref, error: error.message })),
};
export { products };
