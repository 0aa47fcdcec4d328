import { DAY_MS } from '@shared/calendar';
import { cacheNoVerification, currentVerificationKey } from '@shared/age-check/current-verification';
import { AGE_VERIFICATION_REQUIRED, requireAgeVerified } from '@shared/age-check/require-age-verified';
import { createHttpHandler, route } from '@shared/http/router';
import { ageVerifications } from '@shared/warehouse/schema/age-verification';
import { call, serve } from '../../support/http';
import { type TestRuntime, createTestRuntime, tokenFor } from '../../support/runtime';

/** A ledger event as the age-verification function writes it (personal columns left out: the check never reads them). */
function event(customerId: string, type: 'verified' | 'revoked' | 'erased', at: string, verificationId = `av_${customerId}`) {
  const granted = type === 'verified';
  return {
    event_id: `${customerId}-${type}-${at}`,
    event_type: type,
    customer_id: customerId,
    verification_id: verificationId,
    method: granted ? 'full_verification' : null,
    provider: granted ? 'self_attestation' : null,
    name_hash: null,
    birth_date_hash: null,
    id_last4_sealed: null,
    key_version: null,
    state: granted ? 'TX' : null,
    age: granted ? 30 : null,
    verified_at: granted ? at : null,
    expires_at: granted ? new Date(Date.parse(at) + 365 * DAY_MS).toISOString() : null,
    reason_code: null,
    actor: 'customer',
    ip_address: null,
    user_agent: null,
    recorded_at: at,
  };
}

describe('requireAgeVerified: the check age-restricted routes call', () => {
  let rt: TestRuntime;
  let server: { url: string; close(): Promise<void> };

  // A stand-in for a raffle purchase: it sells only to verified customers.
  const purchase = route({
    method: 'POST',
    path: '/api/raffles/:id/purchase',
    access: 'customer', summary: 'A route for this test',
    async handle({ runtime, principal }) {
      const verification = await requireAgeVerified(runtime, principal!.sub);
      return { status: 201, body: { purchased: true, verificationId: verification.verificationId } };
    },
  });
  const buy = async (customerId: string) =>
    call(`${server.url}/api/raffles/r1/purchase`, { method: 'POST', token: await tokenFor(rt, customerId) });

  beforeEach(async () => {
    rt = createTestRuntime();
    server = await serve(createHttpHandler({ name: 'raffles-test', routes: [purchase], runtime: () => rt }));
    await rt.warehouse.append(ageVerifications, [
      event('verified-customer', 'verified', '2026-03-01T12:00:00.000Z'),
      event('lapsed-customer', 'verified', '2025-03-01T12:00:00.000Z'),
      event('revoked-customer', 'verified', '2026-03-01T12:00:00.000Z'),
      event('revoked-customer', 'revoked', '2026-03-02T12:00:00.000Z'),
      event('erased-customer', 'verified', '2026-03-01T12:00:00.000Z'),
      event('erased-customer', 'erased', '2026-03-01T12:00:00.000Z'), // a tie: the ending event wins
    ]);
  });
  afterEach(async () => {
    await server.close();
    await rt.warehouse.close();
  });

  test('a verified customer passes and gets the current verification', async () => {
    const res = await buy('verified-customer');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ purchased: true, verificationId: 'av_verified-customer' });
  });

  test.each([
    ['never verified', 'stranger', { requiresVerification: true, reason: 'not_verified' }],
    ['expired', 'lapsed-customer', { requiresVerification: true, reason: 'expired', expiredAt: '2026-03-01T12:00:00.000Z' }],
    ['revoked', 'revoked-customer', { requiresVerification: true, reason: 'not_verified' }],
    ['erased', 'erased-customer', { requiresVerification: true, reason: 'not_verified' }],
  ])('%s → 403 with requiresVerification, at the top of the envelope and in details', async (_label, customerId, details) => {
    const res = await buy(customerId);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ success: false, code: AGE_VERIFICATION_REQUIRED, requiresVerification: true, details });
  });

  test('a verification lapses at expiresAt even while it is cached', async () => {
    expect((await buy('verified-customer')).status).toBe(201);
    expect(await rt.kv.get(currentVerificationKey('verified-customer'))).not.toBeNull();
    rt.clock.set('2027-03-01T12:00:00.000Z');
    const res = await buy('verified-customer');
    expect(res.status).toBe(403);
    expect(res.body.details).toMatchObject({ reason: 'expired' });
  });

  test('answers from kv once cached; "none" is cached briefly and overwritten by a later change', async () => {
    await buy('verified-customer');
    const query = jest.spyOn(rt.warehouse, 'query');
    expect((await buy('verified-customer')).status).toBe(201);
    expect(query).not.toHaveBeenCalled();

    expect((await buy('stranger')).status).toBe(403);
    expect(query).toHaveBeenCalledTimes(1);
    expect((await buy('stranger')).status).toBe(403);
    expect(query).toHaveBeenCalledTimes(1);
    query.mockRestore();

    // A revocation replaces the cached verification at once.
    await cacheNoVerification(rt, 'verified-customer');
    expect((await buy('verified-customer')).status).toBe(403);
  });

  test('works as a plain function for non-HTTP callers: the HttpError carries the details', async () => {
    await expect(requireAgeVerified(rt, 'stranger')).rejects.toMatchObject({
      status: 403,
      code: AGE_VERIFICATION_REQUIRED,
      options: { details: { requiresVerification: true } },
    });
  });
});
