import { formatTime } from '../../../../scripts/emulators/lightspeed/format';
import { startLightspeedEmulator, type LightspeedEmulator } from '../../../../scripts/emulators/lightspeed/index';
import { ROOMY_BUCKET, apiKeyAuth, apiUrl, followAll, manualClock } from './helpers';

describe('Lightspeed emulator live changes', () => {
  let emulator: LightspeedEmulator;
  let auth: Record<string, string>;
  const clock = manualClock();

  beforeAll(async () => {
    emulator = await startLightspeedEmulator({ sales: 800, items: 40, days: 60, now: clock.now, bucket: ROOMY_BUCKET });
    auth = apiKeyAuth(emulator);
  });
  afterAll(() => emulator.close());

  const newestStamp = (): number =>
    Math.max(...[...emulator.store.sales, ...emulator.store.items].map((record) => record.timeStamp));
  const changedSince = async (resource: 'Sale' | 'Item', since: number, archived = 'false') =>
    (
      await followAll(
        apiUrl(emulator, `${resource}.json?sort=timeStamp&archived=${archived}&timeStamp=${encodeURIComponent(`>,${formatTime(since)}`)}`),
        auth,
        resource,
      )
    ).records;

  it('makes exactly the reported changes visible to a timeStamp > watermark query', async () => {
    const watermark = newestStamp();
    clock.advanceSeconds(60);
    const result = emulator.mutate({ addSales: 3, completeSales: 2, voidSales: 2, archiveItems: 1, updateItems: 2 });
    expect(result.addedSales).toHaveLength(3);
    expect(result.completedSales).toHaveLength(2);
    expect(result.voidedSales).toHaveLength(2);
    expect(result.archivedItems).toHaveLength(1);
    expect(result.updatedItems).toHaveLength(2);
    expect(result.timeStamp).toBe(formatTime(Date.parse('2026-03-01T12:01:00Z') / 1000));

    const sales = await changedSince('Sale', watermark);
    const expectedSales = [...result.voidedSales, ...result.completedSales, ...result.addedSales].sort((a, b) => a - b);
    expect(sales.map((s) => Number(s.saleID)).sort((a, b) => a - b)).toEqual(expectedSales);
    expect(sales.every((s) => s.timeStamp === result.timeStamp && s.updatetime === result.timeStamp)).toBe(true);
    for (const id of result.completedSales) {
      expect(sales.find((s) => Number(s.saleID) === id)).toMatchObject({ completed: 'true', completeTime: result.timeStamp });
    }
    for (const id of result.voidedSales) expect(sales.find((s) => Number(s.saleID) === id)!.voided).toBe('true');

    // The archived item is left out by default, and found with archived=true.
    const items = await changedSince('Item', watermark);
    expect(items.map((i) => Number(i.itemID)).sort()).toEqual([...result.updatedItems].sort());
    const withArchived = await changedSince('Item', watermark, 'true');
    const archived = withArchived.find((i) => Number(i.itemID) === result.archivedItems[0])!;
    expect(archived.archived).toBe('true');
    expect(emulator.store.itemIndex.get(result.archivedItems[0]!)!.shops.every((shop) => shop.qoh === 0)).toBe(true);
  });

  it('stamps each change strictly later than everything before it, even within one clock second', () => {
    const a = emulator.mutate({ addSales: 1 });
    const b = emulator.mutate({ addSales: 1 });
    expect(Date.parse(b.timeStamp)).toBeGreaterThan(Date.parse(a.timeStamp));
    expect(Date.parse(b.timeStamp) / 1000).toBe(newestStamp());
  });

  it('names ids explicitly and skips the ones that are not eligible', () => {
    const open = emulator.store.sales.find((s) => !s.completed && !s.archived && !s.voided);
    const done = emulator.store.sales.find((s) => s.completed && !s.voided)!;
    const result = emulator.mutate({ completeSales: [done.saleID, ...(open ? [open.saleID] : [])] });
    expect(result.completedSales).toEqual(open ? [open.saleID] : []);
    expect(emulator.mutate({}).timeStamp).toBe('');
  });

  it('is reachable over HTTP: POST /emulator/mutate and GET /emulator/stats', async () => {
    const res = await fetch(`${emulator.url}/emulator/mutate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ addSales: 2 }),
    });
    const result = (await res.json()) as { addedSales: number[] };
    expect(result.addedSales).toHaveLength(2);
    expect(emulator.store.saleIndex.get(result.addedSales[1]!)).toBeDefined();

    const stats = (await (await fetch(`${emulator.url}/emulator/stats`)).json()) as Record<string, any>;
    expect(stats.requests).toBe(emulator.stats.requests);
    expect(stats.byResource.Sale).toBeGreaterThan(0);
    expect(stats.bucket).toMatchObject({ size: ROOMY_BUCKET.size });
    const credentials = (await (await fetch(`${emulator.url}/emulator/credentials`)).json()) as Record<string, string>;
    expect(credentials.refreshToken).toBe(emulator.currentRefreshToken());
  });
});
