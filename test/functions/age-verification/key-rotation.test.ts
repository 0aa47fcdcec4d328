import { HttpError } from '@shared/http/errors';
import { parseKeyRing } from '@shared/privacy/keys';
import { openLast4, sealLast4 } from '../../../functions/age-verification/personal-data';
import { type AgeVerificationServer, claim, startAgeVerification } from './support';

const key1 = Buffer.alloc(32, 7).toString('base64'); // the test runtime's version 1 key
const key2 = Buffer.alloc(32, 9).toString('base64');
const impostor = Buffer.alloc(32, 1).toString('base64');
const ringText = (current: number, keys: Record<string, string>) => JSON.stringify({ current, keys });
const keysOf = (current: number, keys: Record<string, string>) => ({ pepper: 'p'.repeat(16), ring: parseKeyRing(ringText(current, keys)) });

describe('sealed ID digits under a versioned key', () => {
  const v1 = keysOf(1, { '1': key1 });
  const rotated = keysOf(2, { '1': key1, '2': key2 });

  test('a record sealed under version 1 still opens after rotation to version 2; new records use version 2', () => {
    const old = sealLast4(v1, 'av_old', '0427');
    expect(old).toMatchObject({ keyVersion: 1, sealed: expect.stringMatching(/^v1\./) });
    expect(openLast4(rotated, 'av_old', old.sealed)).toBe('0427');
    const fresh = sealLast4(rotated, 'av_new', '9911');
    expect(fresh).toMatchObject({ keyVersion: 2, sealed: expect.stringMatching(/^v2\./) });
    expect(openLast4(rotated, 'av_new', fresh.sealed)).toBe('9911');
  });

  test.each([
    ['a different key under the same version', keysOf(1, { '1': impostor })],
    ['a ring that dropped version 1', keysOf(2, { '2': key2 })],
  ])('%s fails loudly (500 SEALED_DATA_UNREADABLE), never as a quiet mismatch', (_label, keys) => {
    const { sealed } = sealLast4(v1, 'av_old', '0427');
    expect(() => openLast4(keys, 'av_old', sealed)).toThrow(expect.objectContaining({ status: 500, code: 'SEALED_DATA_UNREADABLE' }));
  });

  test('digits copied onto another verification do not open there (the id is bound as additional data)', () => {
    const { sealed } = sealLast4(v1, 'av_one', '0427');
    expect(() => openLast4(v1, 'av_two', sealed)).toThrow(HttpError);
  });
});

describe('key rotation over HTTP', () => {
  let av: AgeVerificationServer;
  const admin = { as: 'admin-1', role: 'admin' as const };
  const idCheck = (customerId: string, idNumberLast4: string) =>
    av.request('POST', `/api/age-verification/${customerId}/id-check`, { ...admin, json: { idNumberLast4 } });

  beforeEach(async () => {
    av = await startAgeVerification();
  });
  afterEach(() => av.close());

  test('verify under v1, rotate to v2, verify again: both ID checks work; a replaced key fails loudly', async () => {
    await av.verify('before', claim('before', { idNumberLast4: '1111' }));
    await av.rt.secrets.put('pii-encryption-keys', ringText(2, { '1': key1, '2': key2 }));
    await av.verify('after', claim('after', { idNumberLast4: '2222' }));

    const versions = await av.rt.warehouse.query<{ customer_id: string; key_version: number }>(
      (d) => `SELECT customer_id, key_version FROM ${d.table('commerce.age_verifications')} ORDER BY customer_id`,
    );
    expect(versions).toEqual([
      { customer_id: 'after', key_version: 2 },
      { customer_id: 'before', key_version: 1 },
    ]);
    expect((await idCheck('before', '1111')).body).toMatchObject({ matches: true });
    expect((await idCheck('before', '2222')).body).toMatchObject({ matches: false });
    expect((await idCheck('after', '2222')).body).toMatchObject({ matches: true });
    expect((await av.request('GET', '/api/compliance/metrics', admin)).body.metrics.verifications.byKeyVersion).toEqual({ '1': 1, '2': 1 });

    await av.rt.secrets.put('pii-encryption-keys', ringText(2, { '1': impostor, '2': key2 }));
    const broken = await idCheck('before', '1111');
    expect(broken.status).toBe(500);
    expect(broken.body.code).toBe('SEALED_DATA_UNREADABLE');
    expect(av.rt.logs.some((l) => l.severity === 'ERROR' && l.route === '/api/age-verification/:customerId/id-check')).toBe(true);
    expect((await idCheck('after', '2222')).body).toMatchObject({ matches: true });
  });

  test('ID checks: admin only, 404 without a verification, limited to 10 a minute', async () => {
    await av.verify('kim', claim('kim', { idNumberLast4: '4040' }));
    expect((await av.request('POST', '/api/age-verification/kim/id-check', { as: 'kim', json: { idNumberLast4: '4040' } })).status).toBe(403);
    expect((await idCheck('nobody', '4040')).status).toBe(404);
    for (let i = 0; i < 8; i++) expect((await idCheck('kim', '4040')).status).toBe(200);
    const limited = await idCheck('kim', '4040');
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
  });
});
