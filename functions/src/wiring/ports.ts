import { cachedCatalog } from '../adapters/dynamodb-catalog';
import { dynamoEvents } from '../adapters/dynamodb-events';
import { dynamoOrders } from '../adapters/dynamodb-orders';
import { cachedProducts } from '../adapters/dynamodb-products';
import { dynamoUsers } from '../adapters/dynamodb-users';
import { dynamoWallets } from '../adapters/dynamodb-wallet';
import { s3Media } from '../adapters/s3-media';
import { viewerCatalog } from '../domain/catalog/visibility';
import { onceWithin } from '../domain/events/events';
import type { HoldingsReader } from '../domain/playback/play';
import { holdingsOf } from '../domain/wallet/wallet';
import { config } from '../lib/config';

/** Adapters built once at module scope and shared by the handlers of one bundle. */
export const clock = () => new Date();
/** What viewers see: published series, and with CATALOG_VISIBILITY=approved only those a platform approved. */
export const catalog = viewerCatalog(cachedCatalog(), () => config().publishing.visibility);
export const users = dynamoUsers;
export const wallets = dynamoWallets(clock);
export const media = s3Media;
/** Everything that entitles a user is on the wallet item: one read. */
export const holdings: HoldingsReader = { holdingsOf: async (userId) => holdingsOf(await wallets.get(userId)) };
export const orders = dynamoOrders;
/** Coin packs and membership prices: the operator's, cached like the catalog. */
export const products = cachedProducts();
export const eventReader = dynamoEvents;
/** The analytics stream: replays of an episode within 10 minutes are one play and one paywall for the funnel. */
export const events = onceWithin(dynamoEvents, new Set(['play_start', 'paywall_shown']), 10 * 60_000);
