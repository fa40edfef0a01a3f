import type { ProductRef } from '@drama/shared/orders';
import { coinPacks } from '@drama/shared/products';
import { membershipProduct } from '@drama/shared/membership';
import type { CatalogReader } from '../catalog/catalog';
import { NotFound } from '../errors';

export interface PricedProduct {
  amountFen: number;
  title: string;
  /** The platform-side product id (Douyin skuId, WeChat productId). */
  skuId: string;
  coverKey?: string;
}

/** The price of a product comes from shared/ and the catalog only, never from the client. */
export async function priceOf(product: ProductRef, catalog: CatalogReader): Promise<PricedProduct> {
  switch (product.kind) {
    case 'coins': {
      const pack = coinPacks.find((p) => p.packId === product.packId);
      if (!pack) throw new NotFound(`no coin pack ${product.packId}`);
      const bonus = pack.bonusCoins ? ` + ${pack.bonusCoins} 赠送` : '';
      return { amountFen: pack.priceFen, title: `${pack.coins} 金币${bonus}`, skuId: pack.packId };
    }
    case 'series': {
      const series = await catalog.getSeries(product.seriesId);
      if (!series || !series.published) throw new NotFound(`no series ${product.seriesId}`);
      return { amountFen: series.seriesPriceFen, title: `《${series.title}》全集`, skuId: `series-${series.id}`, coverKey: series.coverKey };
    }
    case 'membership': {
      const plan = membershipProduct(product.plan);
      return { amountFen: plan.priceFen, title: plan.title, skuId: `vip-${plan.plan}` };
    }
  }
}
