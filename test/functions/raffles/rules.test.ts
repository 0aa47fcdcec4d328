import { parseConfig } from '@shared/config';
import { JURISDICTIONS } from '../../../functions/raffles/jurisdictions';
import { RAFFLE_RULES, type RafflesHarness, startRaffles } from './harness';

describe('what the Texas profile and the raffle rules refuse, each with its own code', () => {
  let h: RafflesHarness;
  beforeEach(async () => {
    h = await startRaffles();
  });
  afterEach(() => h.close());

  const createAs = (kind: 'charitable_raffle' | 'sweepstakes', overrides: Record<string, unknown>) => h.create(kind, overrides).then(
    () => ({ status: 201, code: undefined }),
    (error: Error) => {
      const [, status, body] = /create answered (\d+) (.*)/s.exec(error.message) ?? [];
      return { status: Number(status), code: JSON.parse(body).code as string };
    },
  );

  it.each<[string, 'charitable_raffle' | 'sweepstakes', Record<string, unknown>, number, string]>([
    ['a cash prize', 'charitable_raffle', { prizeKind: 'cash' }, 400, 'CASH_PRIZE_NOT_ALLOWED'],
    ['a gift card (a cash equivalent) in a sweepstakes', 'sweepstakes', { prizeKind: 'cash_equivalent' }, 400, 'CASH_PRIZE_NOT_ALLOWED'],
    ['a sweepstakes with a ticket price', 'sweepstakes', { ticketPrice: 5 }, 400, 'PAID_ENTRY_NOT_ALLOWED'],
    ['a sweepstakes whose rules do not say no purchase is necessary', 'sweepstakes', { officialRules: 'Enter at the counter. One entry per person. Winner drawn on the date shown.' }, 400, 'SWEEPSTAKES_DISCLOSURES_MISSING'],
    ['a sweepstakes whose rules omit that buying does not help', 'sweepstakes', { officialRules: 'No purchase necessary. One entry per person, 21 and older.' }, 400, 'SWEEPSTAKES_DISCLOSURES_MISSING'],
    ['a raffle without its organization', 'charitable_raffle', { charitable: undefined }, 400, 'ORGANIZATION_REQUIRED'],
    ['a raffle prize over the $50,000 cap', 'charitable_raffle', { prizeValue: 50_000.01 }, 400, 'PRIZE_VALUE_OVER_CAP'],
    ['a draw before entries close', 'charitable_raffle', { drawAt: '2026-03-20T00:00:00Z' }, 400, 'INVALID_SCHEDULE'],
  ])('refuses %s', async (_, kind, overrides, status, code) => {
    expect(await createAs(kind, overrides)).toEqual({ status, code });
  });

  it('refuses a third raffle of one organization in a calendar year, counting by the draw date and not cancelled ones', async () => {
    const cancelled = await h.create('charitable_raffle');
    await h.request('DELETE', `/api/raffles/${cancelled.id}/cancel`, { as: 'ops', role: 'admin', json: { reason: 'venue fell through' } });
    await h.create('charitable_raffle');
    await h.create('charitable_raffle');
    expect(await createAs('charitable_raffle', {})).toEqual({ status: 409, code: 'RAFFLE_LIMIT_REACHED' });
    // Another organization, or the next calendar year, is not limited by these.
    expect(await createAs('charitable_raffle', { charitable: { organization: 'St. Mary Parish', registrationId: '74-7654321' } })).toEqual({ status: 201, code: undefined });
    expect(await createAs('charitable_raffle', { entriesCloseAt: '2027-01-02T00:00:00Z', drawAt: '2027-01-03T00:00:00Z' })).toEqual({ status: 201, code: undefined });
  });

  it('refuses a paid entry into a sweepstakes, a second free entry, and free entry into a raffle', async () => {
    const sweepstakes = await h.create('sweepstakes');
    await h.verifyAge('gus');
    const paid = await h.purchase(sweepstakes.id, 'gus');
    expect([paid.status, paid.body.code]).toEqual([403, 'PAID_ENTRY_NOT_ALLOWED']);
    const first = await h.request('POST', `/api/raffles/${sweepstakes.id}/free-entry`, { as: 'gus', json: { customerId: 'gus' } });
    expect(first.status).toBe(201);
    const second = await h.request('POST', `/api/raffles/${sweepstakes.id}/free-entry`, { as: 'gus', json: { customerId: 'gus' } });
    expect([second.status, second.body.code]).toEqual([409, 'ALREADY_ENTERED']);
    const raffle = await h.create('charitable_raffle');
    const free = await h.request('POST', `/api/raffles/${raffle.id}/free-entry`, { as: 'gus', json: { customerId: 'gus' } });
    expect([free.status, free.body.code]).toEqual([403, 'FREE_ENTRY_NOT_OFFERED']);
    expect(h.capturedCharges()).toHaveLength(0);
  });

  it('refuses an unverified entrant with requiresVerification, and entries before opening and after closing', async () => {
    const raffle = await h.create('charitable_raffle');
    const unverified = await h.purchase(raffle.id, 'hal');
    expect([unverified.status, unverified.body.code, unverified.body.details.requiresVerification]).toEqual([403, 'AGE_VERIFICATION_REQUIRED', true]);
    const sweepstakes = await h.create('sweepstakes');
    const unverifiedFree = await h.request('POST', `/api/raffles/${sweepstakes.id}/free-entry`, { as: 'hal', json: { customerId: 'hal' } });
    expect([unverifiedFree.status, unverifiedFree.body.details.requiresVerification]).toEqual([403, true]);

    await h.verifyAge('ivy');
    const later = await h.create('charitable_raffle', { entriesOpenAt: '2026-03-20T00:00:00Z', entriesCloseAt: '2026-03-30T00:00:00Z', drawAt: '2026-04-01T00:00:00Z' });
    expect((await h.purchase(later.id, 'ivy')).body.code).toBe('ENTRIES_NOT_OPEN');
    h.rt.clock.set(new Date('2026-03-26T00:00:00Z'));
    await h.verifyAge('ivy');
    const closed = await h.purchase(raffle.id, 'ivy');
    expect([closed.status, closed.body.code]).toEqual([409, 'ENTRIES_CLOSED']);
    expect(h.capturedCharges()).toHaveLength(0);
  });

  it('keeps the draw date within 30 days while paid entries stand', async () => {
    const raffle = await h.create('charitable_raffle');
    await h.verifyAge('jo');
    await h.purchase(raffle.id, 'jo');
    const put = (drawAt: string) => h.request('PUT', `/api/raffles/${raffle.id}`, { as: 'ops', role: 'admin', json: { drawAt } });
    const far = await put('2026-05-30T00:00:00Z');
    expect([far.status, far.body.code]).toEqual([409, 'DRAW_DATE_CHANGE_REQUIRES_REFUNDS']);
    const near = await put('2026-04-05T00:00:00Z');
    expect(near.status).toBe(200);
    expect(near.body.raffle.beacon.round).toBeGreaterThan(raffle.beacon.round as number);
    const locked = await h.request('PUT', `/api/raffles/${raffle.id}`, { as: 'ops', role: 'admin', json: { officialRules: `${RAFFLE_RULES} Amended.` } });
    expect([locked.status, locked.body.code]).toEqual([409, 'FIELD_LOCKED']);
  });

  it('admin routes answer 403 to customers, and customers see only their own tickets', async () => {
    const raffle = await h.create('charitable_raffle');
    expect((await h.request('POST', `/api/raffles/${raffle.id}/draw`, { as: 'kim' })).status).toBe(403);
    expect((await h.request('GET', '/api/raffles/stats', { as: 'kim' })).status).toBe(403);
    expect((await h.request('GET', `/api/raffles/${raffle.id}/tickets/lee`, { as: 'kim' })).status).toBe(403);
    expect((await h.request('GET', '/api/raffles')).status).toBe(401);
  });

  it('the configuration accepts exactly the jurisdictions that have a profile', () => {
    for (const code of Object.keys(JURISDICTIONS)) expect(parseConfig({ RAFFLE_JURISDICTION: code }).RAFFLE_JURISDICTION).toBe(code);
    expect(() => parseConfig({ RAFFLE_JURISDICTION: 'NV' })).toThrow(/RAFFLE_JURISDICTION/);
  });
});
