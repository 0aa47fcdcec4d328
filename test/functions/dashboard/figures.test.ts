import { chicagoDate, chicagoDaylightTime, chicagoInstant, mondayOf } from './chicago-calendar';
import { type Shop, dollarText, expectedDashboard, expectedHistorical, generateShop, loadShop, locationIds, roundedAverage } from './shop-ground-truth';
import { type DashboardServer, createDashboardRuntime, serveDashboard } from './support';

/** A JSON number as the dollars text it must equal (1234.5 → "1234.50"). */
const asDollarText = (value: number) => value.toFixed(2);

describe('the hand-written Chicago calendar the recomputation relies on', () => {
  it.each([
    [2025, '2025-03-09T08:00:00.000Z', '2025-11-02T07:00:00.000Z'],
    [2026, '2026-03-08T08:00:00.000Z', '2026-11-01T07:00:00.000Z'],
  ])('daylight time in %i runs from %s to %s', (year, starts, ends) => {
    const dst = chicagoDaylightTime(year);
    expect([new Date(dst.starts).toISOString(), new Date(dst.ends).toISOString()]).toEqual([starts, ends]);
  });

  it.each([
    ['2026-03-09T04:59:59Z', '2026-03-08'],
    ['2026-03-09T05:00:00Z', '2026-03-09'],
    ['2025-11-03T05:30:00Z', '2025-11-02'],
    ['2026-01-01T05:59:59.999Z', '2025-12-31'],
    ['2026-01-01T06:00:00Z', '2026-01-01'],
  ])('%s is %s in Chicago', (instant, date) => expect(chicagoDate(instant)).toBe(date));

  it('starts weeks on Monday', () => {
    expect(mondayOf('2026-01-01')).toBe('2025-12-29');
    expect(mondayOf('2026-03-08')).toBe('2026-03-02');
    expect(mondayOf('2026-03-09')).toBe('2026-03-09');
  });
});

/**
 * Instants to ask at: right after and right before midnights that begin a year (inside a week that began the year
 * before), a month, a week, on both daylight-saving days and right after them, and an ordinary afternoon.
 */
const NOWS: Array<[string, Date]> = [
  ['ten minutes into 2026 (the week began on 29 December 2025)', new Date(chicagoInstant('2026-01-01T00:10:00').getTime())],
  ['the last millisecond of 2025', new Date(chicagoInstant('2026-01-01T00:00:00').getTime() - 1)],
  ['midnight that begins Monday 2 March (a new week; the month began on Sunday)', chicagoInstant('2026-03-02T00:00:00')],
  ['the first minute of March', chicagoInstant('2026-03-01T00:00:30')],
  ['03:30 CDT on the spring-forward Sunday', new Date('2026-03-08T08:30:00Z')],
  ['00:30 CDT on Monday 9 March (still 8 March in CST)', new Date('2026-03-09T05:30:00Z')],
  ['the second 01:30 of the autumn-back Sunday (CST)', new Date('2025-11-02T07:30:00Z')],
  ['23:30 CST on Sunday 2 November (already Monday in CDT)', new Date('2025-11-03T05:30:00Z')],
  ['an ordinary April afternoon', new Date('2026-04-15T22:00:00Z')],
];

