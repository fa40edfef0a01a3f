import { dynamoAdTickets } from '../adapters/dynamodb-ads';
import type { TicketPorts } from '../domain/ads/tickets';
import { config } from '../lib/config';
import { catalog, clock, holdings, users } from './ports';

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
