import { DAY_MS } from '@shared/calendar';
import { HIDDEN_ERROR } from '@shared/http/error-details';
import { functionForPath } from '@shared/manifest';
import { standingClaimKey } from '../../../functions/age-verification/standing-claim';
import { type AgeVerificationServer, claim, startAgeVerification } from './support';

const admin = { as: 'admin-1', role: 'admin' as const };

describe('age verification: the seed flow over HTTP', () => {
  let av: AgeVerificationServer;

  beforeEach(async () => {
    av = await startAgeVerification();
  });
  afterEach(() => av.close());

  test('status 404 → verify → status verified → cached re-verify with the same id → three failures then 429', async () => {
    const before = await av.request('GET', '/api/age-verification/status/alice', { as: 'alice' });
    expect(before.status).toBe(404);
    expect(before.body).toMatchObject({ success: false, code: 'NOT_VERIFIED' });

    const verified = await av.verify('alice');
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({
      success: true,
      verified: true,
      method: 'full_verification',
      age: 35,
      state: 'TX',
      verifiedAt: '2026-03-15T17:00:00.000Z',
      expiresAt: new Date(Date.parse('2026-03-15T17:00:00Z') + 365 * DAY_MS).toISOString(),
    });
    expect(verified.body.verificationId).toMatch(/^av_[\w-]{20}$/);

    const status = await av.request('GET', '/api/age-verification/status/alice', { as: 'alice' });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({
      verified: true,
      expired: false,
      verificationId: verified.body.verificationId,
      age: 35,
      state: 'TX',
      verifiedAt: verified.body.verifiedAt,
      expiresAt: verified.body.expiresAt,
      daysUntilExpiry: 365,
    });

    // The cached answer touches neither the warehouse nor the evaluation: it is one kv read.
    const warehouse = av.rt.warehouse;
    const query = jest.spyOn(warehouse, 'query');
    const append = jest.spyOn(warehouse, 'append');
    const again = await av.verify('alice');
    expect(again.body).toMatchObject({ verified: true, method: 'cache', verificationId: verified.body.verificationId, age: 35 });
    expect(query).not.toHaveBeenCalled();
    expect(append).not.toHaveBeenCalled();
    query.mockRestore();
    append.mockRestore();

    const underage = claim('bob', { fullName: 'Bob Young', dateOfBirth: '2006-01-01' });
    for (const remaining of [2, 1, 0]) {
      const failed = await av.verify('bob', underage);
      expect(failed.status).toBe(200);
      expect(failed.body).toMatchObject({
        verified: false,
        reason: 'Must be at least 21 years old',
        reasonCode: 'UNDER_AGE',
        attemptsRemaining: remaining,
      });
    }
    const refused = await av.verify('bob', underage);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ success: false, error: 'Too many attempts', code: 'TOO_MANY_ATTEMPTS' });
    expect(refused.body.details.resetAt).toBe('2026-03-16T17:00:00.000Z');
    expect(refused.headers.get('retry-after')).toBe(String(24 * 3600));

    // Even a passing claim waits for the window to reset; then it goes through.
    expect((await av.verify('bob', claim('bob'))).status).toBe(429);
    av.rt.clock.advance(DAY_MS + 1000);
    expect((await av.verify('bob', claim('bob'))).body).toMatchObject({ verified: true, method: 'full_verification' });
  });

  test('a customer verifies and reads only itself; an admin may do either for anyone', async () => {
    const other = await av.verify('alice', claim('alice'), 'mallory');
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('FORBIDDEN');
    expect((await av.verify('alice')).status).toBe(200);
    expect((await av.request('GET', '/api/age-verification/status/alice', { as: 'mallory' })).status).toBe(403);
    expect((await av.request('GET', '/api/age-verification/status/alice', admin)).body.verified).toBe(true);
    const byAdmin = await av.request('POST', '/api/age-verification/verify', { ...admin, json: claim('carol') });
    expect(byAdmin.body).toMatchObject({ verified: true, customerId: 'carol' });
    const [row] = await av.rt.warehouse.query<{ actor: string }>(
      (d) => `SELECT actor FROM ${d.table('commerce.age_verifications')} WHERE customer_id = 'carol'`,
    );
    expect(row.actor).toBe('admin:admin-1');
    expect((await av.request('POST', '/api/age-verification/verify', { json: claim('alice') })).status).toBe(401);
  });

  test('a malformed request is 400 naming the field and is not counted as an attempt', async () => {
    for (let i = 0; i < 4; i++) {
      const res = await av.verify('dave', claim('dave', { idNumberLast4: '12a4' }));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'idNumberLast4' } });
    }
    const missing = await av.verify('dave', { customerId: 'dave', dateOfBirth: '1990-01-01', state: 'TX', idNumberLast4: '1234' });
    expect(missing.body.details.field).toBe('fullName');
    expect((await av.verify('dave')).body.verified).toBe(true);
  });

  test('a verification expires after 365 days; verify then evaluates afresh with a new id', async () => {
    const first = await av.verify('alice');
    av.rt.clock.advance(365 * DAY_MS);
    const status = await av.request('GET', '/api/age-verification/status/alice', { as: 'alice' });
    expect(status.body).toMatchObject({ verified: false, expired: true, daysUntilExpiry: 0 });
    const renewed = await av.verify('alice');
    expect(renewed.body).toMatchObject({ verified: true, method: 'full_verification', age: 36 });
    expect(renewed.body.verificationId).not.toBe(first.body.verificationId);
  });

  test('resubmit evaluates even when verified: passing replaces the verification, failing revokes it', async () => {
    const first = await av.verify('alice');
    const replaced = await av.request('POST', '/api/age-verification/resubmit', { as: 'alice', json: claim('alice', { state: 'ok' }) });
    expect(replaced.body).toMatchObject({ verified: true, method: 'full_verification', state: 'OK' });
    expect(replaced.body.verificationId).not.toBe(first.body.verificationId);
    expect((await av.request('GET', '/api/age-verification/status/alice', { as: 'alice' })).body.verificationId).toBe(
      replaced.body.verificationId,
    );

    const failed = await av.request('POST', '/api/age-verification/resubmit', {
      as: 'alice',
      json: claim('alice', { dateOfBirth: '2010-05-05' }),
    });
    expect(failed.body).toMatchObject({ verified: false, reasonCode: 'UNDER_AGE' });
    expect((await av.request('GET', '/api/age-verification/status/alice', { as: 'alice' })).status).toBe(404);
    const events = await av.rt.warehouse.query<{ event_type: string; reason_code: string | null }>(
      (d) => `SELECT event_type, reason_code FROM ${d.table('commerce.age_verifications')} WHERE customer_id = 'alice' ORDER BY recorded_at, event_type DESC`,
    );
    expect(events.map((e) => e.event_type)).toEqual(['verified', 'verified', 'revoked']);
  });

  test('statistics (admin): attempts, successes, failures and success rate over ?days=N', async () => {
    await av.verify('alice');
    await av.verify('bob', claim('bob', { dateOfBirth: '2007-07-07' }));
    await av.verify('erin', claim('erin', { dateOfBirth: '1890-01-01' }));
    av.rt.clock.advance(2 * DAY_MS);
    await av.verify('carol');

    const res = await av.request('GET', '/api/age-verification/statistics?days=7', admin);
    expect(res.status).toBe(200);
    expect(res.body.statistics).toMatchObject({
      attempts: 4,
      successes: 2,
      failures: 2,
      successRate: 0.5,
      refusedOverLimit: 0,
      uniqueCustomers: 4,
      failureReasons: { OVER_MAX_AGE: 1, UNDER_AGE: 1 },
      period: { days: 7, timeZone: 'America/Chicago' },
    });
    expect(res.body.statistics.daily).toEqual([
      { date: '2026-03-15', attempts: 3, successes: 1, failures: 2, refusedOverLimit: 0 },
      { date: '2026-03-17', attempts: 1, successes: 1, failures: 0, refusedOverLimit: 0 },
    ]);
    const lastDay = await av.request('GET', '/api/age-verification/statistics?days=1', admin);
    expect(lastDay.body.statistics).toMatchObject({ attempts: 1, successes: 1, successRate: 1 });

    expect((await av.request('GET', '/api/age-verification/statistics', { as: 'alice' })).status).toBe(403);
    expect((await av.request('GET', '/api/age-verification/statistics?days=0', admin)).body.details.field).toBe('days');
  });

  test('compliance metrics (admin): active, expiring and expired verifications, recent activity and policy', async () => {
    await av.verify('alice');
    await av.verify('bob', claim('bob', { state: 'CA', dateOfBirth: '1950-02-02' }));
    await av.verify('young', claim('young', { dateOfBirth: '2008-08-08' }));
    av.rt.clock.advance(340 * DAY_MS);
    await av.verify('carol', claim('carol', { dateOfBirth: '2000-01-01' }));

    const res = await av.request('GET', '/api/compliance/metrics', admin);
    expect(res.status).toBe(200);
    expect(res.body.metrics).toMatchObject({
      verifications: {
        active: 3,
        expiringWithin30Days: 2,
        expired: 0,
        byState: { CA: 1, TX: 2 },
        byAgeBand: { '26-35': 2, '66+': 1 },
        byKeyVersion: { '1': 3 },
      },
      last30Days: { granted: 1, revoked: 0, erasures: 0, failedAttempts: 0 },
      policy: { minimumAge: 21, maximumAge: 120, validityDays: 365, maxFailedAttempts: 3, method: 'self_attestation', retentionDays: 2555 },
    });
    expect((await av.request('GET', '/api/compliance/metrics', { as: 'alice' })).status).toBe(403);
  });

  test('health reports the warehouse, kv and privacy keys', async () => {
    const res = await av.request('GET', '/health/age-verification');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'healthy', service: 'age-verification', method: 'self_attestation' });
    expect(res.body.checks).toMatchObject({
      warehouse: { status: 'up', backend: 'duckdb' },
      kv: { status: 'up', backend: 'memory' },
      privacyKeys: { status: 'up', currentKeyVersion: 1 },
    });
    await av.rt.secrets.put('pii-encryption-keys', '{"current": 1, "keys": {');
    const broken = await av.request('GET', '/health/age-verification');
    expect(broken.status).toBe(503);
    expect(broken.body.checks.privacyKeys).toMatchObject({ status: 'down', error: HIDDEN_ERROR });
    const forOperators = await av.request('GET', '/health/age-verification', { as: 'ops-1', role: 'admin' });
    expect(forOperators.body.checks.privacyKeys).toMatchObject({ status: 'down', error: expect.stringContaining('not valid JSON') });
  });

  test('the manifest sends the public paths to this function', () => {
    for (const path of ['/api/age-verification/verify', '/api/compliance/metrics', '/health/age-verification']) {
      expect(functionForPath(path)?.name).toBe('age-verification');
    }
    expect(functionForPath('/health')?.name).toBe('ops');
  });
});

