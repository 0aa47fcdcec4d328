import { authorizeNetEmulatorEnv } from '@shared/payments/local-emulator-env';
import { startAuthorizeNetEmulator, type AuthorizeNetEmulator } from '../../scripts/emulators/authorize-net';
import { type SquareEmulator, startSquareEmulator } from '../../scripts/emulators/square';
import { type LocalStack, startLocalStack } from '../../scripts/local/server';
import { call } from '../support/http';
import { type TestRuntime, createTestRuntime, tokenFor } from '../support/runtime';

const NOW = '2026-03-15T17:00:00Z';

/**
 * The shop's existing clients (web and mobile front ends, the checkout middleware, the health scripts), each request
 * sent as that client sends it (bearer token, JSON body, its own field names) to the whole system under its public
 * paths, and each answer read for the fields that client reads.
 */
describe('the shop’s existing clients keep working', () => {
  let square: SquareEmulator;
  let gateway: AuthorizeNetEmulator;
  let rt: TestRuntime;
  let stack: LocalStack;
  let nonce = 0;

  beforeAll(async () => {
    square = await startSquareEmulator({ payments: 200, items: 40, customers: 20, locations: 2, days: 30, seed: 5, now: () => new Date(NOW) });
    gateway = await startAuthorizeNetEmulator({ now: () => rt?.clock.now() ?? new Date(NOW) });
    const { AUTHORIZE_NET_TRANSACTION_KEY, ...gatewayEnv } = authorizeNetEmulatorEnv(gateway.url);
    rt = createTestRuntime(
      { ...gatewayEnv, SQUARE_BASE_URL: square.url, SQUARE_MAX_RPS: '1000', RATE_LIMIT_API_PER_MINUTE: '100000', RATE_LIMIT_ADMIN_PER_MINUTE: '100000' },
      NOW,
      { SQUARE_ACCESS_TOKEN: square.accessToken },
    );
    await rt.secrets.put('authorize-net-transaction-key', AUTHORIZE_NET_TRANSACTION_KEY);
    stack = await startLocalStack(rt, 0, { scheduler: false });
  });
  afterAll(async () => {
    await stack.close();
    await gateway.close();
    await square.close();
  });

  /** A request as a client sends it: its bearer token and, for a body, JSON. */
  async function send(method: string, path: string, as: { sub: string; role?: 'customer' | 'admin' }, json?: unknown) {
    const token = await tokenFor(rt, as.sub, as.role ?? 'customer');
    return call(`${stack.url}${path}`, { method, token, json });
  }
  /** What the front end's age gate posts. */
  const ageClaim = (customerId: string) => ({ customerId, fullName: 'Maria Elena Garza', dateOfBirth: '1988-07-04', state: 'TX', idNumberLast4: '4821' });
  /** What the front end's membership page posts: the payment form's token with its documented type. */
  const subscription = (customerId: string, tier = 'SILVER') => ({
    customerId,
    email: `${customerId}@example.com`,
    tier,
    paymentMethod: { type: 'credit_card', token: `tok_visa_test_${++nonce}` },
  });

  test('the front end’s age gate: a repeat verify answers from the cache with its processingTime in ms', async () => {
    const first = await send('POST', '/api/age-verification/verify', { sub: 'ann' }, ageClaim('ann'));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ success: true, verified: true, method: 'full_verification', processingTime: expect.any(Number) });

    const cached = await send('POST', '/api/age-verification/verify', { sub: 'ann' }, ageClaim('ann'));
    expect(cached.status).toBe(200);
    expect(cached.body).toMatchObject({ verified: true, method: 'cache', verificationId: first.body.verificationId });
    expect(cached.body.processingTime).toBeGreaterThanOrEqual(0);
  });

  test('the checkout middleware: an unverified customer’s 403 says requiresVerification at the top of the envelope', async () => {
    const res = await send('POST', '/api/memberships/subscribe', { sub: 'ben' }, subscription('ben'));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      success: false,
      code: 'AGE_VERIFICATION_REQUIRED',
      requiresVerification: true,
      details: { requiresVerification: true, reason: 'not_verified' },
    });
    expect(gateway.transactions()).toEqual([]);
  });

  test('the membership page: subscribe with paymentMethod.type, read tier and price; a second subscription’s message', async () => {
    expect((await send('POST', '/api/age-verification/verify', { sub: 'cora' }, ageClaim('cora'))).body.verified).toBe(true);

    const res = await send('POST', '/api/memberships/subscribe', { sub: 'cora' }, subscription('cora', 'SILVER'));
    expect(res.status).toBe(201);
    expect(res.body.membership).toMatchObject({ tier: 'SILVER', price: 97, monthlyPrice: 97, status: 'active' });
    expect(gateway.transactions().map((t) => t.amountCents)).toEqual([9700]);

    const again = await send('POST', '/api/memberships/subscribe', { sub: 'cora' }, subscription('cora', 'GOLD'));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ success: false, code: 'MEMBERSHIP_EXISTS', error: 'Customer already has an active membership' });
    expect(gateway.transactions()).toHaveLength(1);

    // The documented type is the only one: anything else is still refused, naming the field.
    const other = await send('POST', '/api/memberships/subscribe', { sub: 'cora' }, { ...subscription('cora'), paymentMethod: { type: 'bitcoin', token: 'tok_visa_test_x' } });
    expect(other.status).toBe(400);
    expect(JSON.stringify(other.body.details)).toContain('paymentMethod.type');
  });

  test('the account page: a cancelled membership reads "cancelled" with the date its benefits end, and checkout still discounts', async () => {
    expect((await send('POST', '/api/age-verification/verify', { sub: 'dan' }, ageClaim('dan'))).body.verified).toBe(true);
    const subscribed = await send('POST', '/api/memberships/subscribe', { sub: 'dan' }, subscription('dan', 'GOLD'));
    const periodEnd = subscribed.body.membership.currentPeriodEnd;

    const cancelled = await send('PUT', '/api/memberships/dan/cancel', { sub: 'dan' }, { reason: 'Moving away' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ benefitsUntil: periodEnd, membership: { status: 'cancelled', benefitsUntil: periodEnd, benefitsActive: true } });
    expect((await send('GET', '/api/memberships/dan', { sub: 'dan' })).body.membership).toMatchObject({ status: 'cancelled', benefitsUntil: periodEnd });

    const discount = await send('GET', '/api/memberships/discount/dan?subtotal=100.00', { sub: 'dan' });
    expect(discount.body).toMatchObject({ isMember: true, tier: 'GOLD', discountPercent: 30, discountAmount: 30, finalTotal: 70 });
  });

  test('the product pages: GET /api/square/catalog lists products', async () => {
    const res = await send('GET', '/api/square/catalog', { sub: 'ann' });
    expect(res.status).toBe(200);
    const names = new Set([...square.store.items.values()].filter((i) => !i.is_deleted && !i.item_data.is_archived).map((i) => i.item_data.name));
    expect(res.body.products.length).toBeGreaterThan(0);
    expect(res.body.products).toHaveLength(res.body.count);
    for (const product of res.body.products) {
      expect(names).toContain(product.name);
      expect(product).toMatchObject({ id: expect.any(String), available: true });
    }
    expect(res.body.products).toEqual(res.body.items);
  });

  test('the health script: GET /api/bigquery/cache-stats has the cache as one object', async () => {
    await send('GET', '/api/square/catalog', { sub: 'ann' }); // answered from the cache this time
    const res = await send('GET', '/api/bigquery/cache-stats', { sub: 'ops', role: 'admin' });
    expect(res.status).toBe(200);
    const { cache, warehouse, square: squareStats } = res.body;
    expect(cache).toMatchObject({ backend: 'memory', freshSeconds: expect.any(Number), hitRate: expect.any(Number) });
    expect(cache.hits).toBe(warehouse.hits + squareStats.hits);
    expect(cache.misses).toBe(warehouse.misses + squareStats.misses);
    expect(squareStats.hits).toBeGreaterThanOrEqual(1);
    expect(cache.hitRate).toBeGreaterThan(0);
  });
});
