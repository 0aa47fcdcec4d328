import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheCurrentVerification } from '@shared/age-check/current-verification';
import { ManualClock } from '@shared/clock';
import { parseConfig } from '@shared/config';
import { signToken } from '@shared/http/auth';
import { MemoryKv } from '@shared/kv/memory';
import { AUTHORIZE_NET_EMULATOR_CREDENTIALS, authorizeNetEmulatorEnv } from '@shared/payments/local-emulator-env';
import { createRuntime } from '@shared/runtime';
import { EnvSecrets } from '@shared/secrets/env';
import { raffleEntries } from '@shared/warehouse/schema/raffles';
import { createRaffle } from '../../functions/raffles/create';
import { runDraw } from '../../functions/raffles/draw-algorithm';
import { drawRaffle } from '../../functions/raffles/draw';
import { manifestOfRaffle } from '../../functions/raffles/manifest';
import { createRafflesHandler } from '../../functions/raffles/handler';
import { startAuthorizeNetEmulator } from '../emulators/authorize-net';
import type { Benchmark, Metrics } from './benchmark';
import { embeddedAdapterEnv, randomSecrets } from './embedded-env';
import { callApi } from './http-client';

const BUYERS = 600;
const TICKETS = 300;
const DRAW_ENTRIES = 1_000_000;
const TARGET_DRAW_MS = 2_000;

const rules = 'Tickets $5 each, sold by the Hill Country VFD. Winner drawn publicly; the prize is not redeemable for cash.';

/**
 * Raffles on the local stack's adapters (DuckDB file warehouse, memory kv) paying through the Authorize.Net emulator:
 * `BUYERS` verified customers each buy one ticket of a `TICKETS`-ticket raffle at once over loopback HTTP, so most of
 * them contend for the last tickets (confirmed purchases per second, refusals counted); then a draw of 1,000,000
 * one-ticket entries, whole (the frozen entries read from the warehouse, manifest, hash, beacon, raffle-draw-v1,
 * ledger row; target < 2 s), and its recomputation from the published manifest text as npm run verify-draw does it.
 */
