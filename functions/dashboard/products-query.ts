import type { CatalogProduct } from '@shared/sources/catalog';
import { CATALOG_COLUMNS } from '@shared/sources/connector';
import { CONNECTORS, type SourceName } from '@shared/sources/registry';
import type { QueryCost, Sql, Warehouse } from '@shared/warehouse/port';

/**
 * The catalog of every source, each connector contributing its sellable units (Square item variations, Lightspeed
 * items). Deleted objects are never listed; unavailable ones (not sellable, archived) only when `all` is true. Each
 * query's `updated_at <= now` condition is its table's partition filter and reads the catalog as of now.
 */
export const catalogSql: Sql = (d) => `
SELECT ${CATALOG_COLUMNS.join(', ')} FROM (${CONNECTORS.map((c) => c.catalogQuery.sql(d)).join('\nUNION ALL')}
) AS catalog
ORDER BY name, variation_name, source, id`;

interface CatalogRow {
  source: SourceName;
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
export async function queryCatalog(warehouse: Warehouse, request: { now: Date; all: boolean }, onCost?: (cost: QueryCost) => void): Promise<CatalogProduct[]> {
  const rows = await warehouse.query<CatalogRow>(catalogSql, { params: { now: request.now, all: request.all }, onCost });
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
