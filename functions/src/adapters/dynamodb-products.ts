import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { liveProducts, type ProductCatalog } from '@drama/shared/products';
import type { AdminProductsInput } from '@drama/shared/admin';
import { config } from '../lib/config';
import { documentClient, keys } from './dynamodb';

/**
 * The operator's coin packs and membership prices: one item in the catalog partition, read through
 * `liveProducts` (shared/products.ts's constants are the defaults) and cached like the catalog.
 */
const key = { pk: keys.catalogPk, sk: 'PRODUCTS' };

async function read(): Promise<ProductCatalog> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: config().tableName, Key: key }));
  return liveProducts(Item as AdminProductsInput | undefined);
}

export function cachedProducts(ttlMs = Number(process.env.CATALOG_TTL_MS ?? 30_000)) {
  let loaded: { at: number; value: Promise<ProductCatalog> } | undefined;
  return {
    get(): Promise<ProductCatalog> {
      if (!loaded || Date.now() - loaded.at > ttlMs) {
        const value = read();
        loaded = { at: Date.now(), value };
        value.catch(() => {
          loaded = undefined;
        });
      }
      return loaded.value;
    },
    read,
    async put(input: AdminProductsInput): Promise<ProductCatalog> {
      await documentClient().send(new PutCommand({ TableName: config().tableName, Item: { ...key, kind: 'products', ...input } }));
      loaded = undefined;
      return liveProducts(input);
    },
  };
}
