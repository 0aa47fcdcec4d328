import { startSquareEmulator, type SquareEmulator, type SquarePayment, type SquareRefund } from '../../../../scripts/emulators/square';
import { ALL_TIME, FIXED_NOW, SMALL_SHOP, get, listAll } from './square-test-client';

describe('Square emulator: locations, payments and refunds', () => {
  let emu: SquareEmulator;
  let payments: SquarePayment[];
  let refunds: SquareRefund[];
  const created = (p: { created_at: string }): number => Date.parse(p.created_at);
  const updated = (p: { updated_at: string }): number => Date.parse(p.updated_at);
  const ids = (rows: { id: string }[]): string[] => rows.map((r) => r.id);

  beforeAll(async () => {
    emu = await startSquareEmulator(SMALL_SHOP);
    payments = [...emu.store.payments.values()];
    refunds = [...emu.store.refunds.values()];
  });
  afterAll(() => emu.close());

  it('lists every location, the main one first', async () => {
    const res = await get<{ locations: { id: string; name: string; timezone: string; currency: string; created_at: string }[] }>(emu, '/v2/locations');
    expect(res.status).toBe(200);
    expect(res.body.locations.map((l) => l.id)).toEqual(emu.store.locations.map((l) => l.id));
    expect(res.body.locations[0]).toMatchObject({ name: 'Austin - South Congress', timezone: 'America/Chicago', currency: 'USD' });
  });

  it('pages through every location: each payment exactly once, newest first, and amounts add up to the store', async () => {
    const seen: SquarePayment[] = [];
    for (const loc of emu.store.locations) {
      const { rows, pages } = await listAll<SquarePayment>(emu, '/v2/payments', 'payments', { ...ALL_TIME, location_id: loc.id });
      const mine = payments.filter((p) => p.location_id === loc.id);
      expect(rows).toHaveLength(mine.length);
      expect(pages).toBe(Math.ceil(mine.length / 100));
      expect(rows.every((p) => p.location_id === loc.id)).toBe(true);
      const times = rows.map(created);
      expect(times).toEqual([...times].sort((a, b) => b - a));
      const sum = (list: SquarePayment[]): number => list.reduce((s, p) => s + p.amount_money.amount, 0);
      expect(sum(rows)).toBe(sum(mine));
      seen.push(...rows);
    }
    expect(new Set(ids(seen)).size).toBe(payments.length);
    expect(new Set(ids(seen))).toEqual(new Set(payments.map((p) => p.id)));
  });

  it('answers for the main location only when location_id is absent, and only for the last year by default', async () => {
    const { rows } = await listAll<SquarePayment>(emu, '/v2/payments', 'payments');
    const yearAgo = new Date(FIXED_NOW);
    yearAgo.setUTCFullYear(yearAgo.getUTCFullYear() - 1);
    const expected = payments.filter((p) => p.location_id === emu.store.mainLocationId && created(p) >= yearAgo.getTime());
    expect(new Set(ids(rows))).toEqual(new Set(ids(expected)));
    expect(rows.length).toBeLessThan(payments.filter((p) => p.location_id === emu.store.mainLocationId).length);
  });

  it('filters on created_at with begin_time and end_time (inclusive) and sorts ascending on request', async () => {
    const sorted = [...payments].filter((p) => p.location_id === emu.store.mainLocationId).sort((a, b) => created(a) - created(b));
    const from = sorted[200], to = sorted[420];
    const { rows } = await listAll<SquarePayment>(emu, '/v2/payments', 'payments', {
      begin_time: from.created_at, end_time: to.created_at, sort_order: 'ASC', limit: '37',
    });
    const expected = sorted.filter((p) => created(p) >= created(from) && created(p) <= created(to));
    expect(ids(rows)).toEqual(ids(expected));
    expect(rows[0].id).toBe(from.id);
    expect(rows[rows.length - 1].id).toBe(to.id);
  });

  it('filters and sorts on updated_at, which catches old payments that changed recently', async () => {
    const since = new Date(FIXED_NOW.getTime() - 60 * 86_400_000).toISOString();
    const loc = emu.store.mainLocationId;
    const { rows } = await listAll<SquarePayment>(emu, '/v2/payments', 'payments', {
      ...ALL_TIME, location_id: loc, updated_at_begin_time: since, sort_field: 'UPDATED_AT', sort_order: 'ASC',
    });
    const expected = payments.filter((p) => p.location_id === loc && updated(p) >= Date.parse(since))
      .sort((a, b) => updated(a) - updated(b) || (a.id < b.id ? -1 : 1));
    expect(ids(rows)).toEqual(ids(expected));
    // Some of them were sold long before the window: a refund or a capture moved them into it.
    expect(rows.some((p) => created(p) < Date.parse(since))).toBe(true);
  });

  it('clamps limit to 100 and rejects a limit below 1', async () => {
    const big = await get<{ payments: SquarePayment[] }>(emu, '/v2/payments?limit=500&begin_time=2000-01-01T00:00:00Z');
    expect(big.status).toBe(200);
    expect(big.body.payments).toHaveLength(100);
    const zero = await get(emu, '/v2/payments?limit=0');
    expect(zero.status).toBe(400);
    expect(zero.body).toEqual({ errors: [expect.objectContaining({ category: 'INVALID_REQUEST_ERROR', code: 'VALUE_TOO_LOW', field: 'limit' })] });
  });

  it.each([
    ['a malformed cursor', '/v2/payments?cursor=not-a-cursor!', 'INVALID_CURSOR'],
    ['a cursor that is not base64 JSON', '/v2/payments?cursor=abcdef', 'INVALID_CURSOR'],
    ['a time that is not RFC 3339', '/v2/payments?begin_time=yesterday', 'INVALID_TIME'],
    ['begin_time after end_time', '/v2/payments?begin_time=2026-02-01T00:00:00Z&end_time=2026-01-01T00:00:00Z', 'INVALID_TIME_RANGE'],
    ['an unknown sort_order', '/v2/payments?sort_order=SIDEWAYS', 'INVALID_SORT_ORDER'],
    ['an unknown sort_field', '/v2/refunds?sort_field=AMOUNT', 'INVALID_ENUM_VALUE'],
  ])('answers 400 in Square\'s error shape for %s', async (_what, path, code) => {
    const res = await get<{ errors: { category: string; code: string; detail: string }[] }>(emu, path);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ category: 'INVALID_REQUEST_ERROR', code, detail: expect.any(String) })]);
  });

  it('refuses a cursor replayed with different filters', async () => {
    const first = await get<{ cursor: string }>(emu, '/v2/payments?limit=5');
    const res = await get(emu, `/v2/payments?limit=5&sort_order=ASC&cursor=${first.body.cursor}`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('INVALID_CURSOR');
  });

  it('answers an unknown location with 404 and a window without payments with {}', async () => {
    expect((await get(emu, '/v2/payments?location_id=LNOPE')).status).toBe(404);
    const empty = await get(emu, '/v2/payments?begin_time=2001-01-01T00:00:00Z&end_time=2001-02-01T00:00:00Z');
    expect(empty).toMatchObject({ status: 200, body: {} });
  });

  it.each([
    ['a wrong token', 'wrong-token'],
    ['no token', ''],
  ])('answers 401 UNAUTHORIZED for %s', async (_what, token) => {
    const res = await get(emu, '/v2/payments', token);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ errors: [{ category: 'AUTHENTICATION_ERROR', code: 'UNAUTHORIZED', detail: expect.any(String) }] });
  });

  it('lists refunds of every location by default, each once, with Square\'s refund fields', async () => {
    const { rows } = await listAll<SquareRefund>(emu, '/v2/refunds', 'refunds', { ...ALL_TIME, limit: '25' });
    expect(rows).toHaveLength(refunds.length);
    expect(new Set(ids(rows))).toEqual(new Set(ids(refunds)));
    expect(new Set(rows.map((r) => r.location_id)).size).toBe(3);
    for (const r of rows.slice(0, 10)) {
      expect(r).toEqual(expect.objectContaining({
        id: expect.stringMatching(new RegExp(`^${r.payment_id}_`)), status: expect.stringMatching(/^(PENDING|COMPLETED|REJECTED|FAILED)$/),
        amount_money: { amount: expect.any(Number), currency: 'USD' }, reason: expect.any(String),
        created_at: expect.any(String), updated_at: expect.any(String),
      }));
    }
    const completed = await listAll<SquareRefund>(emu, '/v2/refunds', 'refunds', { ...ALL_TIME, status: 'COMPLETED' });
    expect(completed.rows.length).toBe(refunds.filter((r) => r.status === 'COMPLETED').length);
  });

  it('retrieves a single payment and refund by id, and 404s an unknown one', async () => {
    const p = payments[42];
    expect((await get(emu, `/v2/payments/${p.id}`)).body).toEqual({ payment: JSON.parse(JSON.stringify(p)) });
    expect((await get(emu, `/v2/refunds/${refunds[0].id}`)).body).toEqual({ refund: refunds[0] });
    expect((await get(emu, '/v2/payments/nope')).status).toBe(404);
  });
});
