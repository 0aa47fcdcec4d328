/**
 * A local stand-in for Lightspeed Retail (R-Series) API V3: Sale, Item and Category reads with `@attributes.next`
 * cursor paging, the timeStamp operator filter, archived records, the leaky-bucket rate limit and its headers, and
 * OAuth refresh with rotating refresh tokens, over a deterministic generated hemp and THC shop that can change while
 * it runs. Start it with startLightspeedEmulator(); the CLI is main.ts.
 */
import type { AddressInfo } from 'node:net';
import type { ApiContext } from './api';
import { generateShop } from './generate-shop';
import { DEFAULT_BUCKET, LeakyBucket, type BucketSettings } from './leaky-bucket';
import { applyMutation, type LightspeedMutation, type LightspeedMutationResult } from './mutate';
import { OAuthServer } from './oauth';
import { deriveRandom } from './random';
import { createEmulatorServer } from './server';
import { createStats, type LightspeedEmulatorStats } from './stats';
import { LightspeedStore } from './store';

export type { LightspeedMutation, LightspeedMutationResult } from './mutate';
export type { LightspeedEmulatorStats } from './stats';
export type { BucketSettings } from './leaky-bucket';
export type { CategoryRecord, ItemRecord, ItemShopRecord, SaleLineRecord, SaleRecord } from './types';
export { LightspeedStore } from './store';

/** OAuth client registration and first refresh token. */
export interface LightspeedOAuthOptions {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** Access token lifetime; default 1800 s. */
  accessTokenTtlSeconds?: number;
}

/** Fault injection. */
export interface LightspeedFaults {
  /** Share of admitted API requests answered 500 (0..1). */
  serverErrorRate?: number;
}

/** How to build and run the emulator; every field has a default. */
export interface LightspeedEmulatorOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Seed of the generated shop (default 1). */
  seed?: number;
  /** Account ID in the URL (default '100001'). */
  accountId?: string;
  /** Sales spread over `days` (default 20,000). */
  sales?: number;
  /** Catalog size (default 400). */
  items?: number;
  /** Categories (default 12). */
  categories?: number;
  /** Length of the sales history in days, ending now (default 730). */
  days?: number;
  /** The emulator's clock: generation anchor, change stamps, token expiry and bucket drain (default: real time). */
  now?: () => Date;
  /** Leaky bucket (default 90 drips draining 1/s, Lightspeed's documented base allowance). */
  bucket?: BucketSettings;
  /** API key accepted as HTTP basic username (default 'ls-emulator-key'). */
  apiKey?: string;
  /** OAuth client (defaults: 'ls-emulator-client' / 'ls-emulator-secret' / 'ls-emulator-refresh-token'). */
  oauth?: LightspeedOAuthOptions;
  faults?: LightspeedFaults;
}

/** A running emulator. */
export interface LightspeedEmulator {
  /** Origin, e.g. http://127.0.0.1:4123: API under `${url}/API/V3/Account/${accountId}/`, token at `${url}/auth/oauth/token`. */
  readonly url: string;
  readonly accountId: string;
  readonly apiKey: string;
  readonly oauth: { clientId: string; clientSecret: string; accessTokenTtlSeconds: number };
  /** Ground truth: every sale, item and category, archived included. */
  readonly store: LightspeedStore;
  /** Live counters. */
  readonly stats: LightspeedEmulatorStats;
  /** The newest refresh token that works now. */
  currentRefreshToken(): string;
  /** Makes every access token issued so far expire now. */
  expireAccessTokens(): void;
  /** Changes the bucket's size or drip rate, or sets its level. */
  setBucket(change: Partial<BucketSettings> & { level?: number }): void;
  /** Changes fault injection. */
  setFaults(faults: LightspeedFaults): void;
  /** The next n API requests are answered 429 whatever the bucket holds. */
  force429Next(n: number): void;
  /** Changes the shop now and reports exactly which records changed. */
  mutate(mutation: LightspeedMutation): LightspeedMutationResult;
  close(): Promise<void>;
}

const DEFAULT_OAUTH: LightspeedOAuthOptions = {
  clientId: 'ls-emulator-client',
  clientSecret: 'ls-emulator-secret',
  refreshToken: 'ls-emulator-refresh-token',
};

/** Builds the shop and starts serving it on 127.0.0.1. */
export async function startLightspeedEmulator(opts: LightspeedEmulatorOptions = {}): Promise<LightspeedEmulator> {
  const now = opts.now ?? ((): Date => new Date());
  const nowMs = (): number => now().getTime();
  const seed = opts.seed ?? 1;
  const accountId = opts.accountId ?? '100001';
  const apiKey = opts.apiKey ?? 'ls-emulator-key';
  const oauthOptions = { ...DEFAULT_OAUTH, ...opts.oauth };
  const accessTokenTtlSeconds = oauthOptions.accessTokenTtlSeconds ?? 1800;

  const shop = generateShop({
    seed,
    sales: opts.sales ?? 20_000,
    items: opts.items ?? 400,
    categories: opts.categories ?? 12,
    days: opts.days ?? 730,
    anchor: Math.floor(nowMs() / 1000),
  });
  const store = new LightspeedStore(accountId, shop, now);
  const stats = createStats();
  const bucket = new LeakyBucket({ ...DEFAULT_BUCKET, ...opts.bucket }, nowMs);
  const mutationRandom = deriveRandom(seed, 2);
  const api: ApiContext = {
    store,
    oauth: new OAuthServer(
      { ...oauthOptions, accessTokenTtlSeconds, accountId, issuer: 'https://cloud.lightspeedapp.com' },
      nowMs,
    ),
    bucket,
    stats,
    apiKey,
    baseUrl: '',
    faults: { serverErrorRate: opts.faults?.serverErrorRate ?? 0 },
    faultRandom: deriveRandom(seed, 3),
    forced429: { remaining: 0 },
  };
  const oauth = api.oauth;

  const controls = {
    mutate: (mutation: LightspeedMutation) => applyMutation(store, mutationRandom, mutation),
    stats: () => ({ ...stats, bucket: bucket.peek() }),
    credentials: () => ({
      accountId,
      apiKey,
      clientId: oauthOptions.clientId,
      clientSecret: oauthOptions.clientSecret,
      refreshToken: oauth.currentRefreshToken(),
    }),
    expireAccessTokens: () => oauth.expireAccessTokens(),
    force429Next: (n: number) => {
      api.forced429.remaining += Math.max(0, Math.floor(n));
    },
    setBucket: (change: Partial<BucketSettings> & { level?: number }) => bucket.configure(change),
    setFaults: (faults: LightspeedFaults) => {
      if (faults.serverErrorRate !== undefined) api.faults.serverErrorRate = faults.serverErrorRate;
    },
  };

  const server = createEmulatorServer({ api, oauth, stats, admin: controls });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.baseUrl = url;

  return {
    url,
    accountId,
    apiKey,
    oauth: { clientId: oauthOptions.clientId, clientSecret: oauthOptions.clientSecret, accessTokenTtlSeconds },
    store,
    stats,
    currentRefreshToken: () => oauth.currentRefreshToken(),
    expireAccessTokens: controls.expireAccessTokens,
    setBucket: controls.setBucket,
    setFaults: controls.setFaults,
    force429Next: controls.force429Next,
    mutate: controls.mutate,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets from fetch would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
