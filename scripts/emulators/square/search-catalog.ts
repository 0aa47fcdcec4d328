/**
 * POST /v2/catalog/search: objects of the requested types changed strictly after begin_time, oldest change
 * first. Deleted objects appear only with include_deleted_objects and then carry is_deleted: true.
 */
import { parseDate } from './bound-globals';
import { decodeCursor, encodeCursor } from './cursor';
import { iso } from './emulator-clock';
import { fingerprint, optionalTime, parseBoolean, parseInteger } from './request-params';
import { badRequest } from './square-errors';
import type { SquareStore } from './square-store';
import type { SquareCatalogObject } from './wire-types';

/** Every catalog object type Square knows; the shop only has items, variations and categories. */
const KNOWN_TYPES = [
  'ITEM', 'IMAGE', 'CATEGORY', 'ITEM_VARIATION', 'TAX', 'DISCOUNT', 'MODIFIER_LIST', 'MODIFIER', 'PRICING_RULE',
  'PRODUCT_SET', 'TIME_PERIOD', 'MEASUREMENT_UNIT', 'SUBSCRIPTION_PLAN_VARIATION', 'ITEM_OPTION', 'ITEM_OPTION_VAL',
  'CUSTOM_ATTRIBUTE_DEFINITION', 'QUICK_AMOUNTS_SETTINGS', 'SUBSCRIPTION_PLAN', 'AVAILABILITY_PERIOD',
];
/** Nested types are returned only when asked for by name. */
const NESTED_TYPES = new Set(['ITEM_VARIATION', 'MODIFIER', 'IMAGE', 'ITEM_OPTION_VAL']);
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

function parseTypes(value: unknown): Set<string> {
  if (value === undefined || value === null) return new Set(KNOWN_TYPES.filter((t) => !NESTED_TYPES.has(t)));
  if (!Array.isArray(value)) throw badRequest('EXPECTED_ARRAY', 'Expected an array for `object_types`.', 'object_types');
  for (const t of value) {
    if (typeof t !== 'string' || !KNOWN_TYPES.includes(t)) {
      throw badRequest('INVALID_ENUM_VALUE', `\`${String(t)}\` is not a valid catalog object type.`, 'object_types');
    }
  }
  return new Set(value as string[]);
}

/** Answers SearchCatalogObjects. */
export function searchCatalog(store: SquareStore, body: Record<string, unknown>): Record<string, unknown> {
  const types = parseTypes(body.object_types);
  const includeDeleted = parseBoolean(body.include_deleted_objects, 'include_deleted_objects');
  const includeRelated = parseBoolean(body.include_related_objects, 'include_related_objects');
  if (includeDeleted && parseBoolean(body.include_category_path_to_root, 'include_category_path_to_root')) {
    throw badRequest('CONFLICTING_PARAMETERS', '`include_deleted_objects` and `include_category_path_to_root` cannot both be true.');
  }
  if (body.query !== undefined && body.query !== null && Object.keys(body.query as object).length > 0) {
    // Better an honest refusal than silently unfiltered results.
    throw badRequest('BAD_REQUEST', 'The Square emulator does not implement CatalogQuery filters; use object_types and begin_time.', 'query');
  }
  const begin = optionalTime(body.begin_time, 'begin_time');
  const requested = parseInteger(body.limit, 'limit');
  // Square ignores a limit that is zero, negative or above 1,000.
  const limit = requested !== undefined && requested > 0 && requested <= MAX_LIMIT ? requested : DEFAULT_LIMIT;
  const query = fingerprint({ types: [...types].sort(), includeDeleted, begin });
  const state = typeof body.cursor === 'string' && body.cursor ? decodeCursor(body.cursor, query) : undefined;

  const index = store.catalogIndex;
  // begin_time is exclusive: start after every object stamped exactly at begin_time.
  let i = state ? index.seek({ ms: state.after.key as number, id: state.after.id }, true) : begin === undefined ? 0 : index.upperBound(begin);
  const objects: SquareCatalogObject[] = [];
  let more = false;
  for (; i < index.size; i++) {
    const obj = store.catalogObject(index.idAt(i));
    if (!obj || !types.has(obj.type) || (obj.is_deleted && !includeDeleted)) continue;
    if (objects.length === limit) { more = true; break; }
    objects.push(obj);
  }
  const latest = index.size ? iso(index.msAt(index.size - 1)) : undefined;
  if (objects.length === 0) return latest ? { latest_time: latest } : {};
  const last = objects[objects.length - 1];
  const out: Record<string, unknown> = { objects };
  if (more) out.cursor = encodeCursor({ query, after: { key: parseDate(last.updated_at), id: last.id }, frozen: {} });
  if (includeRelated) {
    const related = relatedObjects(store, objects);
    if (related.length) out.related_objects = related;
  }
  if (latest) out.latest_time = latest;
  return out;
}

/** Objects one reference away: an item's categories, a variation's item. */
function relatedObjects(store: SquareStore, objects: readonly SquareCatalogObject[]): SquareCatalogObject[] {
  const seen = new Set(objects.map((o) => o.id));
  const out: SquareCatalogObject[] = [];
  const add = (id: string): void => {
    const o = store.catalogObject(id);
    if (o && !seen.has(id)) { seen.add(id); out.push(o); }
  };
  for (const o of objects) {
    if (o.type === 'ITEM') for (const c of o.item_data.categories) add(c.id);
    if (o.type === 'ITEM_VARIATION') add(o.item_variation_data.item_id);
  }
  return out;
}