export const rafflesBenchmark: Benchmark = {
  name: 'raffles.api',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'bench-raffles-'));
    const emulator = await startAuthorizeNetEmulator({ ...AUTHORIZE_NET_EMULATOR_CREDENTIALS });
    const { AUTHORIZE_NET_TRANSACTION_KEY, ...gatewayEnv } = authorizeNetEmulatorEnv(emulator.url);
    const cfg = parseConfig({ ...embeddedAdapterEnv(`duckdb:${join(dir, 'warehouse.duckdb')}`), TRUST_PROXY_HOPS: '1', RATE_LIMIT_API_PER_MINUTE: '100000000', ...gatewayEnv });
    const secrets = randomSecrets();
    const clock = new ManualClock(new Date());
    const rt = createRuntime(cfg, { clock, kv: new MemoryKv(clock), secrets: new EnvSecrets({ ...secrets, AUTHORIZE_NET_TRANSACTION_KEY }) });
    await rt.warehouse.ensureSchema();
    const server = http.createServer((req, res) => void createRafflesHandler(() => rt)(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    try {
      const now = clock.now();
      const at = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();
      const charity = { organization: 'Hill Country VFD', registrationId: '74-1234567' };
      const base = { kind: 'charitable_raffle' as const, title: 'Bench raffle', prizeDescription: 'A grill', prizeValue: 50_000, prizeKind: 'goods' as const, ticketPrice: 500, charitable: charity, winners: 1, runnersUp: 2, entriesOpenAt: at(0), entriesCloseAt: at(1), drawAt: at(2), officialRules: rules };
      const raffle = await createRaffle(rt, { ...base, maxTickets: TICKETS, maxTicketsPerCustomer: 1 }, 'admin:bench');
      const tokens: string[] = [];
      for (let i = 0; i < BUYERS; i++) {
        tokens.push(await signToken({ sub: `buyer-${i}`, role: 'customer' }, { secret: secrets.JWT_SECRET, audience: cfg.JWT_AUDIENCE, issuer: cfg.JWT_ISSUER }));
        await cacheCurrentVerification(rt, { customerId: `buyer-${i}`, verificationId: `av_${i}`, method: 'full_verification', provider: 'self_attestation', state: 'TX', age: 30, verifiedAt: now.toISOString(), expiresAt: at(365) });
      }
      const started = performance.now();
      const answers = await Promise.all(
        tokens.map((token, i) =>
          callApi(agent, port, {
            method: 'POST',
            path: `/api/raffles/${raffle.raffle_id}/purchase`,
            token,
            headers: { 'X-Forwarded-For': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, 'Idempotency-Key': `bench-${i}` },
            body: { customerId: `buyer-${i}`, tickets: 1, paymentMethod: { token: `tok_visa_test_${i}` } },
          }),
        ),
      );
      const elapsedMs = performance.now() - started;
      const confirmed = answers.filter((a) => a.status === 201).length;
      const soldOut = answers.filter((a) => a.status === 409 && a.json.code === 'SOLD_OUT').length;
      if (confirmed !== TICKETS || soldOut !== BUYERS - TICKETS) throw new Error(`expected ${TICKETS} confirmed and the rest sold out, got ${confirmed} and ${soldOut}`);

      const big = await createRaffle(rt, { ...base, title: 'Bench draw', maxTickets: DRAW_ENTRIES, maxTicketsPerCustomer: 1, drawAt: at(2) }, 'admin:bench');
      const occurred = now.toISOString();
      for (let from = 0; from < DRAW_ENTRIES; from += 100_000) {
        const rows = Array.from({ length: 100_000 }, (_, k) => {
          const n = from + k + 1;
          return { row_id: `ent_b${n}:confirmed`, entry_id: `ent_b${n}`, raffle_id: big.raffle_id, customer_id: `c${n}`, entry_ref: `e_${randomBytes(12).toString('hex')}`, method: 'paid', status: 'confirmed', first_ticket: n, last_ticket: n, amount_cents: 500, payment_id: null, reason: null, occurred_at: occurred };
        });
        await rt.warehouse.append(raffleEntries, rows);
      }
      clock.set(new Date(Date.parse(big.draw_at) + 10_000));
      const drawStarted = performance.now();
      const drawn = await drawRaffle(rt, big.raffle_id, 'admin:bench');
      const drawMs = performance.now() - drawStarted;
      if (drawn.manifest_tickets !== DRAW_ENTRIES) throw new Error(`draw froze ${drawn.manifest_tickets} tickets`);

      // What npm run verify-draw does with the published answer: parse the manifest text, hash it, select.
      const { manifest } = await manifestOfRaffle(rt, big.raffle_id);
      const recomputeStarted = performance.now();
      runDraw({ raffleId: big.raffle_id, seedHex: drawn.seed_hex as string, manifest, beacon: drawn.beacon_randomness ?? '', winners: 1, runnersUp: 2 });
      const recomputeMs = performance.now() - recomputeStarted;

      const metrics: Metrics = {
        'purchase.buyers_count': BUYERS,
        'purchase.confirmed_count': confirmed,
        'purchase.refused_sold_out_count': soldOut,
        'purchase.charges_count': emulator.transactions().length,
        'purchase.confirmed_per_s': Math.round((confirmed / elapsedMs) * 1000 * 10) / 10,
        'purchase.wall_ms': Math.round(elapsedMs),
        'draw_1m.total_ms': Math.round(drawMs),
        'draw_1m.recompute_from_verify_ms': Math.round(recomputeMs),
        'draw_1m.within_2s_target': drawMs < TARGET_DRAW_MS ? 'yes' : 'no',
      };
      return metrics;
    } finally {
      agent.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await emulator.close();
      await rt.warehouse.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