describe('age verification: admin erasure', () => {
  let av: AgeVerificationServer;

  beforeEach(async () => {
    av = await startAgeVerification();
  });
  afterEach(() => av.close());

  test('DELETE erases hashes, sealed digits, IP and user agent; the customer is unverified; anonymous counts remain', async () => {
    await av.verify('alice', claim('alice', { dateOfBirth: '2010-01-01' }));
    await av.verify('alice');
    await av.verify('bob');
    expect((await av.request('DELETE', '/api/age-verification/alice', { as: 'alice' })).status).toBe(403);

    const erased = await av.request('DELETE', '/api/age-verification/alice', admin);
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ customerId: 'alice', erased: true, verificationRecordsScrubbed: 1, attemptsAnonymized: 2 });

    expect((await av.request('GET', '/api/age-verification/status/alice', { as: 'alice' })).status).toBe(404);
    // Nothing of the claim stays in kv either (its keyed hashes are cached there for the repeat check).
    expect(await av.rt.kv.get(standingClaimKey('alice'))).toBeNull();
    const rows = await av.rt.warehouse.query<Record<string, unknown>>(
      (d) => `SELECT event_type, name_hash, birth_date_hash, id_last4_sealed, ip_address, user_agent, actor
FROM ${d.table('commerce.age_verifications')} WHERE customer_id = 'alice' ORDER BY recorded_at`,
    );
    expect(rows).toEqual([
      { event_type: 'verified', name_hash: null, birth_date_hash: null, id_last4_sealed: null, ip_address: null, user_agent: null, actor: 'customer' },
      { event_type: 'erased', name_hash: null, birth_date_hash: null, id_last4_sealed: null, ip_address: null, user_agent: null, actor: 'admin:admin-1' },
    ]);
    const [bob] = await av.rt.warehouse.query<{ name_hash: string | null }>(
      (d) => `SELECT name_hash FROM ${d.table('commerce.age_verifications')} WHERE customer_id = 'bob'`,
    );
    expect(bob.name_hash).toMatch(/^[0-9a-f]{64}$/);

    const attempts = await av.rt.warehouse.query<{ customer_id: string | null; outcome: string; ip_address: string | null }>(
      (d) => `SELECT customer_id, outcome, ip_address FROM ${d.table('commerce.age_verification_attempts')} ORDER BY attempted_at, outcome`,
    );
    expect(attempts.filter((a) => a.customer_id === null).map((a) => [a.outcome, a.ip_address])).toEqual([
      ['failed', null],
      ['passed', null],
    ]);
    const stats = await av.request('GET', '/api/age-verification/statistics?days=1', admin);
    expect(stats.body.statistics).toMatchObject({ attempts: 3, successes: 2, failures: 1 });
    expect((await av.request('GET', '/api/compliance/metrics', admin)).body.metrics.last30Days.erasures).toBe(1);

    // Erasure is idempotent; erasing again, or erasing a customer never seen, removes nothing and is not counted.
    expect((await av.request('DELETE', '/api/age-verification/alice', admin)).body).toMatchObject({ verificationRecordsScrubbed: 0, attemptsAnonymized: 0 });
    expect((await av.request('DELETE', '/api/age-verification/nobody', admin)).body).toMatchObject({ erased: true, verificationRecordsScrubbed: 0, attemptsAnonymized: 0 });
    expect((await av.request('GET', '/api/compliance/metrics', admin)).body.metrics.last30Days.erasures).toBe(1);
    expect((await av.verify('alice')).body).toMatchObject({ verified: true, method: 'full_verification' });
  });
});
