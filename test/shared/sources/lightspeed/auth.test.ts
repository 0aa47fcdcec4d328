import { MemoryKv } from '@shared/kv/memory';
import { parseKeyRing } from '@shared/privacy/keys';
import { EnvSecrets } from '@shared/secrets/env';
import { SecretManagerSecrets } from '@shared/secrets/secret-manager';
import type { SecretName, Secrets } from '@shared/secrets/port';
import { ApiKeyAuth, LightspeedAuthError, LightspeedOAuth } from '@shared/sources/lightspeed/auth';
import { LightspeedApiError, LightspeedClient } from '@shared/sources/lightspeed/client';
import { SharedAccessToken } from '@shared/sources/lightspeed/shared-access-token';
import { type LightspeedEmulator, startLightspeedEmulator } from '../../../../scripts/emulators/lightspeed';
import { TEST_SECRETS } from '../../../support/runtime';
import { SecretManagerFake } from '../../../support/secret-manager-fake';

/** What happened, in order: refreshes (with the refresh token presented), secret writes and API calls. */
type Event = { kind: 'refresh'; presented: string } | { kind: 'put'; value: string } | { kind: 'api'; authorization: string };

const ring = async () => parseKeyRing(TEST_SECRETS.PII_ENCRYPTION_KEYS);

/** A secret store shared by "instances", recording every write; `failPut` simulates a crash at the save. */
class RecordingSecrets implements Secrets {
  readonly backend = 'env' as const;
  failPut = false;
  private readonly inner: EnvSecrets;
  constructor(
    env: Record<string, string>,
    private readonly events: Event[],
  ) {
    this.inner = new EnvSecrets(env);
  }
  get(name: SecretName) {
    return this.inner.get(name);
  }
  getOptional(name: SecretName) {
    return this.inner.getOptional(name);
  }
  async put(name: SecretName, value: string) {
    if (this.failPut) throw new Error('instance killed before the save finished');
    this.events.push({ kind: 'put', value });
    return this.inner.put(name, value);
  }
  retireVersionsBefore(name: SecretName, version: string) {
    return this.inner.retireVersionsBefore(name, version);
  }
  async ping() {}
}

