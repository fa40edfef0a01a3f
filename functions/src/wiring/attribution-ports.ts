import { dynamoAttribution, dynamoConversions } from '../adapters/dynamodb-attribution';
import { adPlatform } from '../adapters/platform/conversions';
import { rememberClicks, type AttributionPorts } from '../domain/attribution/attribution';
import type { SettlePorts } from '../domain/orders/settle';
import { config } from '../lib/config';
import { logger } from '../lib/logger';
import { clock, events, orders, wallets } from './ports';

/**
 * The ports of everything that reports conversions to the ad platforms: attribution itself, and
 * settlement (a granted order is a payment conversion). Kept apart from ports.ts so that only the
 * functions that can report one load the ad-platform adapter and the Douyin app secret it reads.
 */
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
/** Settlement: orders, wallets, and the events and conversions a payment or refund reports. */
export const settlePorts: SettlePorts = {
  orders,
  wallets,
  events,
  attribution: attributionPorts,
  now: clock,
  log: (message, fields) => logger.info(message, fields),
};
