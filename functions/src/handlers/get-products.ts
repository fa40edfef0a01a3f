import { productsFor } from '../domain/membership/wechat-signing';
import { config } from '../lib/config';
import { json, route } from '../lib/http';
import { viewerPlatformQuery } from '../lib/viewer-platform';
import { products } from '../wiring/ports';

/**
 * The coin packs and membership plans on sale: the operator's prices over shared/products.ts's
 * defaults; on WeChat (?platform=wechat) the auto-renewing plans only where signing is offered.
 */
export const handler = route({ auth: 'none' }, async ({ event }) =>
  json(200, productsFor(await products.get(), viewerPlatformQuery(event).platform, config().wechatSigning), { 'cache-control': 'public, max-age=60' }),
);
