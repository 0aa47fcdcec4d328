import { centsToDollars } from '@shared/money';
import type { CatalogProduct } from '@shared/sources/catalog';

/** A catalog entry as the API shows it: the price in dollars (null for variable pricing). */
export function catalogProductJson(p: CatalogProduct) {
  return {
    source: p.source,
    id: p.id,
    itemId: p.itemId,
    name: p.name,
    variationName: p.variationName,
    category: p.category,
    sku: p.sku,
    price: p.priceCents === null ? null : centsToDollars(p.priceCents),
    available: p.available,
  };
}
