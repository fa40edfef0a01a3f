import { cachedCatalog } from '../adapters/dynamodb-catalog';
import { dynamoOrders } from '../adapters/dynamodb-orders';
import { dynamoUsers } from '../adapters/dynamodb-users';
import { dynamoWallets } from '../adapters/dynamodb-wallet';
import { s3Media } from '../adapters/s3-media';
import type { SettlePorts } from '../domain/orders/settle';
import type { HoldingsReader } from '../domain/playback/play';
import { holdingsOf } from '../domain/wallet/wallet';
import { logger } from './logger';

/** Adapters built once at module scope and shared by the handlers of one bundle. */
export const clock = () => new Date();
export const catalog = cachedCatalog();
export const users = dynamoUsers;
export const wallets = dynamoWallets(clock);
export const media = s3Media;
/** Everything that entitles a user is on the wallet item: one read. */
export const holdings: HoldingsReader = { holdingsOf: async (userId) => holdingsOf(await wallets.get(userId)) };
export const orders = dynamoOrders;
export const settlePorts: SettlePorts = { orders, wallets, now: clock, log: (message, fields) => logger.info(message, fields) };
