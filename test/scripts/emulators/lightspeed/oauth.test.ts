import { startLightspeedEmulator, type LightspeedEmulator } from '../../../../scripts/emulators/lightspeed/index';
import { apiUrl, getJson, manualClock } from './helpers';

describe('Lightspeed emulator OAuth and API key', () => {
  let emulator: LightspeedEmulator;
  const clock = manualClock();

  beforeAll(async () => {
    emulator = await startLightspeedEmulator({ sales: 20, items: 5, days: 10, now: clock.now, bucket: { size: 10_000, dripPerSecond: 1 } });
  });
  afterAll(() => emulator.close());

  const credentials = () => ({ client_id: emulator.oauth.clientId, client_secret: emulator.oauth.clientSecret });
  const refresh = async (refreshToken: string, encoding: 'form' | 'json' = 'form') => {
    const fields = { ...credentials(), grant_type: 'refresh_token', refresh_token: refreshToken };
    const res = await fetch(`${emulator.url}/auth/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': encoding === 'json' ? 'application/json' : 'application/x-www-form-urlencoded' },
      body: encoding === 'json' ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  const callApi = (accessToken: string) => getJson(apiUrl(emulator, 'Item.json?limit=1'), { Authorization: `Bearer ${accessToken}` });

  it('refreshes with a form or JSON body and returns a new access token and a new refresh token', async () => {
    const start = emulator.currentRefreshToken();
    const { status, body } = await refresh(start, 'json');
    expect(status).toBe(200);
    expect(body).toEqual({
      token_type: 'Bearer',
      expires_in: 1800,
      access_token: expect.any(String),
      refresh_token: expect.any(String),
    });
    expect(body.refresh_token).not.toBe(start);
    expect((await callApi(body.access_token)).status).toBe(200);
    expect((await refresh(body.refresh_token, 'form')).status).toBe(200);
  });

  it('keeps the old refresh token usable until the new access token is used, then answers invalid_grant', async () => {
    const old = emulator.currentRefreshToken();
    const first = await refresh(old);
    expect(first.status).toBe(200);
    // Not yet used: the old token still works (a client that lost the new one can retry).
    const retried = await refresh(old);
    expect(retried.status).toBe(200);
    expect(retried.body.refresh_token).not.toBe(first.body.refresh_token);

    expect((await callApi(retried.body.access_token)).status).toBe(200);
    const rejected = await refresh(old);
    expect(rejected.status).toBe(400);
    expect(rejected.body).toMatchObject({ error: 'invalid_grant', hint: 'Token has been revoked' });
    // The unsaved sibling from the first attempt is older than the token in use, so it is gone too.
    expect((await refresh(first.body.refresh_token)).body.error).toBe('invalid_grant');
    expect(emulator.currentRefreshToken()).toBe(retried.body.refresh_token);
    expect((await refresh(retried.body.refresh_token)).status).toBe(200);
    expect(emulator.stats.invalidGrants).toBeGreaterThanOrEqual(2);
  });

  it('accepts curl -F style multipart bodies and HTTP basic client credentials', async () => {
    const form = new FormData();
    form.set('grant_type', 'refresh_token');
    form.set('refresh_token', emulator.currentRefreshToken());
    const basic = Buffer.from(`${emulator.oauth.clientId}:${emulator.oauth.clientSecret}`).toString('base64');
    const res = await fetch(`${emulator.url}/auth/oauth/token`, { method: 'POST', headers: { Authorization: `Basic ${basic}` }, body: form });
    expect(res.status).toBe(200);
  });

  it('refuses a wrong client secret and an unknown refresh token', async () => {
    const res = await fetch(`${emulator.url}/auth/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...credentials(), client_secret: 'nope', grant_type: 'refresh_token', refresh_token: emulator.currentRefreshToken() }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'invalid_client' });
    expect((await refresh('def50200made-up')).body).toMatchObject({ error: 'invalid_grant' });
  });

  it('answers an expired access token with 401 access_denied, and a refresh brings access back', async () => {
    const { body } = await refresh(emulator.currentRefreshToken());
    expect((await callApi(body.access_token)).status).toBe(200);
    clock.advanceSeconds(1800);
    const expired = await callApi(body.access_token);
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({
      error: 'access_denied',
      error_description: 'The resource owner or authorization server denied the request.',
      hint: 'Access token could not be verified',
    });
    const renewed = await refresh(body.refresh_token);
    expect((await callApi(renewed.body.access_token)).status).toBe(200);
  });

  it('expireAccessTokens() ends every issued access token at once (mid-run expiry)', async () => {
    const { body } = await refresh(emulator.currentRefreshToken());
    expect((await callApi(body.access_token)).status).toBe(200);
    emulator.expireAccessTokens();
    expect((await callApi(body.access_token)).status).toBe(401);
    expect((await refresh(body.refresh_token)).status).toBe(200);
  });

  it('accepts the API key as HTTP basic username and refuses a wrong key, no credentials or another account', async () => {
    const basic = (user: string) => ({ Authorization: `Basic ${Buffer.from(`${user}:anything`).toString('base64')}` });
    expect((await getJson(apiUrl(emulator, 'Sale.json'), basic(emulator.apiKey))).status).toBe(200);
    const wrong = await getJson(apiUrl(emulator, 'Sale.json'), basic('not-the-key'));
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ httpCode: '401' });
    expect((await getJson(apiUrl(emulator, 'Sale.json'), {})).status).toBe(401);
    const other = await getJson(`${emulator.url}/API/V3/Account/999/Sale.json`, basic(emulator.apiKey));
    expect(other.status).toBe(403);
    const account = await getJson(`${emulator.url}/API/V3/Account.json`, basic(emulator.apiKey));
    expect(account.body.Account.accountID).toBe(emulator.accountId);
  });
});
