import { payParamsFor } from '../adapters/platform/pay-params';
import type { CreateOrderPorts } from '../domain/orders/create-order';
import { logger } from '../lib/logger';
import { catalog, clock, events, orders, products, wallets } from './ports';

/** POST /orders: the catalog and prices, the order store, the platforms' pay parameters, the event stream. */
export const createOrderPorts: CreateOrderPorts = {
  catalog,
  orders,
  wallets,
  payParams: payParamsFor,
  events,
  now: clock,
  products: () => products.get(),
  log: (message, fields) => logger.info(message, fields),
};
