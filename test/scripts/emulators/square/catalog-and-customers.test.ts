import {
  startSquareEmulator, type SquareCatalogObject, type SquareCustomer, type SquareEmulator,
} from '../../../../scripts/emulators/square';
import { SMALL_SHOP, post, searchAll } from './square-test-client';

describe('Square emulator: catalog search', () => {
  let emu: SquareEmulator;
  let deletedItemIds: string[];
  const all = (): SquareCatalogObject[] => [...emu.store.categories.values(), ...emu.store.items.values(), ...emu.store.variations.values()];
  const idSet = (rows: { id: string }[]): Set<string> => new Set(rows.map((r) => r.id));

  beforeAll(async () => {
    emu = await startSquareEmulator({ ...SMALL_SHOP, items: 300 });
    deletedItemIds = emu.mutate({ deleteItems: 3 }).itemsDeleted;
  });
  afterAll(() => emu.close());

  it('returns live items with their variations nested, and leaves deleted ones out by default', async () => {
    const items = await searchAll<SquareCatalogObject>(emu, '/v2/catalog/search', 'objects', { object_types: ['ITEM'] });
    const live = [...emu.store.items.values()].filter((i) => !i.is_deleted);
    expect(idSet(items)).toEqual(idSet(live));
    for (const id of deletedItemIds) expect(idSet(items).has(id)).toBe(false);
    const item = items.find((o) => o.type === 'ITEM' && o.item_data.variations.length > 1);
    expect(item).toMatchObject({
      type: 'ITEM', is_deleted: false, present_at_all_locations: expect.any(Boolean), version: expect.any(Number),
      item_data: {
        name: expect.any(String), categories: [{ id: expect.any(String) }],
        variations: expect.arrayContaining([expect.objectContaining({
          type: 'ITEM_VARIATION',
          item_variation_data: expect.objectContaining({ item_id: item?.id, pricing_type: 'FIXED_PRICING', price_money: { amount: expect.any(Number), currency: 'USD' } }),
        })]),
      },
    });
  });

  it('includes deleted items and variations, flagged is_deleted, when asked', async () => {
    const objects = await searchAll<SquareCatalogObject>(emu, '/v2/catalog/search', 'objects', {
      object_types: ['ITEM', 'ITEM_VARIATION', 'CATEGORY'], include_deleted_objects: true, limit: 1000,
    });
    expect(idSet(objects)).toEqual(idSet(all()));
    const deleted = objects.filter((o) => o.is_deleted);
    expect(idSet(deleted)).toEqual(idSet(all().filter((o) => o.is_deleted)));
    for (const id of deletedItemIds) expect(deleted.some((o) => o.id === id)).toBe(true);
    expect(deleted.some((o) => o.type === 'ITEM_VARIATION')).toBe(true);
  });

  it('treats begin_time as exclusive: objects stamped exactly then are not returned again', async () => {
    const stamp = emu.store.items.get(deletedItemIds[1])!.updated_at;
    const after = await searchAll<SquareCatalogObject>(emu, '/v2/catalog/search', 'objects', {
      object_types: ['ITEM', 'ITEM_VARIATION'], include_deleted_objects: true, begin_time: stamp,
    });
    const expected = all().filter((o) => o.type !== 'CATEGORY' && Date.parse(o.updated_at) > Date.parse(stamp));
    expect(idSet(after)).toEqual(idSet(expected));
    expect(after.some((o) => o.id === deletedItemIds[1])).toBe(false);
    expect(after.some((o) => o.id === deletedItemIds[2])).toBe(true);
  });

  it('returns only top-level types unless variations are named, and reports latest_time', async () => {
    const res = await post<{ objects: SquareCatalogObject[]; latest_time: string }>(emu, '/v2/catalog/search', { limit: 1000 });
    expect(new Set(res.body.objects.map((o) => o.type))).toEqual(new Set(['ITEM', 'CATEGORY']));
    const newest = Math.max(...all().map((o) => Date.parse(o.updated_at)));
    expect(Date.parse(res.body.latest_time)).toBe(newest);
  });

  it('ignores a limit above 1,000 or below 1, paging 100 at a time', async () => {
    for (const limit of [5000, 0]) {
      const res = await post<{ objects: unknown[]; cursor?: string }>(emu, '/v2/catalog/search', { object_types: ['ITEM'], limit });
      expect(res.body.objects).toHaveLength(100);
      expect(res.body.cursor).toEqual(expect.any(String));
    }
  });

  it('refuses catalog queries it does not implement instead of ignoring them', async () => {
    const res = await post(emu, '/v2/catalog/search', { query: { prefix_query: { attribute_name: 'name', attribute_prefix: 'Blue' } } });
    expect(res.status).toBe(400);
  });
});

describe('Square emulator: customer search', () => {
  let emu: SquareEmulator;
  let customers: SquareCustomer[];
  const ms = (s: string): number => Date.parse(s);

  beforeAll(async () => {
    emu = await startSquareEmulator(SMALL_SHOP);
    customers = [...emu.store.customers.values()];
  });
  afterAll(() => emu.close());

  it('pages through every customer once, alphabetically by given and family name by default', async () => {
    const rows = await searchAll<SquareCustomer>(emu, '/v2/customers/search', 'customers', { limit: 17 });
    expect(rows).toHaveLength(customers.length);
    expect(new Set(rows.map((c) => c.id)).size).toBe(customers.length);
    const names = rows.map((c) => `${c.given_name}\u0000${c.family_name}`);
    expect(names).toEqual([...names].sort());
    expect(rows[0]).toEqual(expect.objectContaining({
      id: expect.any(String), given_name: expect.any(String), family_name: expect.any(String), created_at: expect.any(String), updated_at: expect.any(String),
    }));
  });

  it('filters on created_at and sorts by it, newest first when asked', async () => {
    const sorted = [...customers].sort((a, b) => ms(a.created_at) - ms(b.created_at));
    const start_at = sorted[30].created_at, end_at = sorted[90].created_at;
    const rows = await searchAll<SquareCustomer>(emu, '/v2/customers/search', 'customers', {
      limit: 10, query: { filter: { created_at: { start_at, end_at } }, sort: { field: 'CREATED_AT', order: 'DESC' } },
    });
    expect(rows.map((c) => c.id)).toEqual(sorted.slice(30, 91).reverse().map((c) => c.id));
  });

  it('filters on updated_at, the field incremental syncs use', async () => {
    const sorted = [...customers].sort((a, b) => ms(a.updated_at) - ms(b.updated_at));
    const start_at = sorted[sorted.length - 25].updated_at;
    const rows = await searchAll<SquareCustomer>(emu, '/v2/customers/search', 'customers', {
      query: { filter: { updated_at: { start_at } }, sort: { field: 'CREATED_AT', order: 'ASC' } }, count: true,
    });
    expect(new Set(rows.map((c) => c.id))).toEqual(new Set(customers.filter((c) => ms(c.updated_at) >= ms(start_at)).map((c) => c.id)));
    expect(rows.length).toBeGreaterThanOrEqual(25);
  });

  it.each([
    [{ limit: 101 }, 'VALUE_TOO_HIGH'],
    [{ limit: 0 }, 'VALUE_TOO_LOW'],
    [{ query: { filter: { email_address: { fuzzy: 'example' } } } }, 'BAD_REQUEST'],
    [{ query: { sort: { field: 'NAME' } } }, 'INVALID_ENUM_VALUE'],
  ])('answers 400 for %j', async (body, code) => {
    const res = await post<{ errors: { code: string }[] }>(emu, '/v2/customers/search', body);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].code).toBe(code);
  });
});
