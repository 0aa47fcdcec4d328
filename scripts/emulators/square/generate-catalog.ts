/** The shop's catalog: categories, items with one to three variations each, a few archived or deleted. */
import { floor, max, min, parseDate, round } from './bound-globals';
import { iso } from './emulator-clock';
import type { Rng } from './random';
import { catalogObjectId } from './square-ids';
import { BRANDS, CATEGORIES } from './shop-vocabulary';
import type { SquareCatalogCategory, SquareCatalogItem, SquareCatalogVariation } from './wire-types';

const DAY_MS = 86_400_000;

/** The generated catalog. Items hold their live variations by reference, so both views always agree. */
export interface GeneratedCatalog {
  categories: SquareCatalogCategory[];
  items: SquareCatalogItem[];
  variations: SquareCatalogVariation[];
}

/** Shelf prices end in 99 cents, as the shop prices them. */
const shelfPrice = (rng: Rng, lo: number, hi: number): number => max(99, round(rng.int(lo, hi) / 100) * 100 - 1);

/** Stamps a catalog object as changed at `ms`; Square's object versions are millisecond timestamps too. */
export function touchCatalogObject(obj: { updated_at: string; version: number }, ms: number): void {
  obj.updated_at = iso(ms);
  obj.version = ms;
}

/** Generates the catalog as it stands at `nowMs`, with history reaching back before `historyStartMs`. */
export function generateCatalog(
  rng: Rng,
  itemCount: number,
  historyStartMs: number,
  nowMs: number,
  locationIds: readonly string[],
): GeneratedCatalog {
  const latest = nowMs - 60_000;
  const catalogBorn = historyStartMs - 380 * DAY_MS;
  const categories: SquareCatalogCategory[] = CATEGORIES.map((c, i) => {
    const created = catalogBorn + i * 3_600_000;
    return {
      type: 'CATEGORY', id: catalogObjectId(rng), created_at: iso(created), updated_at: iso(created), version: created,
      is_deleted: false, present_at_all_locations: true,
      category_data: { name: c.name, category_type: 'REGULAR_CATEGORY', is_top_level: true, online_visibility: true },
    };
  });

  const items: SquareCatalogItem[] = [];
  const variations: SquareCatalogVariation[] = [];
  const usedNames = new Set<string>();
  const categoryWeights = CATEGORIES.map((c, i) => [i, c.weight] as const);
  for (let n = 0; n < itemCount; n++) {
    const ci = rng.weighted(categoryWeights);
    const template = CATEGORIES[ci];
    let name = `${rng.pick(BRANDS)} ${rng.pick(template.products)}`;
    // Names repeat once the vocabulary runs out (huge shops); a batch number keeps them distinguishable.
    for (let tries = 0; usedNames.has(name) && tries < 20; tries++) name = `${rng.pick(BRANDS)} ${rng.pick(template.products)}`;
    if (usedNames.has(name)) name = `${name} (Batch ${n})`;
    usedNames.add(name);

    const created = rng.chance(0.6)
      ? historyStartMs - rng.int(1, 360) * DAY_MS + rng.int(0, DAY_MS)
      : historyStartMs + floor(rng.next() * (latest - historyStartMs));
    const itemId = catalogObjectId(rng);
    const count = min(rng.int(1, 3), template.variations.length);
    const first = rng.int(0, template.variations.length - count);
    const absent = locationIds.length > 1 && rng.chance(0.05) ? [rng.pick(locationIds.slice(1))] : undefined;
    const own: SquareCatalogVariation[] = [];
    for (let k = 0; k < count; k++) {
      const vt = template.variations[first + k];
      const soldOut = rng.chance(0.04) ? rng.pick(locationIds) : undefined;
      own.push({
        type: 'ITEM_VARIATION', id: catalogObjectId(rng), created_at: iso(created), updated_at: iso(created), version: created,
        is_deleted: false, present_at_all_locations: true, ...(absent && { absent_at_location_ids: absent }),
        item_variation_data: {
          item_id: itemId, name: vt.name, sku: `${template.skuPrefix}-${String(n + 1).padStart(5, '0')}-${k + 1}`, ordinal: k,
          pricing_type: 'FIXED_PRICING', price_money: { amount: shelfPrice(rng, vt.minCents, vt.maxCents), currency: 'USD' },
          track_inventory: true, sellable: true, stockable: true,
          ...(soldOut && { location_overrides: [{ location_id: soldOut, track_inventory: true, sold_out: true }] }),
        },
      });
    }
    const category = categories[ci];
    const item: SquareCatalogItem = {
      type: 'ITEM', id: itemId, created_at: iso(created), updated_at: iso(created), version: created,
      is_deleted: false, present_at_all_locations: true, ...(absent && { absent_at_location_ids: absent }),
      item_data: {
        name, description: template.description, description_plaintext: template.description, is_taxable: true,
        is_archived: false, product_type: 'REGULAR',
        categories: [{ id: category.id, ordinal: 0 }], reporting_category: { id: category.id, ordinal: 0 },
        variations: own,
      },
    };
    items.push(item);
    variations.push(...own);
    applyHistory(rng, item, created, latest);
  }
  return { categories, items, variations };
}

/** Later life of an item: price changes, archiving, a deleted size, or deletion of the whole item. */
function applyHistory(rng: Rng, item: SquareCatalogItem, created: number, latest: number): void {
  if (latest - created < 60_000) return; // too new to have a history
  const later = (): number => created + 1 + floor(rng.next() * (latest - created - 1));
  const vars = item.item_data.variations;
  if (rng.chance(0.3)) {
    const at = later();
    const v = rng.pick(vars);
    v.item_variation_data.price_money.amount += rng.pick([-500, -200, 200, 300, 500]);
    if (v.item_variation_data.price_money.amount < 99) v.item_variation_data.price_money.amount = 99;
    touchCatalogObject(v, at);
    touchCatalogObject(item, at);
  }
  const sinceChange = parseDate(item.updated_at);
  if (latest - sinceChange < 2) return;
  const after = (): number => sinceChange + 1 + floor(rng.next() * (latest - sinceChange - 1));
  if (rng.chance(0.02)) {
    // Deleting an item deletes its variations with it, at the same moment.
    const at = after();
    for (const v of vars) { v.is_deleted = true; touchCatalogObject(v, at); }
    item.is_deleted = true;
    touchCatalogObject(item, at);
  } else if (vars.length > 1 && rng.chance(0.03)) {
    const at = after();
    const gone = vars.pop() as SquareCatalogVariation;
    gone.is_deleted = true;
    touchCatalogObject(gone, at);
    touchCatalogObject(item, at);
  } else if (rng.chance(0.03)) {
    item.item_data.is_archived = true;
    touchCatalogObject(item, after());
  }
}
