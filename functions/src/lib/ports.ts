import { productFacts } from '@drama/shared/orders';
import { dynamoAttribution, dynamoConversions } from '../adapters/dynamodb-attribution';
import { cachedCatalog } from '../adapters/dynamodb-catalog';
import { dynamoEvents } from '../adapters/dynamodb-events';
import { dynamoOrders } from '../adapters/dynamodb-orders';
import { cachedProducts } from '../adapters/dynamodb-products';
import { dynamoUsers } from '../adapters/dynamodb-users';
import { dynamoWallets } from '../adapters/dynamodb-wallet';
import { adPlatform } from '../adapters/platform/conversions';
import { s3Media } from '../adapters/s3-media';
import { convert, rememberClicks, type AttributionPorts } from '../domain/attribution/attribution';
import { onceWithin } from '../domain/events/events';
import type { SettlePorts } from '../domain/orders/settle';
import type { HoldingsReader, PlaylistSigner } from '../domain/playback/play';
import { signPlaylistUrl } from '../domain/playback/playlist';
import { holdingsOf } from '../domain/wallet/wallet';
import { config } from './config';
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
/** Paid episodes' per-viewer playlists (MARK_SECRET keys their URLs). */
export const playlists: PlaylistSigner = {
  signPlaylistUrl(seriesId, episode, userId, expiresAt) {
    const { apiPublicUrl, markSecret } = config();
    if (!markSecret) throw new Error('MARK_SECRET is not set for this function');
    return signPlaylistUrl(apiPublicUrl, markSecret, seriesId, episode, userId, expiresAt);
  },
};
/** Coin packs and membership prices: the operator's, cached like the catalog. */
export const products = cachedProducts();
export const eventReader = dynamoEvents;
/** The analytics stream: replays of an episode within 10 minutes are one play and one paywall for the funnel. */
export const events = onceWithin(dynamoEvents, new Set(['play_start', 'paywall_shown']), 10 * 60_000);
/** Attribution: the last click (remembered per container for 30 s), the conversion outbox, the ad platform. */
export const attributionPorts: AttributionPorts = {
  store: rememberClicks(dynamoAttribution, 30_000),
  outbox: dynamoConversions,
  platform: adPlatform,
  events,
  now: clock,
  get windowS() {
    return config().attributionWindowS;
  },
  get retryDelaysMs() {
    return config().conversionRetryDelaysMs;
  },
  log: (message, fields) => logger.info(message, fields),
};
export const settlePorts: SettlePorts = {
  orders,
  wallets,
  now: clock,
  log: (message, fields) => logger.info(message, fields),
  // When an order is granted (and again from the sweep after a crash): the "paid" event at the grant's
  // time and the payment conversion at the payment's, each written once by the order id.
  onGranted: async (order) => {
    const detail = { orderId: order.orderId, amountFen: order.amountFen, ...productFacts(order.product) };
    const paidAt = new Date(order.paidAt ?? order.grantedAt ?? clock());
    await Promise.all([
      events.record({ kind: 'paid', userId: order.userId, ...detail, at: order.grantedAt }, `paid:${order.orderId}`),
      convert(order.userId, 'payment', { ref: order.orderId, ...detail }, attributionPorts, undefined, paidAt),
    ]);
  },
  onRefunded: (order) =>
    events.record({ kind: 'refunded', userId: order.userId, orderId: order.orderId, amountFen: order.amountFen, ...productFacts(order.product), at: order.refundedAt }, `refunded:${order.orderId}`),
};

