import { currentVerificationKey } from '@shared/age-check/current-verification';
import { standingClaimKey } from '../../../functions/age-verification/standing-claim';
import { type AgeVerificationServer, claim, startAgeVerification } from './support';

/** The attempts recorded for a customer, oldest first. */
async function attemptsOf(av: AgeVerificationServer, customerId: string) {
  return av.rt.warehouse.query<{ kind: string; outcome: string; reason_code: string | null }>(
    (d) => `SELECT kind, outcome, reason_code FROM ${d.table('commerce.age_verification_attempts')}
WHERE customer_id = ${d.param('id')} ORDER BY attempted_at, outcome`,
    { params: { id: customerId } },
  );
}

/** The ledger's events for a customer, oldest first. */
async function eventsOf(av: AgeVerificationServer, customerId: string) {
  return av.rt.warehouse.query<{ event_type: string; reason_code: string | null }>(
    (d) => `SELECT event_type, reason_code FROM ${d.table('commerce.age_verifications')}
WHERE customer_id = ${d.param('id')} ORDER BY recorded_at, event_type DESC`,
    { params: { id: customerId } },
  );
}

describe('a verified customer who submits a claim that contradicts the verified one', () => {
  let av: AgeVerificationServer;

  beforeEach(async () => {
    av = await startAgeVerification();
  });
  afterEach(() => av.close());

  test('the same claim again is answered from the cache and records nothing', async () => {
    const first = await av.verify('ann');
    av.rt.clock.advance(60_000);
    // Formatting differences of the same facts are the same claim: case and spacing of the name, a lower-case state.
    const again = await av.verify('ann', claim('ann', { fullName: '  alice  marie EXAMPLE ', state: 'tx' }));
    expect(again.body).toMatchObject({ verified: true, method: 'cache', verificationId: first.body.verificationId });
    expect(await attemptsOf(av, 'ann')).toEqual([{ kind: 'verify', outcome: 'passed', reason_code: null }]);
  });

  test.each([
    ['a birth date that makes them 11', { dateOfBirth: '2014-06-01' }, 'UNDER_AGE'],
    ['a birth date in the future', { dateOfBirth: '2027-01-01' }, 'FUTURE_BIRTH_DATE'],
  ])('%s is evaluated, recorded, counted and refused, and revokes the standing verification', async (_name, change, code) => {
    await av.verify('bea');
    av.rt.clock.advance(60_000);
    const contradiction = await av.verify('bea', claim('bea', change));
    expect(contradiction.status).toBe(200);
    expect(contradiction.body).toMatchObject({ verified: false, reasonCode: code, attemptsRemaining: 2, verificationRevoked: true });
    expect(await attemptsOf(av, 'bea')).toEqual([
      { kind: 'verify', outcome: 'passed', reason_code: null },
      { kind: 'verify', outcome: 'failed', reason_code: code },
    ]);
    expect(await eventsOf(av, 'bea')).toEqual([
      { event_type: 'verified', reason_code: null },
      { event_type: 'revoked', reason_code: 'CONTRADICTING_CLAIM' },
    ]);
    // The customer is no longer verified: status says so, and the original claim must be evaluated again.
    expect((await av.request('GET', '/api/age-verification/status/bea', { as: 'bea' })).status).toBe(404);
    expect((await av.verify('bea')).body).toMatchObject({ verified: true, method: 'full_verification' });
  });

  test.each([
    ['another name', { fullName: 'Someone Else Entirely' }],
    ['another state', { state: 'CA' }],
  ])('%s that passes the rules is a new verification replacing the standing one', async (_name, change) => {
    const first = await av.verify('cal');
    av.rt.clock.advance(60_000);
    const changed = await av.verify('cal', claim('cal', change));
    expect(changed.body).toMatchObject({ verified: true, method: 'full_verification' });
    expect(changed.body.verificationId).not.toBe(first.body.verificationId);
    expect(await attemptsOf(av, 'cal')).toEqual([
      { kind: 'verify', outcome: 'passed', reason_code: null },
      { kind: 'verify', outcome: 'passed', reason_code: null },
    ]);
    const status = await av.request('GET', '/api/age-verification/status/cal', { as: 'cal' });
    expect(status.body).toMatchObject({ verificationId: changed.body.verificationId });
    // The new claim is now the standing one: repeating it is answered from the cache.
    expect((await av.verify('cal', claim('cal', change))).body).toMatchObject({ method: 'cache', verificationId: changed.body.verificationId });
  });

  test('contradictions count against the attempt limit: the fourth failing one in a day is refused with 429', async () => {
    await av.verify('dan');
    for (const year of ['2015', '2016', '2017']) {
      await av.verify('dan');
      await av.verify('dan', claim('dan', { dateOfBirth: `${year}-01-01` }));
    }
    const fourth = await av.verify('dan', claim('dan', { dateOfBirth: '2018-01-01' }));
    expect(fourth.status).toBe(429);
    expect(fourth.body).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  });

  test('the claim check survives a lost cache: the standing claim is read back from the ledger', async () => {
    await av.verify('eli');
    await av.rt.kv.del(currentVerificationKey('eli'));
    await av.rt.kv.del(standingClaimKey('eli'));
    const contradiction = await av.verify('eli', claim('eli', { dateOfBirth: '2014-06-01' }));
    expect(contradiction.body).toMatchObject({ verified: false, reasonCode: 'UNDER_AGE' });
  });
});
