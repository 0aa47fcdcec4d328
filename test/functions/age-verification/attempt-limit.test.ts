import { ensureAttemptCounter, failedAttemptsKey, takeAttemptSlot } from '../../../functions/age-verification/attempt-limit';
import { type AgeVerificationServer, claim, startAgeVerification } from './support';

const HOUR_MS = 3_600_000;
const underage = (id: string) => claim(id, { fullName: 'Young Person', dateOfBirth: '2009-09-09' });

async function outcomes(av: AgeVerificationServer, customerId: string) {
  const rows = await av.rt.warehouse.query<{ outcome: string; n: number }>(
    (d) => `SELECT outcome, COUNT(*) AS n FROM ${d.table('commerce.age_verification_attempts')}
WHERE customer_id = ${d.param('id')} GROUP BY outcome ORDER BY outcome`,
    { params: { id: customerId } },
  );
  return Object.fromEntries(rows.map((r) => [r.outcome, r.n]));
}

describe('the failed-attempt limit', () => {
  let av: AgeVerificationServer;

  beforeEach(async () => {
    av = await startAgeVerification();
  });
  afterEach(() => av.close());

  test('20 simultaneous failing attempts: at most 3 are evaluated, the rest get 429', async () => {
    const responses = await Promise.all(Array.from({ length: 20 }, () => av.verify('eve', underage('eve'))));
    const evaluated = responses.filter((r) => r.status === 200);
    const refused = responses.filter((r) => r.status === 429);
    expect(evaluated).toHaveLength(3);
    expect(refused).toHaveLength(17);
    for (const r of evaluated) expect(r.body).toMatchObject({ verified: false, reasonCode: 'UNDER_AGE' });
    expect(evaluated.map((r) => r.body.attemptsRemaining).sort()).toEqual([0, 1, 2]);
    for (const r of refused) expect(r.body).toMatchObject({ error: 'Too many attempts', details: { resetAt: '2026-03-16T17:00:00.000Z' } });
    // The audit trail agrees: three evaluations, seventeen refusals.
    expect(await outcomes(av, 'eve')).toEqual({ failed: 3, refused: 17 });
  });

  test('simultaneous passing attempts give their slots back and are all verified', async () => {
    const responses = await Promise.all(Array.from({ length: 3 }, () => av.verify('frank')));
    expect(responses.map((r) => r.body.verified)).toEqual([true, true, true]);
    expect(await av.rt.kv.get(failedAttemptsKey('frank'))).toBe(0);
    // A later failing resubmission therefore still has all three attempts.
    const resubmitted = await av.request('POST', '/api/age-verification/resubmit', { as: 'frank', json: underage('frank') });
    expect(resubmitted.body).toMatchObject({ verified: false, attemptsRemaining: 2 });
  });

  test('a lost kv counter is rebuilt from the attempts table before use', async () => {
    await av.verify('gina', underage('gina'));
    av.rt.clock.advance(2 * HOUR_MS);
    await av.verify('gina', underage('gina'));
    await av.rt.kv.del(failedAttemptsKey('gina'));

    const third = await av.verify('gina', underage('gina'));
    expect(third.body).toMatchObject({ verified: false, attemptsRemaining: 0 });
    const fourth = await av.verify('gina', underage('gina'));
    expect(fourth.status).toBe(429);
    // The rebuilt window ends 24 hours after the oldest failure still in it.
    expect(fourth.body.details.resetAt).toBe('2026-03-16T17:00:00.000Z');
  });

  test('the window slides: after it resets, failures still within 24 hours keep counting', async () => {
    await av.verify('hal', underage('hal'));
    av.rt.clock.advance(20 * HOUR_MS);
    await av.verify('hal', underage('hal'));
    await av.verify('hal', underage('hal'));
    expect((await av.verify('hal', underage('hal'))).status).toBe(429);

    // 24 hours after the first failure the first one has left the window; the two later ones have not.
    av.rt.clock.advance(4 * HOUR_MS + 1000);
    const next = await av.verify('hal', underage('hal'));
    expect(next.body).toMatchObject({ verified: false, attemptsRemaining: 0 });
    const refused = await av.verify('hal', underage('hal'));
    expect(refused.status).toBe(429);
    expect(refused.body.details.resetAt).toBe('2026-03-17T13:00:00.000Z');
  });

  test('limits are per customer', async () => {
    for (let i = 0; i < 3; i++) await av.verify('ivan', underage('ivan'));
    expect((await av.verify('ivan', underage('ivan'))).status).toBe(429);
    expect((await av.verify('judy')).body.verified).toBe(true);
  });
});

describe('attempt slots at the edge of the window', () => {
  let av: AgeVerificationServer;

  beforeEach(async () => {
    av = await startAgeVerification();
  });
  afterEach(() => av.close());

  test('a slot released after its window lapsed does not leave a negative counter', async () => {
    await ensureAttemptCounter(av.rt, 'kate');
    const slot = await takeAttemptSlot(av.rt, 'kate');
    if (!slot.granted) throw new Error('expected a slot');
    av.rt.clock.advance(24 * HOUR_MS + 1);
    await slot.release();
    expect(await av.rt.kv.get(failedAttemptsKey('kate'))).toBe(0);
    expect(await av.rt.kv.ttlMs(failedAttemptsKey('kate'))).toBe(24 * HOUR_MS);
  });
});
