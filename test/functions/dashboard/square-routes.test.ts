import { type SquareEmulator, startSquareEmulator } from '../../../scripts/emulators/square';
import { dollarText } from './shop-ground-truth';
import { type DashboardServer, createDashboardRuntime, serveDashboard } from './support';

const NOW = '2026-03-15T17:00:00Z';
const WEEK_MS = 7 * 86_400_000;

describe('live Square reads through shared/sources/square, against the Square emulator', () => {
  let emulator: SquareEmulator;
  let rt: ReturnType<typeof createDashboardRuntime>['rt'];
  let server: DashboardServer;

  beforeAll(async () => {
    const clock = { now: () => new Date(NOW) };
    emulator = await startSquareEmulator({ payments: 3000, items: 150, customers: 50, locations: 3, days: 60, seed: 11, now: clock.now });
    ({ rt } = createDashboardRuntime({ SQUARE_BASE_URL: emulator.url, SQUARE_MAX_RPS: '2000' }, NOW, { SQUARE_ACCESS_TOKEN: emulator.accessToken }));
    server = await serveDashboard(rt);
  });

  afterAll(async () => {
    await server.close();
    await emulator.close();
    await rt.warehouse.close();
  });

  it('GET /api/square/transactions: the last seven days of every location, net revenue exact to the cent', async () => {
    const from = Date.parse(NOW) - WEEK_MS;
    const inWindow = [...emulator.store.payments.values()].filter((p) => Date.parse(p.created_at) >= from && Date.parse(p.created_at) < Date.parse(NOW));
    const completed = inWindow.filter((p) => p.status === 'COMPLETED');
    const revenue = completed.reduce((sum, p) => sum + Number(p.amount_money.amount) - Number(p.refunded_money?.amount ?? 0), 0);
    const newest = [...inWindow].sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : a.id.localeCompare(b.id))).slice(0, 20);
    expect(new Set(completed.map((p) => p.location_id)).size).toBeGreaterThan(1);

    const res = await server.get('/api/square/transactions');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ source: 'square', count: completed.length, paymentCount: inWindow.length, mode: 'live' });
    expect(res.body.revenue.toFixed(2)).toBe(dollarText(revenue));
    expect(res.body.recentPayments.map((p: { id: string }) => p.id)).toEqual(newest.map((p) => p.id));
    expect(res.body.recentPayments[0]).toMatchObject({ amount: Number(dollarText(Number(newest[0].amount_money.amount))), status: newest[0].status });
  });

  it('GET /api/square/catalog: every live, sellable variation with its price in dollars; ?all=true adds unsellable ones', async () => {
    const live = [...emulator.store.items.values()]
      .filter((item) => !item.is_deleted)
      .flatMap((item) => item.item_data.variations.filter((v) => !v.is_deleted).map((v) => ({ item, v })));
    const sellable = live.filter(({ item, v }) => v.item_variation_data.sellable && !item.item_data.is_archived);
    expect(live.length).toBeGreaterThan(sellable.length); // the shop has archived items to leave out
    expect([...emulator.store.items.values()].some((item) => item.is_deleted)).toBe(true); // and deleted ones

    const res = await server.get('/api/square/catalog');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { id: string }) => i.id).sort()).toEqual(sellable.map(({ v }) => v.id).sort());
    const byId = new Map(res.body.items.map((i: { id: string; price: number }) => [i.id, i.price]));
    for (const { v } of sellable) expect((byId.get(v.id) as number).toFixed(2)).toBe(dollarText(Number(v.item_variation_data.price_money.amount)));

    const all = await server.get('/api/square/catalog?all=true');
    expect(all.body.count).toBe(live.length);
  });

  it('a Square that refuses the token, with nothing cached, gives 503 SQUARE_UNAVAILABLE', async () => {
    const { rt: other } = createDashboardRuntime({ SQUARE_BASE_URL: emulator.url, SQUARE_MAX_RPS: '2000' }, NOW, { SQUARE_ACCESS_TOKEN: 'wrong-token' });
    const refused = await serveDashboard(other);
    try {
      const res = await refused.get('/api/square/transactions');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ success: false, code: 'SQUARE_UNAVAILABLE' });
    } finally {
      await refused.close();
      await other.warehouse.close();
    }
  });
});
