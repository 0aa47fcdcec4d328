import { SquareClient, type Square } from 'square';
import { startSquareEmulator, type SquareEmulator } from '../../../../scripts/emulators/square';
import { SMALL_SHOP } from './square-test-client';

/** The official SDK pointed at the emulator: what the sync function will do, minus the network. */
describe('Square emulator with the official square SDK', () => {
  let emu: SquareEmulator;
  let client: SquareClient;

  beforeAll(async () => {
    emu = await startSquareEmulator(SMALL_SHOP);
    client = new SquareClient({ token: emu.accessToken, environment: emu.url });
  });
  afterAll(() => emu.close());

  it('lists locations', async () => {
    const res = await client.locations.list();
    expect(res.locations?.map((l) => l.id)).toEqual(emu.store.locations.map((l) => l.id));
  });

  it('pages through every payment of every location with the payments pager', async () => {
    const seen = new Map<string, Square.Payment>();
    for (const loc of emu.store.locations) {
      const pager = await client.payments.list({ locationId: loc.id, beginTime: '2000-01-01T00:00:00Z', limit: 100 });
      for await (const p of pager) seen.set(p.id!, p);
    }
    expect(seen.size).toBe(emu.store.payments.size);
    const sdkTotal = [...seen.values()].reduce((s, p) => s + (p.amountMoney?.amount ?? 0n), 0n);
    const storeTotal = [...emu.store.payments.values()].reduce((s, p) => s + BigInt(p.amount_money.amount), 0n);
    expect(sdkTotal).toBe(storeTotal);
    const card = [...seen.values()].find((p) => p.sourceType === 'CARD' && p.status === 'COMPLETED')!;
    expect(card.cardDetails?.card?.cardBrand).toEqual(expect.any(String));
    expect(card.receiptUrl).toMatch(/^https:\/\/squareup\.com\/receipt\/preview\//);
  });

  it('pages through every refund with the refunds pager', async () => {
    const pager = await client.refunds.list({ beginTime: '2000-01-01T00:00:00Z', limit: 20 });
    const ids: string[] = [];
    for await (const r of pager) ids.push(r.id);
    expect(ids.sort()).toEqual([...emu.store.refunds.keys()].sort());
  });

  it('follows catalog search cursors, deleted objects included', async () => {
    emu.mutate({ deleteItems: 1 });
    const objects: Square.CatalogObject[] = [];
    let cursor: string | undefined;
    do {
      const res = await client.catalog.search({
        objectTypes: ['ITEM', 'ITEM_VARIATION', 'CATEGORY'], includeDeletedObjects: true, limit: 25, cursor,
      });
      objects.push(...(res.objects ?? []));
      cursor = res.cursor;
    } while (cursor);
    const total = emu.store.items.size + emu.store.variations.size + emu.store.categories.size;
    expect(objects).toHaveLength(total);
    const deleted = objects.find((o) => o.type === 'ITEM' && o.isDeleted);
    expect(deleted).toBeDefined();
    const item = objects.find((o): o is Square.CatalogObject.Item => o.type === 'ITEM' && !o.isDeleted)!;
    expect(typeof item.version).toBe('bigint');
    expect(item.itemData?.variations?.[0]).toMatchObject({ type: 'ITEM_VARIATION' });
  });

  it('follows customer search cursors with an updated_at filter', async () => {
    const customers: Square.Customer[] = [];
    let cursor: string | undefined;
    do {
      const res = await client.customers.search({
        limit: BigInt(30), cursor,
        query: { filter: { updatedAt: { startAt: '2000-01-01T00:00:00Z' } }, sort: { field: 'CREATED_AT', order: 'ASC' } },
      });
      customers.push(...(res.customers ?? []));
      cursor = res.cursor;
    } while (cursor);
    expect(customers.map((c) => c.id).sort()).toEqual([...emu.store.customers.keys()].sort());
  });

  it('surfaces a wrong token as the SDK\'s SquareError with status 401', async () => {
    const wrong = new SquareClient({ token: 'nope', environment: emu.url });
    await expect(wrong.locations.list()).rejects.toMatchObject({ statusCode: 401, errors: [expect.objectContaining({ code: 'UNAUTHORIZED' })] });
  });

  it('gets through a rate ceiling because the SDK honours Retry-After', async () => {
    const slow = await startSquareEmulator({ ...SMALL_SHOP, payments: 600, maxRequestsPerSecond: 3 });
    try {
      const sdk = new SquareClient({ token: slow.accessToken, environment: slow.url });
      const pager = await sdk.payments.list({ locationId: slow.store.mainLocationId, beginTime: '2000-01-01T00:00:00Z', limit: 40 });
      let n = 0;
      for await (const _ of pager) n++;
      expect(n).toBe([...slow.store.payments.values()].filter((p) => p.location_id === slow.store.mainLocationId).length);
      expect(slow.stats.rateLimited).toBeGreaterThan(0);
    } finally {
      await slow.close();
    }
  });
});
