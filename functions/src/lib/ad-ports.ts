import { dynamoAdTickets } from '../adapters/dynamodb-ads';
import type { RedeemPorts } from '../domain/ads/redeem';
import type { TicketPorts } from '../domain/ads/tickets';
import { config } from './config';
import { logger } from './logger';
import { catalog, clock, holdings, users, wallets } from './ports';

/** The rewarded-ad routes' adapters, built once per container. */
export const ticketPorts: TicketPorts = {
  catalog,
  holdings,
  tickets: dynamoAdTickets,
  viewers: users,
  get adUnitId() {
    return config().ads.unitId;
  },
  now: clock,
};

export const redeemPorts: RedeemPorts = {
  tickets: dynamoAdTickets,
  wallets,
  catalog,
  get securityKey() {
    return config().ads.securityKey;
  },
  now: clock,
  log: (message, fields) => logger.info(message, fields),
};
