import type { ProductRef } from '@drama/shared/orders';
import { liveProducts, type CoinPack, type ProductCatalog } from '@drama/shared/products';
import type { CatalogReader } from '../catalog/catalog';
import { NotFound } from '../errors';

export interface PricedProduct {
  amountFen: number;
  title: string;
  coverKey?: string;
  /** A coin pack's terms as sold: the grant follows them even if the operator changes the pack later. */
  pack?: CoinPack;
}

/** The price of a product comes from shared/ and the catalog only, never from the client. */
export async function priceOf(product: ProductRef, catalog: CatalogReader, products: ProductCatalog = liveProducts()): Promise<PricedProduct> {
  switch (product.kind) {
    case 'coins': {
      const pack = products.coinPacks.find((p) => p.packId === product.packId);
      if (!pack) throw new NotFound(`no coin pack ${product.packId}`);
      const bonus = pack.bonusCoins ? ` + ${pack.bonusCoins} 赠送` : '';
      return { amountFen: pack.priceFen, title: `${pack.coins} 金币${bonus}`, pack: { ...pack } };
    }
    case 'series': {
      const series = await catalog.getSeries(product.seriesId);
      if (!series || !series.published) throw new NotFound(`no series ${product.seriesId}`);
      return { amountFen: series.seriesPriceFen, title: `《${series.title}》全集`, coverKey: series.coverKey };
    }
    case 'membership': {
      const plan = products.memberships.find((m) => m.plan === product.plan);
      if (!plan) throw new NotFound(`no membership plan ${product.plan}`);
      return { amountFen: plan.priceFen, title: plan.title };
    }
  }
}
