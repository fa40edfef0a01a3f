import type { AdminProductsInput } from '@drama/shared/admin';
import type { ProductCatalog } from '@drama/shared/products';

/** The coin packs and membership prices on sale: the operator's, or shared/products.ts's defaults. */
export interface ProductSettings {
  read(): Promise<ProductCatalog>;
  /** Replaces the operator's prices; orders are priced from them from then on. */
  put(input: AdminProductsInput): Promise<ProductCatalog>;
}

/** GET /admin/products: what is on sale now. */
export async function productsOnSale(ports: { products: ProductSettings }): Promise<ProductCatalog> {
  return ports.products.read();
}

/** PUT /admin/products: the operator's new prices (validated at the edge by adminProductsInputSchema). */
export async function setProducts(input: AdminProductsInput, ports: { products: ProductSettings }): Promise<ProductCatalog> {
  return ports.products.put(input);
}
