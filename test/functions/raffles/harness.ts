import { cacheCurrentVerification } from '@shared/age-check/current-verification';
import { authorizeNetEmulatorEnv } from '@shared/payments/local-emulator-env';
import { startAuthorizeNetEmulator } from '../../../scripts/emulators/authorize-net';
import type { AuthorizeNetEmulator, AuthorizeNetEmulatorOptions } from '../../../scripts/emulators/authorize-net';
import { createRafflesHandler } from '../../../functions/raffles/handler';
import { call, serve } from '../../support/http';
import { type TestRuntime, createTestRuntime, tokenFor } from '../../support/runtime';

/** Official rules of a sweepstakes that make the statements Texas requires. */
export const SWEEPSTAKES_RULES =
  'NO PURCHASE NECESSARY to enter or win. A purchase will not improve your chances of winning. Open to Texas residents 21 and older. One free entry per person.';
/** Official rules of a charitable raffle. */
export const RAFFLE_RULES = 'Tickets $10 each, sold by Hill Country Volunteer Fire Department. Winner drawn publicly; prize is not redeemable for cash.';

/** A valid creation body of each kind, dated from `now`: open now, closing in 10 days, drawn a day later. */
export function raffleBody(kind: 'charitable_raffle' | 'sweepstakes', now: Date, overrides: Record<string, unknown> = {}) {
  const at = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();
  const common = {
    title: kind === 'sweepstakes' ? 'Spring giveaway' : 'Fire department fundraiser',
    prizeDescription: 'A smoker grill and accessories',
    prizeValue: 899.99,
    prizeKind: 'goods',
    maxTickets: 500,
    entriesOpenAt: at(0),
    entriesCloseAt: at(10),
    drawAt: at(11),
  };
  const body =
    kind === 'sweepstakes'
      ? { kind, ...common, officialRules: SWEEPSTAKES_RULES }
      : { kind, ...common, ticketPrice: 10, maxTicketsPerCustomer: 20, charitable: { organization: 'Hill Country VFD', registrationId: '74-1234567' }, officialRules: RAFFLE_RULES };
  return { ...body, ...overrides };
}

/**
 * The raffles function on loopback over a test runtime, paying through the Authorize.Net emulator; the emulator and
 * the runtime share one ManualClock. Customers come from their own addresses (X-Forwarded-For, one proxy hop).
 */
export async function startRaffles(options: { env?: Record<string, string>; start?: string; emulator?: AuthorizeNetEmulatorOptions } = {}) {
  const start = options.start ?? '2026-03-15T17:00:00Z';
  let rt: TestRuntime | undefined;
  const emulator: AuthorizeNetEmulator = await startAuthorizeNetEmulator({ now: () => rt?.clock.now() ?? new Date(start), ...options.emulator });
  const { AUTHORIZE_NET_TRANSACTION_KEY, ...gatewayEnv } = authorizeNetEmulatorEnv(emulator.url);
  rt = createTestRuntime(
    { RATE_LIMIT_API_PER_MINUTE: '100000', RATE_LIMIT_ADMIN_PER_MINUTE: '100000', AUTHORIZE_NET_TIMEOUT_MS: '2000', TRUST_PROXY_HOPS: '1', ...gatewayEnv, ...options.env },
    start,
  );
  const runtime = rt;
  await rt.secrets.put('authorize-net-transaction-key', AUTHORIZE_NET_TRANSACTION_KEY);
  const server = await serve(createRafflesHandler(() => runtime));
  const tokens = new Map<string, string>();
  let nonces = 0;
  let addresses = 0;
  const addressOf = new Map<string, string>();

  const harness = {
    rt: runtime,
    emulator,
    url: server.url,
    /** Calls the API as customer `as` (or as admin with role 'admin'), from that caller's own address. */
    async request(method: string, path: string, opts: { as?: string; role?: 'customer' | 'admin'; json?: unknown; headers?: Record<string, string> } = {}) {
      let token: string | undefined;
      const caller = opts.as ? `${opts.role ?? 'customer'}:${opts.as}` : 'anonymous';
      if (opts.as) {
        if (!tokens.has(caller)) tokens.set(caller, await tokenFor(runtime, opts.as, opts.role ?? 'customer', '24h'));
        token = tokens.get(caller);
      }
      if (!addressOf.has(caller)) {
        const n = ++addresses;
        addressOf.set(caller, `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`);
      }
      return call(`${server.url}${path}`, { method, token, json: opts.json, headers: { 'X-Forwarded-For': addressOf.get(caller) as string, ...opts.headers } });
    },
    /** A fresh single-use token for a test card (tok_visa_test approves, tok_declined declines, …). */
    cardToken: (card = 'tok_visa_test') => `${card}_${++nonces}`,
    /** Creates a raffle as admin; returns its JSON. */
    async create(kind: 'charitable_raffle' | 'sweepstakes', overrides: Record<string, unknown> = {}) {
      const res = await harness.request('POST', '/api/raffles', { as: 'ops', role: 'admin', json: raffleBody(kind, runtime.clock.now(), overrides) });
      if (res.status !== 201) throw new Error(`create answered ${res.status} ${res.text}`);
      return res.body.raffle as { id: string; commitment: string; beacon: { round: number | null; source: string }; drawAt: string } & Record<string, unknown>;
    },
    /** Buys tickets as a customer. */
    purchase(raffleId: string, customerId: string, opts: { tickets?: number; token?: string; key?: string } = {}) {
      return harness.request('POST', `/api/raffles/${raffleId}/purchase`, {
        as: customerId,
        json: { customerId, email: `${customerId}@example.com`, tickets: opts.tickets ?? 1, paymentMethod: { token: opts.token ?? harness.cardToken() } },
        headers: opts.key ? { 'Idempotency-Key': opts.key } : {},
      });
    },
    /** Marks a customer age-verified for a year from now, as the age-verification function would. */
    async verifyAge(customerId: string) {
      const now = runtime.clock.now();
      await cacheCurrentVerification(runtime, {
        customerId,
        verificationId: `av_${customerId}`,
        method: 'full_verification',
        provider: 'self_attestation',
        state: 'TX',
        age: 30,
        verifiedAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + 365 * 86_400_000).toISOString(),
      });
    },
    /** Gateway charges that captured money (approved and not voided). */
    capturedCharges() {
      return emulator.transactions().filter((t) => t.type === 'authCaptureTransaction' && t.responseCode === '1' && t.status !== 'voided');
    },
    async rows<T = Record<string, unknown>>(sql: string): Promise<T[]> {
      return runtime.warehouse.query<T>(() => sql);
    },
    async close() {
      await server.close();
      await emulator.close();
      await runtime.warehouse.close();
    },
  };
  return harness;
}

export type RafflesHarness = Awaited<ReturnType<typeof startRaffles>>;
