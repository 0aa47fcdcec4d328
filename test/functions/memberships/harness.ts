import { cacheCurrentVerification } from '@shared/age-check/current-verification';
import { authorizeNetEmulatorEnv } from '@shared/payments/local-emulator-env';
import type { Warehouse } from '@shared/warehouse/port';
import { startAuthorizeNetEmulator } from '../../../scripts/emulators/authorize-net';
import type { AuthorizeNetEmulator, AuthorizeNetEmulatorOptions } from '../../../scripts/emulators/authorize-net';
import { createMembershipsHandler } from '../../../functions/memberships/handler';
import { call, serve } from '../../support/http';
import { type TestRuntime, createTestRuntime, tokenFor } from '../../support/runtime';

/**
 * The memberships function on loopback over a test runtime, paying through the Authorize.Net emulator. The runtime and
 * the emulator share one ManualClock, so billing dates, settlement and duplicate windows move together. The warehouse
 * can be made to fail on demand, to test what happens after a charge when nothing can be saved.
 */
export async function startMemberships(options: { env?: Record<string, string>; start?: string; emulator?: AuthorizeNetEmulatorOptions } = {}) {
  const start = options.start ?? '2026-03-15T17:00:00Z';
  let rt: TestRuntime | undefined;
  // The emulator reads the clock once while starting, before the runtime (which needs the emulator's URL) exists.
  const emulator: AuthorizeNetEmulator = await startAuthorizeNetEmulator({ now: () => rt?.clock.now() ?? new Date(start), ...options.emulator });
  const { AUTHORIZE_NET_TRANSACTION_KEY, ...gatewayEnv } = authorizeNetEmulatorEnv(emulator.url);
  rt = createTestRuntime(
    {
      RATE_LIMIT_API_PER_MINUTE: '100000',
      RATE_LIMIT_ADMIN_PER_MINUTE: '100000',
      AUTHORIZE_NET_TIMEOUT_MS: '2000',
      ...gatewayEnv,
      ...options.env,
    },
    start,
  );
  const runtime = rt;
  await rt.secrets.put('authorize-net-transaction-key', AUTHORIZE_NET_TRANSACTION_KEY);
  const faults = installWarehouseFaults(rt);
  const server = await serve(createMembershipsHandler(() => runtime));
  const tokens = new Map<string, string>();
  let nonces = 0;
  // A fresh token for a test card, as the payment form makes one per payment: the emulator's tokens are single-use,
  // like the gateway's. tok_visa_test approves, tok_declined declines (see the emulator's README).
  const cardToken = (card = 'tok_visa_test') => `${card}_${++nonces}`;
  // The gateway ids of the card stored for a customer's current (or latest) membership, from the ledger.
  const storedCard = async (customerId: string) => {
    const [row] = await runtime.warehouse.query<{ gateway_customer_profile_id: string | null; gateway_payment_profile_id: string | null }>(
      (d) => `SELECT gateway_customer_profile_id, gateway_payment_profile_id FROM ${d.table('commerce.memberships_current')}
WHERE customer_id = ${d.param('customerId')} ORDER BY CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END, started_at DESC LIMIT 1`,
      { params: { customerId } },
    );
    if (!row?.gateway_customer_profile_id || !row.gateway_payment_profile_id) return null;
    return { customerProfileId: row.gateway_customer_profile_id, paymentProfileId: row.gateway_payment_profile_id };
  };

  const harness = {
    rt: runtime,
    emulator,
    url: server.url,
    faults,
    /** Calls the API as customer `as` (or admin with role 'admin'). */
    async request(method: string, path: string, opts: { as?: string; role?: 'customer' | 'admin'; json?: unknown; headers?: Record<string, string> } = {}) {
      let token: string | undefined;
      if (opts.as) {
        const key = `${opts.role ?? 'customer'}:${opts.as}`;
        if (!tokens.has(key)) tokens.set(key, await tokenFor(runtime, opts.as, opts.role ?? 'customer', '24h'));
        token = tokens.get(key);
      }
      return call(`${server.url}${path}`, { method, token, json: opts.json, headers: opts.headers });
    },
    /** A fresh, single-use token for a test card (default tok_visa_test). */
    cardToken,
    /** Subscribes a customer (as that customer), paying with a fresh token unless one is given. */
    subscribe(customerId: string, tier = 'SILVER', token = cardToken(), headers: Record<string, string> = {}) {
      return harness.request('POST', '/api/memberships/subscribe', {
        as: customerId,
        json: { customerId, email: `${customerId}@example.com`, tier, paymentMethod: { token } },
        headers,
      });
    },
    /** Marks a customer age-verified (as the age-verification function would) for a year from now. */
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
    /** The gateway ids of the card stored for a customer's current membership (null when none is on file). */
    storedCard,
    /** Makes the card stored for a customer's membership start declining at the gateway (drives dunning). */
    async declineStoredCard(customerId: string) {
      const card = await storedCard(customerId);
      if (!card || !emulator.declineProfile(card.customerProfileId)) throw new Error(`${customerId} has no stored card to decline`);
    },
    /** Rows of a table, for assertions. */
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

/** The started harness. */
export type MembershipsHarness = Awaited<ReturnType<typeof startMemberships>>;

/** Switches that make the runtime's warehouse throw on appends to chosen tables (a BigQuery outage, say). */
export interface WarehouseFaults {
  /** Table ids (e.g. commerce.membership_events) whose appends throw. */
  failAppendsTo: Set<string>;
}

function installWarehouseFaults(rt: TestRuntime): WarehouseFaults {
  const faults: WarehouseFaults = { failAppendsTo: new Set() };
  const real: Warehouse = rt.warehouse;
  const append = real.append.bind(real);
  (real as { append: Warehouse['append'] }).append = async (table, rows) => {
    if (faults.failAppendsTo.has(table.id)) throw new Error(`injected warehouse failure appending to ${table.id}`);
    return append(table, rows);
  };
  return faults;
}
