import { dynamoAdTickets } from '../adapters/dynamodb-ads';
import type { RedeemPorts } from '../domain/ads/redeem';
import { logger } from '../lib/logger';
import { secretsFor } from '../lib/secrets';
import { catalog, clock, wallets } from './ports';

/** The ad network's signing key: declared here, so only the functions that redeem tickets hold it. */
const adKeys = /* @__PURE__ */ secretsFor('AD_SECURITY_KEY');

export const redeemPorts: RedeemPorts = {
  tickets: dynamoAdTickets,
  wallets,
  catalog,
  get securityKey() {
    return adKeys().AD_SECURITY_KEY;
  },
  now: clock,
  log: (message, fields) => logger.info(message, fields),
};
