import type { Sql, Warehouse } from '@shared/warehouse/port';

/** One sellable catalog entry of either source, its price in integer cents (null for variable pricing). */
export interface CatalogProduct {
  source: 'square' | 'lightspeed';
  id: string;
  itemId: string;
  name: string;
  variationName: string | null;
  category: string | null;
  sku: string | null;
  priceCents: number | null;
  available: boolean;
}

/**
 * The catalog of both sources: Square item variations (the sellable unit with its SKU and price) and Lightspeed
 * items. Deleted objects are never listed; unavailable ones (not sellable, archived) only when `all` is true. The
 * `updated_at <= now` condition is the partition filter (both tables are partitioned on it) and reads the catalog
 * as of now.
 */
export const catalogSql: Sql = (d) => `
SELECT 'square' AS source, id, item_id, name, variation_name, category, sku, price_cents, available
FROM ${d.table('commerce.square_items')}
WHERE updated_at <= ${d.param('now')} AND NOT is_deleted AND (${d.param('all')} OR available)
UNION ALL
SELECT 'lightspeed' AS source, id, id AS item_id, name, CAST(NULL AS STRING) AS variation_name,
  category, sku, price_cents, NOT is_archived AS available
FROM ${d.table('analytics.lightspeed_products')}
WHERE updated_at <= ${d.param('now')} AND (${d.param('all')} OR NOT is_archived)
ORDER BY name, variation_name, source, id`;

interface CatalogRow {
  source: 'square' | 'lightspeed';
  id: string;
  item_id: string;
  name: string;
  variation_name: string | null;
  category: string | null;
  sku: string | null;
  price_cents: number | null;
  available: boolean;
}

/** Reads the catalog as of `now`. */
export async function queryCatalog(warehouse: Warehouse, request: { now: Date; all: boolean }): Promise<CatalogProduct[]> {
  const rows = await warehouse.query<CatalogRow>(catalogSql, { params: { now: request.now, all: request.all } });
  return rows.map((r) => ({
    source: r.source,
    id: r.id,
    itemId: r.item_id,
    name: r.name,
    variationName: r.variation_name,
    category: r.category,
    sku: r.sku,
    priceCents: r.price_cents === null ? null : Number(r.price_cents),
    available: Boolean(r.available),
  }));
}

/**
 * Top sellers need to know which products each sale contained. Neither source's sales in the warehouse carry line
 * items (Square payments reference an order, and the orders sync is a later feature; Lightspeed sales are stored
 * as totals), so no product-level ranking can be computed from what the warehouse holds. The dashboard says so
 * rather than ranking anything else under that name.
 */
export const TOP_SELLERS_UNAVAILABLE = {
  available: false,
  windowDays: 30,
  reason: 'Sales in the warehouse carry no line items yet (the Square orders sync is a later feature), so products cannot be ranked by units or revenue sold',
} as const;
