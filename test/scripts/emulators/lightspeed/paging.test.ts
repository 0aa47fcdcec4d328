import { startLightspeedEmulator, type LightspeedEmulator } from '../../../../scripts/emulators/lightspeed/index';
import { ROOMY_BUCKET, apiKeyAuth, apiUrl, asList, followAll, getJson, manualClock, toCents, type Served } from './helpers';

describe('Lightspeed emulator paging', () => {
  let emulator: LightspeedEmulator;
  let auth: Record<string, string>;
  const clock = manualClock();

  beforeAll(async () => {
    emulator = await startLightspeedEmulator({ sales: 1234, items: 60, days: 120, now: clock.now, bucket: ROOMY_BUCKET });
    auth = apiKeyAuth(emulator);
  });
  afterAll(() => emulator.close());

  const liveSales = () => emulator.store.sales.filter((sale) => !sale.archived);

  it('following @attributes.next returns every sale exactly once, and the totals match to the cent', async () => {
    const first = await getJson(apiUrl(emulator, 'Sale.json'), auth);
    expect(first.body['@attributes'].previous).toBe('');
    expect(first.body['@attributes'].next).toMatch(/\/Sale\.json\?sort=saleID&limit=100&after=/);
    expect(first.body.Sale).toHaveLength(100);

    const { records, pages } = await followAll(apiUrl(emulator, 'Sale.json'), auth, 'Sale');
    const ids = records.map((sale) => Number(sale.saleID));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(liveSales().map((sale) => sale.saleID));
    expect(pages).toBe(Math.ceil(liveSales().length / 100));
    const servedTotal = records.reduce((sum, sale) => sum + toCents(sale.total), 0);
    expect(servedTotal).toBe(liveSales().reduce((sum, sale) => sum + sale.totalCents, 0));
    const servedTax = records.reduce((sum, sale) => sum + toCents(sale.calcTax1), 0);
    expect(servedTax).toBe(liveSales().reduce((sum, sale) => sum + sale.tax1Cents, 0));
  });

  it('pages by (timeStamp, id) across same-second ties, ascending and descending', async () => {
    const stamps = liveSales().map((sale) => sale.timeStamp);
    expect(new Set(stamps).size).toBeLessThan(stamps.length); // the data really has ties

    const expected = [...liveSales()].sort((a, b) => a.timeStamp - b.timeStamp || a.saleID - b.saleID).map((s) => s.saleID);
    const ascending = await followAll(apiUrl(emulator, 'Sale.json?sort=timeStamp&limit=37'), auth, 'Sale');
    expect(ascending.records.map((s) => Number(s.saleID))).toEqual(expected);
    const descending = await followAll(apiUrl(emulator, 'Sale.json?sort=-timeStamp&limit=37'), auth, 'Sale');
    expect(descending.records.map((s) => Number(s.saleID))).toEqual([...expected].reverse());
  });

  it('caps limit at 100 and serves the path without .json too', async () => {
    const { body } = await getJson(apiUrl(emulator, 'Sale?limit=500'), auth);
    expect(body.Sale).toHaveLength(100);
    expect(body['@attributes'].next).toContain('limit=500');
  });

  it('goes back with @attributes.previous', async () => {
    const first = await getJson(apiUrl(emulator, 'Sale.json?limit=10'), auth);
    const second = await getJson(first.body['@attributes'].next, auth);
    expect(second.body['@attributes'].previous).toContain('before=');
    const back = await getJson(second.body['@attributes'].previous, auth);
    expect(back.body.Sale.map((s: Served) => s.saleID)).toEqual(first.body.Sale.map((s: Served) => s.saleID));
  });

  it('returns a single match as an object, not an array, and omits the key when nothing matches', async () => {
    const one = await getJson(apiUrl(emulator, 'Sale.json?saleID=5'), auth);
    expect(Array.isArray(one.body.Sale)).toBe(false);
    expect(one.body.Sale.saleID).toBe('5');
    expect(one.body['@attributes']).toEqual({ next: '', previous: '' });

    const none = await getJson(apiUrl(emulator, 'Sale.json?saleID=999999'), auth);
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ '@attributes': { next: '', previous: '' } });
  });

  it('serves numbers as Lightspeed does: strings with trailing zeros trimmed', async () => {
    const { body } = await getJson(apiUrl(emulator, 'Sale.json?limit=100'), auth);
    for (const sale of body.Sale as Served[]) {
      for (const field of ['calcSubtotal', 'calcTax1', 'calcTotal', 'total']) {
        expect(sale[field]).toMatch(/^-?\d+(\.\d?[1-9])?$/);
      }
      expect(sale.timeStamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
      expect(['true', 'false']).toContain(sale.completed);
    }
  });

  it('counts with count=1 and reads one record by id', async () => {
    const count = await getJson(apiUrl(emulator, 'Sale.json?count=1'), auth);
    expect(count.body).toEqual({ '@attributes': { count: String(liveSales().length) } });
    expect(count.headers.get('x-ls-api-request-cost')).toBe('10');
    const single = await getJson(apiUrl(emulator, 'Sale/7.json'), auth);
    expect(single.body['@attributes']).toEqual({ count: '1' });
    expect(single.body.Sale.saleID).toBe('7');
    expect((await getJson(apiUrl(emulator, 'Sale/999999.json'), auth)).status).toBe(404);
  });

  it('neither skips nor repeats an unchanged sale when sales change mid-scan (timeStamp order)', async () => {
    const before = new Map(liveSales().map((sale) => [sale.saleID, sale.timeStamp]));
    const changed = new Set<number>();
    const { records } = await followAll(apiUrl(emulator, 'Sale.json?sort=timeStamp&limit=50'), auth, 'Sale', (page) => {
      if (page % 3 !== 1 || page > 15) return; // only while pages remain, so the changes are still ahead
      clock.advanceSeconds(30);
      // Void old sales (some already read, some not yet) and add new ones while the scan is under way.
      const result = emulator.mutate({ voidSales: [1 + page * 7, 600 + page * 11], addSales: 2 });
      [...result.voidedSales, ...result.addedSales].forEach((id) => changed.add(id));
    });
    const seen = new Map<number, number>();
    for (const sale of records) seen.set(Number(sale.saleID), (seen.get(Number(sale.saleID)) ?? 0) + 1);
    for (const id of before.keys()) expect(seen.get(id)).toBeGreaterThanOrEqual(1);
    for (const [id, times] of seen) if (!changed.has(id)) expect(times).toBe(1);
    expect([...changed].every((id) => seen.has(id))).toBe(true);
    // A sale voided after it was read is met again, with its new timeStamp, at the end of the scan.
    expect([...changed].some((id) => (seen.get(id) ?? 0) > 1)).toBe(true);
    const served = records.map((s) => [Date.parse(s.timeStamp), Number(s.saleID)] as const);
    const lastOf = (id: number) => served.filter(([, sid]) => sid === id).pop()!;
    for (const id of changed) expect(lastOf(id)[0] / 1000).toBe(emulator.store.saleIndex.get(id)!.timeStamp);
  });

  it('includes SaleLines when asked, with one line as an object', async () => {
    const { body } = await getJson(apiUrl(emulator, `Sale.json?load_relations=${encodeURIComponent('["SaleLines"]')}`), auth);
    const sales = body.Sale as Array<Served & { SaleLines: { SaleLine: Served | Served[] } }>;
    const single = sales.find((sale) => !Array.isArray(sale.SaleLines.SaleLine))!;
    expect(single).toBeDefined();
    for (const sale of sales) {
      const lines = asList(sale.SaleLines.SaleLine);
      const net = lines.reduce((sum, line) => sum + toCents(line.calcTotal), 0);
      expect(net).toBe(toCents(sale.calcSubtotal) - toCents(sale.calcDiscount));
    }
  });
});
