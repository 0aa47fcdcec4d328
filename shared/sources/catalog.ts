/** One sellable catalog entry of any source, its price in integer cents (null for variable pricing). */
export interface CatalogProduct {
  source: string;
  id: string;
  itemId: string;
  name: string;
  variationName: string | null;
  category: string | null;
  sku: string | null;
  priceCents: number | null;
  available: boolean;
}

/** Catalog order for people: by name, then variation, then id. */
export function byCatalogName(a: CatalogProduct, b: CatalogProduct): number {
  return a.name.localeCompare(b.name) || (a.variationName ?? '').localeCompare(b.variationName ?? '') || a.id.localeCompare(b.id);
}
