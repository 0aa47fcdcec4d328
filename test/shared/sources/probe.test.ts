import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { ProbeResult } from '@shared/sources/probe';
import { type SourceName, connectorFor } from '@shared/sources/registry';
import { startLightspeedEmulator } from '../../../scripts/emulators/lightspeed';
import { startSquareEmulator } from '../../../scripts/emulators/square';
import { createTestRuntime } from '../../support/runtime';

/** A server that accepts connections and never answers: what a hung upstream looks like. */
async function silentServer() {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One connector's emulator, and how to make it refuse, throttle and fail. */
interface Upstream {
  env: Record<string, string>;
  secrets: Record<string, string>;
  /** Settings whose credential the API refuses with 401. */
  refused: { env: Record<string, string>; secrets: Record<string, string> };
  /** Makes the next probe meet a 429. */
  throttle(probe: () => Promise<ProbeResult>): Promise<void>;
  failEverything(): void;
  /** Secrets with a refresh token the token endpoint refuses (OAuth sources only). */
  refusedRefresh?: Record<string, string>;
  close(): Promise<void>;
}

const upstreams: Record<SourceName, { start(): Promise<Upstream>; hungEnv(url: string): Record<string, string>; hungSecrets: Record<string, string> }> = {
  square: {
    async start() {
      const emulator = await startSquareEmulator({ payments: 20, items: 5, customers: 5, locations: 2, days: 30, seed: 3 });
      return {
        env: { SQUARE_BASE_URL: emulator.url },
        secrets: { SQUARE_ACCESS_TOKEN: emulator.accessToken },
        refused: { env: { SQUARE_BASE_URL: emulator.url }, secrets: { SQUARE_ACCESS_TOKEN: 'sq0atp-REFUSED-TOKEN' } },
        async throttle(probe) {
          // A ceiling far below one request a second: the first probe takes the only token, the next is refused.
          emulator.setRateLimit(0.01);
          expect((await probe()).outcome).toBe('up');
        },
        failEverything: () => emulator.setFaults({ serverErrorRate: 1 }),
        close: () => emulator.close(),
      };
    },
    hungEnv: (url) => ({ SQUARE_BASE_URL: url }),
    hungSecrets: { SQUARE_ACCESS_TOKEN: 'any' },
  },
  lightspeed: {
    async start() {
      const emulator = await startLightspeedEmulator({ sales: 20, items: 5, categories: 2, days: 30, seed: 3 });
      return {
        env: { LIGHTSPEED_BASE_URL: emulator.url, LIGHTSPEED_ACCOUNT_ID: emulator.accountId, LIGHTSPEED_CLIENT_ID: emulator.oauth.clientId },
        secrets: { LIGHTSPEED_CLIENT_SECRET: emulator.oauth.clientSecret, LIGHTSPEED_REFRESH_TOKEN: emulator.currentRefreshToken() },
        // The legacy API key: the API itself answers 401 for a wrong one.
        refused: { env: { LIGHTSPEED_BASE_URL: emulator.url, LIGHTSPEED_ACCOUNT_ID: emulator.accountId }, secrets: { LIGHTSPEED_API_KEY: 'ls-REFUSED-TOKEN' } },
        refusedRefresh: { LIGHTSPEED_CLIENT_SECRET: emulator.oauth.clientSecret, LIGHTSPEED_REFRESH_TOKEN: 'ls-REFUSED-TOKEN' },
        async throttle() {
          emulator.force429Next(1);
        },
        failEverything: () => emulator.setFaults({ serverErrorRate: 1 }),
        close: () => emulator.close(),
      };
    },
    // OAuth, so that even obtaining the access token hangs: the bound covers it too.
    hungEnv: (url) => ({ LIGHTSPEED_BASE_URL: url, LIGHTSPEED_ACCOUNT_ID: '100001', LIGHTSPEED_CLIENT_ID: 'client' }),
    hungSecrets: { LIGHTSPEED_CLIENT_SECRET: 'secret', LIGHTSPEED_REFRESH_TOKEN: 'refresh' },
  },
};

describe.each(Object.keys(upstreams) as SourceName[])('the %s probe, against its emulator', (source) => {
  const connector = connectorFor(source);
  let upstream: Upstream;
  beforeEach(async () => {
    upstream = await upstreams[source].start();
  });
  afterEach(() => upstream.close());

  const probeWith = (secrets: Record<string, string>, env = upstream.env) => {
    const rt = createTestRuntime(env, '2026-03-15T17:00:00Z', secrets);
    return () => connector.probe(rt, { timeoutMs: 5_000 });
  };

  test('an authenticated read answers: up, timed, credentials valid', async () => {
    const result = await probeWith(upstream.secrets)();
    expect(result).toMatchObject({ source, mode: 'emulator', outcome: 'up', ok: true, httpStatus: 200, authValid: true, error: null });
    expect(result.checkedAt).toBe('2026-03-15T17:00:00.000Z');
    expect(result.responseMs).toBeGreaterThanOrEqual(0);
    expect(result.responseMs).toBeLessThan(5_000);
    if (source === 'lightspeed') {
      // The account read reports the bucket: 90 drips, of which this request took about one.
      expect(result.rateLimit).toEqual({ remaining: expect.any(Number), limit: 90, retryAfterMs: null });
      expect(result.rateLimit!.remaining).toBeGreaterThan(80);
      expect(result.rateLimit!.remaining).toBeLessThanOrEqual(90);
      // The OAuth access token just obtained expires half an hour after it was issued (on the runtime's clock).
      expect(result.tokenExpiresAt).toBe('2026-03-15T17:30:00.000Z');
    } else {
      // Square publishes no rate limit and its access tokens do not expire.
      expect(result.rateLimit).toBeNull();
      expect(result.tokenExpiresAt).toBeNull();
    }
  });

  test('a refused credential (401): unauthorized, credentials invalid, the credential never in the error', async () => {
    const result = await probeWith(upstream.refused.secrets, upstream.refused.env)();
    expect(result).toMatchObject({ source, outcome: 'unauthorized', ok: false, httpStatus: 401, authValid: false });
    expect(result.error).toMatch(/^HTTP 401: /);
    expect(result.error).not.toContain('REFUSED-TOKEN');
  });

  test('a 429: throttled, with the wait the source asks for', async () => {
    const probe = probeWith(upstream.secrets);
    await upstream.throttle(probe);
    const result = await probe();
    expect(result).toMatchObject({ source, outcome: 'throttled', ok: false, httpStatus: 429 });
    expect(result.rateLimit?.retryAfterMs).toBeGreaterThanOrEqual(1000);
    // Lightspeed checks credentials before its bucket, so its 429 still proves them; Square's does not say.
    expect(result.authValid).toBe(source === 'lightspeed' ? true : null);
  });

  test('a 5xx: failing, one request and no retry', async () => {
    upstream.failEverything();
    const result = await probeWith(upstream.secrets)();
    expect(result).toMatchObject({ source, outcome: 'failing', ok: false, authValid: null });
    expect(result.httpStatus).toBeGreaterThanOrEqual(500);
    expect(result.error).toMatch(/^HTTP 5\d\d: /);
  });

  test('an upstream that never answers: timeout, resolved within the bound', async () => {
    const hung = await silentServer();
    try {
      const rt = createTestRuntime(upstreams[source].hungEnv(hung.url), '2026-03-15T17:00:00Z', upstreams[source].hungSecrets);
      const started = performance.now();
      const result = await connector.probe(rt, { timeoutMs: 300 });
      const elapsed = performance.now() - started;
      expect(result).toMatchObject({ source, outcome: 'timeout', ok: false, httpStatus: null, responseMs: null, authValid: null });
      expect(result.error).toBe('no answer within 300 ms');
      expect(elapsed).toBeGreaterThanOrEqual(290);
      expect(elapsed).toBeLessThan(1_500);
    } finally {
      await hung.close();
    }
  });
});

test('Lightspeed: a refresh token its token endpoint refuses is unauthorized, before any API call', async () => {
  const upstream = await upstreams.lightspeed.start();
  try {
    const rt = createTestRuntime(upstream.env, '2026-03-15T17:00:00Z', upstream.refusedRefresh);
    const result = await connectorFor('lightspeed').probe(rt);
    expect(result).toMatchObject({ outcome: 'unauthorized', ok: false, httpStatus: null, authValid: false });
    expect(result.error).toContain('invalid_grant');
    expect(result.error).not.toContain('REFUSED-TOKEN');
  } finally {
    await upstream.close();
  }
});

test('a source that is not configured is not probed', async () => {
  const rt = createTestRuntime({});
  const result = await connectorFor('lightspeed').probe(rt);
  expect(result).toMatchObject({ source: 'lightspeed', mode: 'not-configured', outcome: 'not-configured', ok: false, httpStatus: null });
});