describe('dashboard figures equal an independent recomputation from the rows (America/Chicago)', () => {
  let shop: Shop;
  let server: DashboardServer;
  let rt: ReturnType<typeof createDashboardRuntime>['rt'];

  beforeAll(async () => {
    ({ rt } = createDashboardRuntime({ BUSINESS_TIMEZONE: 'America/Chicago' }));
    shop = generateShop();
    await loadShop(rt.warehouse, shop);
    server = await serveDashboard(rt);
  });

  afterAll(async () => {
    await server.close();
    await rt.warehouse.close();
  });

  /** Moves the clock and drops cached answers, so the next read queries as of `now`. */
  async function at(now: Date) {
    rt.clock.set(now);
    expect((await server.post('/api/bigquery/cache/invalidate', {})).status).toBe(200);
  }

  it('the shop really straddles the boundaries: refunds in a later period than their sale, rows after the asked instants', () => {
    const laterPeriod = shop.refunds.filter((f) => {
      const sale = shop.payments.find((p) => p.id === f.payment_id)!;
      const [s, r] = [chicagoDate(sale.created_at), chicagoDate(f.created_at)];
      return s.slice(0, 4) !== r.slice(0, 4) || s.slice(0, 7) !== r.slice(0, 7) || mondayOf(s) !== mondayOf(r);
    });
    expect(laterPeriod.length).toBeGreaterThan(20);
    expect(shop.payments.some((p) => p.created_at > '2026-04-16')).toBe(true);
  });

  /** The metrics of an answer as dollar texts and counts, and the same recomputed from the rows. */
  function compared(m: Record<string, number>, e: ReturnType<typeof expectedDashboard>) {
    return [
      {
        today: asDollarText(m.todayRevenue),
        week: asDollarText(m.weekRevenue),
        month: asDollarText(m.monthRevenue),
        year: asDollarText(m.yearRevenue),
        transactions: m.totalTransactions,
        customers: m.totalCustomers,
        average: asDollarText(m.avgOrderValue),
      },
      {
        today: dollarText(e.todayCents),
        week: dollarText(e.weekCents),
        month: dollarText(e.monthCents),
        year: dollarText(e.yearCents),
        transactions: e.count,
        customers: e.customers,
        average: dollarText(roundedAverage(e.netCents, e.count)),
      },
    ];
  }

  it.each(NOWS)('GET /api/bigquery/dashboard?locationId=… for every location at %s', async (_name, now) => {
    await at(now);
    const ids = locationIds(shop);
    expect(ids).toEqual(['1', '2', 'L1', 'L2', 'L3']);
    const all = await server.get('/api/bigquery/dashboard');
    expect(all.body.locations.map((l: { locationId: string }) => l.locationId).sort()).toEqual(ids);
    for (const id of ids) {
      const res = await server.get(`/api/bigquery/dashboard?locationId=${id}`);
      expect(res.status).toBe(200);
      const [actual, expected] = compared(res.body.metrics, expectedDashboard(shop, now, id));
      expect(actual).toEqual(expected);
      // The breakdown in the unfiltered answer says the same.
      const listed = all.body.locations.find((l: { locationId: string }) => l.locationId === id);
      expect(compared(listed, expectedDashboard(shop, now, id))[0]).toEqual(expected);
      expect(res.body.locations).toHaveLength(1);
    }
  });

  it('a location no source has is 404 UNKNOWN_LOCATION, and a malformed id 400', async () => {
    await at(new Date('2026-04-15T22:00:00Z'));
    for (const path of ['/api/bigquery/dashboard?locationId=L9', '/api/bigquery/historical?locationId=L9']) {
      const res = await server.get(path);
      expect([res.status, res.body.code]).toEqual([404, 'UNKNOWN_LOCATION']);
    }
    expect((await server.get('/api/bigquery/dashboard?locationId=%27%3B--')).status).toBe(400);
  });

  it.each(['L2', '1'])('GET /api/bigquery/historical?locationId=%s equals the recomputation for that location', async (id) => {
    const now = new Date('2026-03-10T12:00:00Z');
    await at(now);
    for (const [period, days] of [['daily', 14], ['monthly', 200]] as const) {
      const res = await server.get(`/api/bigquery/historical?period=${period}&days=${days}&locationId=${id}`);
      expect(res.status).toBe(200);
      expect(res.body.locationId).toBe(id);
      const e = expectedHistorical(shop, now, period, days, id);
      expect(res.body.data.map((b: { date: string; revenue: number; transactions: number }) => [b.date, asDollarText(b.revenue), b.transactions])).toEqual(
        e.buckets.map((b) => [b.date, dollarText(b.cents), b.transactions]),
      );
    }
  });

  it.each(NOWS)('GET /api/bigquery/dashboard at %s', async (_name, now) => {
    await at(now);
    const res = await server.get('/api/bigquery/dashboard');
    expect(res.status).toBe(200);
    const e = expectedDashboard(shop, now);
    const m = res.body.metrics;
    expect({
      today: asDollarText(m.todayRevenue),
      week: asDollarText(m.weekRevenue),
      month: asDollarText(m.monthRevenue),
      year: asDollarText(m.yearRevenue),
      transactions: m.totalTransactions,
      customers: m.totalCustomers,
      average: asDollarText(m.avgOrderValue),
    }).toEqual({
      today: dollarText(e.todayCents),
      week: dollarText(e.weekCents),
      month: dollarText(e.monthCents),
      year: dollarText(e.yearCents),
      transactions: e.count,
      customers: e.customers,
      average: dollarText(roundedAverage(e.netCents, e.count)),
    });
    expect(res.body).toMatchObject({ success: true, mode: 'live', lastRefresh: now.toISOString() });
    expect(typeof res.body.queryMs).toBe('number');
    // Every money figure prints as exactly its cents: no binary-fraction tails.
    for (const v of [m.todayRevenue, m.weekRevenue, m.monthRevenue, m.yearRevenue, m.avgOrderValue]) expect(String(v)).toMatch(/^-?\d+(\.\d{1,2})?$/);
  });

  it.each<[string, 'daily' | 'monthly', number, Date]>([
    ['daily, 14 days across both 2026 month ends and the DST change', 'daily', 14, new Date('2026-03-10T12:00:00Z')],
    ['daily, 5 days across the new year', 'daily', 5, new Date(chicagoInstant('2026-01-02T23:59:59').getTime())],
    ['daily, 3 days across the autumn change', 'daily', 3, new Date('2025-11-04T05:59:59Z')],
    ['monthly, 200 days (whole months)', 'monthly', 200, new Date('2026-03-09T05:30:00Z')],
    ['monthly, 1 day (this month so far)', 'monthly', 1, chicagoInstant('2026-03-01T00:00:30')],
  ])('GET /api/bigquery/historical %s', async (_name, period, days, now) => {
    await at(now);
    const res = await server.get(`/api/bigquery/historical?period=${period}&days=${days}`);
    expect(res.status).toBe(200);
    const e = expectedHistorical(shop, now, period, days);
    expect({ from: res.body.from, to: res.body.to }).toEqual({ from: e.from, to: e.to });
    expect(res.body.data.map((b: { date: string; revenue: number; transactions: number }) => [b.date, asDollarText(b.revenue), b.transactions])).toEqual(
      e.buckets.map((b) => [b.date, dollarText(b.cents), b.transactions]),
    );
    if (period === 'daily') expect(res.body.data).toHaveLength(days);
  });

  it('each refresh logs and counts what its query cost (DuckDB: rows scanned), shown in /api/bigquery/cache-stats', async () => {
    await at(new Date('2026-04-15T22:00:00Z'));
    const before = (await server.get('/api/bigquery/cache-stats')).body.warehouseCost;
    rt.logs.length = 0;
    expect((await server.get('/api/bigquery/dashboard')).status).toBe(200);
    expect((await server.get('/api/bigquery/historical?days=7')).status).toBe(200);
    const lines = rt.logs.filter((l) => l.message === 'warehouse query cost');
    expect(lines.map((l) => l.warehouseQuery).sort()).toEqual(['dashboard', 'historical']);
    for (const line of lines) expect(line).toMatchObject({ backend: 'duckdb', bytesProcessed: null, rowsScanned: expect.any(Number) });
    const after = (await server.get('/api/bigquery/cache-stats')).body.warehouseCost;
    expect(after.backend).toBe('duckdb');
    for (const query of ['dashboard', 'historical'] as const) {
      const logged = lines.find((l) => l.warehouseQuery === query)!;
      expect(logged.rowsScanned).toBeGreaterThan(0);
      expect(after[query].queries - before[query].queries).toBe(1);
      expect(after[query].rowsScanned - before[query].rowsScanned).toBe(logged.rowsScanned);
      expect(after[query].last).toMatchObject({ backend: 'duckdb', rowsScanned: logged.rowsScanned });
    }
  });

  it('historical defaults to 30 zero-filled days ending today', async () => {
    const now = new Date('2026-04-15T22:00:00Z');
    await at(now);
    const res = await server.get('/api/bigquery/historical');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ period: 'daily', days: 30, from: '2026-03-17', to: '2026-04-15' });
    expect(res.body.data).toHaveLength(30);
  });
});