describe('Lightspeed OAuth with rotating refresh tokens', () => {
  let emulator: LightspeedEmulator;
  let events: Event[];
  let secrets: RecordingSecrets;
  let kv: MemoryKv;

  beforeAll(async () => {
    emulator = await startLightspeedEmulator({ sales: 30, items: 5, days: 10, bucket: { size: 100_000, dripPerSecond: 1 } });
  });
  afterAll(() => emulator.close());
  beforeEach(() => {
    events = [];
    kv = new MemoryKv();
    secrets = new RecordingSecrets(
      { ...TEST_SECRETS, LIGHTSPEED_CLIENT_SECRET: emulator.oauth.clientSecret, LIGHTSPEED_REFRESH_TOKEN: emulator.currentRefreshToken() },
      events,
    );
  });

  const tokenFetch: typeof fetch = async (input, init) => {
    const presented = new URLSearchParams(String(init?.body)).get('refresh_token') ?? '';
    events.push({ kind: 'refresh', presented });
    return fetch(input, init);
  };
  const apiFetch: typeof fetch = async (input, init) => {
    events.push({ kind: 'api', authorization: String((init?.headers as Record<string, string>).Authorization) });
    return fetch(input, init);
  };

  /** One instance: its own in-memory token, the shared kv and secret store. */
  function instance(options: { secrets?: Secrets; now?: () => number } = {}) {
    const auth = new LightspeedOAuth({
      tokenUrl: `${emulator.url}/auth/oauth/token`,
      clientId: emulator.oauth.clientId,
      accountId: emulator.accountId,
      secrets: options.secrets ?? secrets,
      kv,
      shared: new SharedAccessToken(kv, emulator.accountId, ring),
      fetch: tokenFetch,
      now: options.now,
    });
    const client = new LightspeedClient({ baseUrl: emulator.url, accountId: emulator.accountId, auth, fetch: apiFetch });
    const read = () => client.getJson(client.listUrl('Item', { limit: '1' }));
    return { auth, client, read };
  }

  test('through Secret Manager, each rotation disables the spent refresh token once the new one is confirmed stored', async () => {
    const store = await SecretManagerFake.start({ projectId: 'shop-prod' });
    const manager = new SecretManagerSecrets({ projectId: 'shop-prod', apiEndpoint: store.endpoint });
    try {
      store.addVersion('lightspeed-client-secret', emulator.oauth.clientSecret);
      store.addVersion('lightspeed-refresh-token', emulator.currentRefreshToken());
      const { read } = instance({ secrets: manager });
      await read();
      expect(store.versionStates('lightspeed-refresh-token')).toEqual(['DISABLED', 'ENABLED']);
      emulator.expireAccessTokens();
      await read();
      expect(store.versionStates('lightspeed-refresh-token')).toEqual(['DISABLED', 'DISABLED', 'ENABLED']);
      // The one readable version is the refresh token Lightspeed will accept next.
      expect(store.latest('lightspeed-refresh-token')).toBe(emulator.currentRefreshToken());
      await expect(manager.get('lightspeed-refresh-token')).resolves.toBe(emulator.currentRefreshToken());
    } finally {
      await manager.close();
      await store.stop();
    }
  });

  test('twenty requests arriving together on a cold start cause one refresh', async () => {
    const before = emulator.stats.tokenRefreshes;
    const { read, auth } = instance();
    await Promise.all(Array.from({ length: 20 }, read));
    expect(emulator.stats.tokenRefreshes - before).toBe(1);
    expect(auth.refreshes).toBe(1);
  });

  test('two instances starting together refresh once: the second waits on the kv lock and adopts the shared token', async () => {
    const before = emulator.stats.tokenRefreshes;
    const a = instance();
    const b = instance();
    await Promise.all([...Array.from({ length: 10 }, a.read), ...Array.from({ length: 10 }, b.read)]);
    expect(emulator.stats.tokenRefreshes - before).toBe(1);
    expect(a.auth.refreshes + b.auth.refreshes).toBe(1);
    const used = new Set(events.filter((e) => e.kind === 'api').map((e) => (e as { authorization: string }).authorization));
    expect(used.size).toBe(1);
  });

  test('each rotated refresh token is stored before its access token is used, and no refresh token is presented twice', async () => {
    const invalidBefore = emulator.stats.invalidGrants;
    const a = instance();
    const b = instance();
    for (let round = 0; round < 4; round++) {
      await Promise.all([a.read(), b.read(), a.read(), b.read()]);
      emulator.expireAccessTokens();
    }
    const refreshes = events.filter((e) => e.kind === 'refresh') as Array<{ presented: string }>;
    const puts = events.filter((e) => e.kind === 'put') as Array<{ value: string }>;
    expect(refreshes).toHaveLength(4);
    expect(new Set(refreshes.map((r) => r.presented)).size).toBe(4);
    // Each refresh presents exactly the token the previous one stored.
    refreshes.slice(1).forEach((refresh, i) => expect(refresh.presented).toBe(puts[i].value));
    // Between a refresh and the first use of its access token there is always the save.
    let saved = true;
    let current = '';
    for (const event of events) {
      if (event.kind === 'refresh') saved = false;
      if (event.kind === 'put') saved = true;
      if (event.kind === 'api' && event.authorization !== current) {
        expect(saved).toBe(true);
        current = event.authorization;
      }
    }
    expect(emulator.stats.invalidGrants).toBe(invalidBefore);
    expect(await secrets.get('lightspeed-refresh-token')).toBe(emulator.currentRefreshToken());
  });

  test('a crash between the refresh and the save does not lock the shop out: the old refresh token still works', async () => {
    const stored = await secrets.get('lightspeed-refresh-token');
    const crashing = instance();
    secrets.failPut = true;
    await expect(crashing.read()).rejects.toThrow(LightspeedAuthError);
    expect(events.filter((e) => e.kind === 'api')).toHaveLength(0);
    expect(await secrets.get('lightspeed-refresh-token')).toBe(stored);

    // The next instance (or the retried run) starts from what was stored, and it still works.
    secrets.failPut = false;
    const invalidBefore = emulator.stats.invalidGrants;
    const next = instance();
    await expect(next.read()).resolves.toMatchObject({ Item: expect.anything() });
    expect(emulator.stats.invalidGrants).toBe(invalidBefore);
    expect(await secrets.get('lightspeed-refresh-token')).not.toBe(stored);
  });

  test('had the access token been used before the save, the same crash would have locked the shop out', async () => {
    const stored = emulator.currentRefreshToken();
    const refresh = (token: string) =>
      fetch(`${emulator.url}/auth/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token, client_id: emulator.oauth.clientId, client_secret: emulator.oauth.clientSecret }),
      });
    const grant = (await (await refresh(stored)).json()) as { access_token: string };
    const used = await fetch(`${emulator.url}/API/V3/Account/${emulator.accountId}/Item.json?limit=1`, { headers: { Authorization: `Bearer ${grant.access_token}` } });
    expect(used.status).toBe(200);
    // The new refresh token was lost in the crash; the one still stored has been revoked by that use.
    const retry = await refresh(stored);
    expect(retry.status).toBe(400);
    expect(await retry.json()).toMatchObject({ error: 'invalid_grant' });
  });

  test('a token close to its expiry is refreshed before use, without waiting for a 401', async () => {
    let now = Date.now();
    const { read } = instance({ now: () => now });
    await read();
    const refreshes = emulator.stats.tokenRefreshes;
    const unauthorized = emulator.stats.unauthorized;
    now += (emulator.oauth.accessTokenTtlSeconds - 30) * 1000;
    await read();
    expect(emulator.stats.tokenRefreshes).toBe(refreshes + 1);
    expect(emulator.stats.unauthorized).toBe(unauthorized);
  });

  test('the shared access token is sealed in kv, never in clear', async () => {
    const { read } = instance();
    await read();
    const shared = new SharedAccessToken(kv, emulator.accountId, ring);
    const token = (await shared.read())?.token as string;
    expect(token).toMatch(/^ey/);
    expect(JSON.stringify(await kv.get(shared.key))).not.toContain(token);
  });

  test('a revoked refresh token fails with invalid_grant and tells the operator to reconnect', async () => {
    const revoked = new RecordingSecrets({ ...TEST_SECRETS, LIGHTSPEED_CLIENT_SECRET: emulator.oauth.clientSecret, LIGHTSPEED_REFRESH_TOKEN: 'def50200revoked' }, events);
    const { read } = instance({ secrets: revoked });
    await expect(read()).rejects.toThrow(/invalid_grant.*reconnect the Lightspeed app/);
    expect(events.filter((e) => e.kind === 'put')).toHaveLength(0);
  });
});

describe('Lightspeed OAuth with short-lived access tokens', () => {
  test('a token is used for most of its life: the refresh margin shrinks to a quarter of a short lifetime', async () => {
    const oauth = { clientId: 'short-client', clientSecret: 'short-secret', refreshToken: 'short-refresh-0', accessTokenTtlSeconds: 40 };
    const emulator = await startLightspeedEmulator({ sales: 5, items: 2, days: 2, oauth });
    try {
      let now = Date.now();
      const kv = new MemoryKv();
      const auth = new LightspeedOAuth({
        tokenUrl: `${emulator.url}/auth/oauth/token`,
        clientId: oauth.clientId,
        accountId: emulator.accountId,
        secrets: new EnvSecrets({ LIGHTSPEED_CLIENT_SECRET: oauth.clientSecret, LIGHTSPEED_REFRESH_TOKEN: oauth.refreshToken }),
        kv,
        shared: new SharedAccessToken(kv, emulator.accountId, ring),
        now: () => now,
      });
      const first = await auth.authorization();
      now += 25_000;
      expect(await auth.authorization()).toBe(first);
      now += 6_000;
      expect(await auth.authorization()).not.toBe(first);
      expect(emulator.stats.tokenRefreshes).toBe(2);
    } finally {
      await emulator.close();
    }
  });
});

describe('Lightspeed API key', () => {
  let emulator: LightspeedEmulator;
  beforeAll(async () => {
    emulator = await startLightspeedEmulator({ sales: 10, items: 3, days: 5 });
  });
  afterAll(() => emulator.close());

  const client = (key: string) =>
    new LightspeedClient({ baseUrl: emulator.url, accountId: emulator.accountId, auth: new ApiKeyAuth(async () => key), fetch });

  test('is sent as the basic-auth username and works without any token refresh', async () => {
    const c = client(emulator.apiKey);
    await expect(c.getJson(c.listUrl('Sale', { limit: '1' }))).resolves.toMatchObject({ Sale: expect.anything() });
    expect(emulator.stats.tokenRefreshes).toBe(0);
  });

  test('a wrong key fails clearly, naming the secret to fix', async () => {
    const c = client('not-the-key');
    await expect(c.getJson(c.listUrl('Sale', { limit: '1' }))).rejects.toThrow(/lightspeed-api-key/);
    await expect(c.getJson(c.listUrl('Sale', { limit: '1' }))).rejects.not.toBeInstanceOf(LightspeedApiError);
  });
});
