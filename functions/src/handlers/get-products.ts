import { coinPacks, membershipProducts } from '@drama/shared/products';
import { json, route } from '../lib/http';

export const handler = route({ auth: 'none' }, async () =>
  json(200, { coinPacks, memberships: membershipProducts }, { 'cache-control': 'public, max-age=300' }),
);
