import { dynamoSignings } from '../adapters/dynamodb-signings';
import { dynamoUsers } from '../adapters/dynamodb-users';
import { wechatSigning } from '../adapters/platform/wechat-signing';
import type { SigningPorts } from '../domain/membership/wechat-signing';
import { config } from '../lib/config';
import { logger } from '../lib/logger';
import { clock, orders, products, wallets } from './ports';

/** WeChat's membership subscription's adapters, built once per container. */
export const signingPorts: SigningPorts = {
  signings: dynamoSignings,
  orders,
  wallets,
  platform: wechatSigning(),
  identityOf: (userId) => dynamoUsers.identityOf(userId),
  enabled: () => config().wechatSigning,
  products: () => products.get(),
  now: clock,
  log: (message, fields) => logger.info(message, fields),
};
