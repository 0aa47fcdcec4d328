import { parseConfig } from '@shared/config';
import type { LightspeedAuth } from '@shared/sources/lightspeed/auth';
import { LightspeedApiError, LightspeedClient, lightspeedApiBaseUrl, lightspeedTokenUrl } from '@shared/sources/lightspeed/client';
import { timeStampFilter } from '@shared/sources/lightspeed/streams';
import { type LightspeedEmulator, startLightspeedEmulator } from '../../../../scripts/emulators/lightspeed';

const apiKey = (key: string): LightspeedAuth => ({
  kind: 'api-key',
  authorization: async () => `Basic ${Buffer.from(`${key}:apikey`).toString('base64')}`,
  renew: async () => {
    throw new Error('no renewal for an API key');
  },
  expiresAt: () => null,
});

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[][]> {
  const all: T[][] = [];
  for await (const page of pages) all.push(page);
  return all;
}

describe('Lightspeed URLs from configuration', () => {
  test.each([
    [{}, 'https://api.lightspeedapp.com', 'https://cloud.lightspeedapp.com/auth/oauth/token'],
    [{ LIGHTSPEED_BASE_URL: 'http://127.0.0.1:4123/' }, 'http://127.0.0.1:4123', 'http://127.0.0.1:4123/auth/oauth/token'],
    [
      { LIGHTSPEED_BASE_URL: 'https://api.lightspeedapp.com', LIGHTSPEED_TOKEN_URL: 'https://cloud.lightspeedapp.com/auth/oauth/token' },
      'https://api.lightspeedapp.com',
      'https://cloud.lightspeedapp.com/auth/oauth/token',
    ],
  ])('%j', (env, api, token) => {
    const cfg = parseConfig(env);
    expect(lightspeedApiBaseUrl(cfg)).toBe(api);
    expect(lightspeedTokenUrl(cfg)).toBe(token);
  });
});

describe('timeStampFilter', () => {
  test.each([
    ['whole seconds', '2026-03-01T00:00:00.000Z', '2026-03-01T00:15:00.000Z', '><,2026-03-01T00:00:00-00:00,2026-03-01T00:14:59-00:00'],
    ['a watermark inside a second reads that whole second', '2026-03-01T00:00:00.750Z', '2026-03-01T00:15:00.250Z', '><,2026-03-01T00:00:00-00:00,2026-03-01T00:15:00-00:00'],
    ['less than a whole second', '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', null],
  ])('%s', (_, from, to, expected) => {
    expect(timeStampFilter({ from: new Date(from), to: new Date(to) })).toBe(expected);
  });
});

describe('LightspeedClient', () => {
  let emulator: LightspeedEmulator;
  let client: LightspeedClient;
  beforeAll(async () => {
    emulator = await startLightspeedEmulator({ sales: 250, items: 10, days: 20, bucket: { size: 100_000, dripPerSecond: 1 } });
    client = new LightspeedClient({ baseUrl: emulator.url, accountId: emulator.accountId, auth: apiKey(emulator.apiKey), fetch });
  });
  afterAll(() => emulator.close());

  test('follows @attributes.next to the end and returns every record once', async () => {
    const pages = await collect(client.pages('Sale', { sort: 'timeStamp', limit: '100', archived: 'true' }));
    expect(pages.map((p) => p.length)).toEqual([100, 100, 50]);
    const ids = pages.flat().map((s) => Number(s.saleID));
    expect(new Set(ids).size).toBe(250);
  });

  test('one record (sent as an object) and no records (key left out) both come back as lists', async () => {
    expect(await collect(client.pages('Sale', { saleID: '7', archived: 'true' }))).toEqual([[expect.objectContaining({ saleID: '7' })]]);
    expect(await collect(client.pages('Sale', { saleID: '999999' }))).toEqual([[]]);
  });

  test('a Lightspeed error becomes a LightspeedApiError with its status and message', async () => {
    const error = await client.getJson(client.listUrl('Sale', { sort: 'customerID' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LightspeedApiError);
    expect(error).toMatchObject({ status: 400, message: expect.stringMatching(/Invalid sort field customerID/) });
  });

  test('never sends credentials to a next link on another host', async () => {
    const calls: string[] = [];
    const fake: typeof fetch = async (input) => {
      calls.push(String(input));
      return new Response(JSON.stringify({ '@attributes': { next: 'https://elsewhere.example/API/V3/Account/1/Sale.json?after=x' }, Sale: { saleID: '1' } }));
    };
    const c = new LightspeedClient({ baseUrl: 'https://api.lightspeedapp.com', accountId: '1', auth: apiKey('k'), fetch: fake });
    await expect(collect(c.pages('Sale', {}))).rejects.toThrow(/another host/);
    expect(calls).toHaveLength(1);
  });

  test('on 401 it renews the credentials once and retries; a second 401 fails', async () => {
    const renewed: string[] = [];
    let token = 'a';
    const auth: LightspeedAuth = {
      kind: 'oauth',
      authorization: async () => `Bearer ${token}`,
      renew: async (refused) => {
        renewed.push(refused);
        token = token === 'a' ? 'b' : 'c';
      },
      expiresAt: () => null,
    };
    const accepted = new Set(['Bearer b']);
    const fake: typeof fetch = async (_input, init) => {
      const authorization = (init?.headers as Record<string, string>).Authorization;
      return accepted.has(authorization) ? new Response('{"Sale":[]}') : new Response('{"error":"access_denied"}', { status: 401 });
    };
    const c = new LightspeedClient({ baseUrl: 'https://api.lightspeedapp.com', accountId: '1', auth, fetch: fake });
    await expect(c.getJson(c.listUrl('Sale', {}))).resolves.toEqual({ Sale: [] });
    expect(renewed).toEqual(['Bearer a']);
    accepted.clear();
    await expect(c.getJson(c.listUrl('Sale', {}))).rejects.toMatchObject({ status: 401 });
    expect(renewed).toEqual(['Bearer a', 'Bearer b']);
  });
});
