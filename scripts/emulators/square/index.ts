/**
 * An honest stand-in for Square's REST API v2 (payments, refunds, catalog search, customer search,
 * locations), serving a deterministic generated shop on loopback. Used by `npm start` and the sync tests.
 */
import type { AddressInfo } from 'node:net';
import { EmulatorClock } from './emulator-clock';
import { createEmulatorServer, type EmulatorStats } from './emulator-server';
import { FaultInjector, type FaultSettings } from './fault-injector';
import { generateShop } from './generate-shop';
import { RateLimiter } from './rate-limiter';
import { ShopMutator, parseMutationRequest, type MutationRequest, type MutationSummary } from './shop-mutations';
import type { SquareStore } from './square-store';
import { WebhookSender, eventsFor, type WebhookStats, type WebhookSubscription } from './webhook-sender';

export type { EmulatorStats } from './emulator-server';
export type { FaultSettings } from './fault-injector';
export type { MutationRequest, MutationSummary } from './shop-mutations';
export { SquareStore } from './square-store';
export type * from './wire-types';
export type { WebhookStats, WebhookSubscription } from './webhook-sender';

/** The access token the emulator accepts unless told otherwise. */
export const DEFAULT_SQUARE_EMULATOR_TOKEN = 'square-emulator-token';

/** How to start the emulator; every field is optional. */
export interface SquareEmulatorOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Seed of the generated shop (default 1); the same seed gives identical data, ids included. */
  seed?: number;
  /** Payments in the history (default 100,000). */
  payments?: number;
  /** Catalog items, each with one to three variations (default 500). */
  items?: number;
  /** Customer profiles (default 1,700). */
  customers?: number;
  /** Locations (default 3); with three or more the last one is the web shop. */
  locations?: number;
  /** Days of history ending at `now` (default 730). */
  days?: number;
  /** The clock (default real time); changes are stamped from it, strictly increasing. */
  now?: () => Date;
  /** The bearer token to accept (default 'square-emulator-token'); any other gets 401. */
  accessToken?: string;
  /** Request ceiling per second, answered over it with 429 and Retry-After; null (default) for none. */
  maxRequestsPerSecond?: number | null;
  /** Injected 500/503 answers, deterministic from the seed. */
  faults?: FaultSettings;
  /** A webhook subscription: every change the shop makes while running is sent there, signed, as Square does. */
  webhooks?: WebhookSubscription;
}

/** A running emulator. */
export interface SquareEmulator {
  /** Base URL, e.g. http://127.0.0.1:43121; pass it to the SDK as `environment`. */
  url: string;
  /** The access token it accepts. */
  accessToken: string;
  /** Ground truth: every object the API serves. */
  store: SquareStore;
  /** Live counters of Square API traffic. */
  stats: EmulatorStats;
  /** The emulator clock's current time (never behind the last change it stamped). */
  now(): Date;
  /** Changes the injected fault rate. */
  setFaults(faults: FaultSettings): void;
  /** Changes the request ceiling; null removes it. */
  setRateLimit(maxRequestsPerSecond: number | null): void;
  /** Changes the shop exactly as POST /emulator/mutate does and reports what changed (and sends its webhooks). */
  mutate(req: MutationRequest): MutationSummary;
  /** How webhook deliveries went; null without a subscription. */
  webhookStats(): WebhookStats | null;
  /** Resolves once every webhook caused so far was delivered or given up on. */
  webhooksSettled(): Promise<void>;
  /** Stops the server. */
  close(): Promise<void>;
}

/** Generates the shop and starts serving it on 127.0.0.1. */
export async function startSquareEmulator(opts: SquareEmulatorOptions = {}): Promise<SquareEmulator> {
  const now = opts.now ?? (() => new Date());
  const seed = opts.seed ?? 1;
  const shop = generateShop({
    seed,
    payments: opts.payments ?? 100_000,
    items: opts.items ?? 500,
    customers: opts.customers ?? 1_700,
    locations: opts.locations ?? 3,
    days: opts.days ?? 730,
    nowMs: now().getTime(),
  });
  const clock = new EmulatorClock(now, shop.latestMs);
  const mutator = new ShopMutator(shop, clock, seed);
  const stats: EmulatorStats = { requests: 0, rateLimited: 0, serverErrors: 0, unauthorized: 0, byPath: {} };
  const limiter = new RateLimiter(opts.maxRequestsPerSecond ?? null);
  const faults = new FaultInjector(seed, opts.faults);
  const accessToken = opts.accessToken ?? DEFAULT_SQUARE_EMULATOR_TOKEN;
  const sender = opts.webhooks ? new WebhookSender(opts.webhooks) : undefined;
  const mutate = (req: MutationRequest): MutationSummary => {
    const summary = mutator.apply(parseMutationRequest(req));
    sender?.send(eventsFor(summary, shop.store, new Date(clock.current()).toISOString()));
    return summary;
  };
  const server = createEmulatorServer({ store: shop.store, clock, accessToken, stats, limiter, faults, mutate });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    accessToken,
    store: shop.store,
    stats,
    now: () => new Date(clock.current()),
    setFaults: (f) => faults.set(f),
    setRateLimit: (rps) => limiter.reset(rps),
    mutate,
    webhookStats: () => sender?.stats ?? null,
    webhooksSettled: async () => sender?.drain(),
    close: () => new Promise<void>((resolve, reject) => {
      sender?.close();
      server.close((err) => (err ? reject(err) : resolve()));
      // Keep-alive sockets from clients would otherwise hold close() open.
      server.closeAllConnections();
    }),
  };
}

