import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { status } from '@grpc/grpc-js';
import { ManualClock } from '@shared/clock';
import { SecretMissingError } from '@shared/secrets/port';
import { SecretManagerSecrets } from '@shared/secrets/secret-manager';
import { SecretManagerFake } from '../../support/secret-manager-fake';

describe('SecretManagerSecrets against a loopback Secret Manager', () => {
  let fake: SecretManagerFake;
  let clock: ManualClock;
  let secrets: SecretManagerSecrets;

  beforeEach(async () => {
    fake = await SecretManagerFake.start({ projectId: 'shop-prod' });
    clock = new ManualClock('2026-03-15T17:00:00Z');
    secrets = new SecretManagerSecrets({ projectId: 'shop-prod', apiEndpoint: fake.endpoint, clock, cacheTtlMs: 60_000 });
  });

  afterEach(async () => {
    await secrets.close();
    await fake.stop();
  });

  it('reads the latest version', async () => {
    fake.addVersion('square-access-token', 'EAAA-old');
    fake.addVersion('square-access-token', 'EAAA-new');
    await expect(secrets.get('square-access-token')).resolves.toBe('EAAA-new');
  });

  describe('cache', () => {
    it('answers repeated reads within the TTL from memory, then asks again', async () => {
      fake.addVersion('jwt-secret', 'first');
      for (let i = 0; i < 5; i++) await secrets.get('jwt-secret');
      expect(fake.calls.AccessSecretVersion).toBe(1);

      fake.addVersion('jwt-secret', 'rotated elsewhere');
      clock.advance(59_999);
      await expect(secrets.get('jwt-secret')).resolves.toBe('first');
      clock.advance(1);
      await expect(secrets.get('jwt-secret')).resolves.toBe('rotated elsewhere');
      expect(fake.calls.AccessSecretVersion).toBe(2);
    });

    it('shares one call among concurrent reads of a cold secret', async () => {
      fake.addVersion('pii-pepper', 'pepper');
      const values = await Promise.all(Array.from({ length: 10 }, () => secrets.get('pii-pepper')));
      expect(new Set(values)).toEqual(new Set(['pepper']));
      expect(fake.calls.AccessSecretVersion).toBe(1);
    });

    it('remembers that an optional secret is absent, until the TTL ends', async () => {
      await expect(secrets.getOptional('stripe-webhook-secret')).resolves.toBeNull();
      await expect(secrets.getOptional('stripe-webhook-secret')).resolves.toBeNull();
      expect(fake.calls.AccessSecretVersion).toBe(1);
      fake.addVersion('stripe-webhook-secret', 'whsec_123');
      clock.advance(60_000);
      await expect(secrets.getOptional('stripe-webhook-secret')).resolves.toBe('whsec_123');
    });

    it('does not keep a failure: the next read asks again', async () => {
      fake.addVersion('jwt-secret', 'value');
      fake.failNext('AccessSecretVersion', 1, status.PERMISSION_DENIED);
      await expect(secrets.get('jwt-secret')).rejects.toThrow(/jwt-secret/);
      await expect(secrets.get('jwt-secret')).resolves.toBe('value');
    });
  });

  describe('put', () => {
    it('adds a version and serves it at once without reading it back', async () => {
      fake.addVersion('lightspeed-refresh-token', 'refresh-1');
      await secrets.get('lightspeed-refresh-token');
      await secrets.put('lightspeed-refresh-token', 'refresh-2');
      expect(fake.latest('lightspeed-refresh-token')).toBe('refresh-2');
      expect(fake.versionCount('lightspeed-refresh-token')).toBe(2);
      await expect(secrets.get('lightspeed-refresh-token')).resolves.toBe('refresh-2');
      expect(fake.calls.AccessSecretVersion).toBe(1);
    });

    it('wins over a read that was already on its way', async () => {
      fake.addVersion('lightspeed-refresh-token', 'refresh-1');
      const staleRead = secrets.get('lightspeed-refresh-token');
      await secrets.put('lightspeed-refresh-token', 'refresh-2');
      await staleRead;
      await expect(secrets.get('lightspeed-refresh-token')).resolves.toBe('refresh-2');
    });

    it('rejects without the value in the message when the secret does not exist', async () => {
      const failure = await secrets.put('lightspeed-refresh-token', 'super-secret-token').catch((e: Error) => e);
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toMatch(/lightspeed-refresh-token.*NOT_FOUND/);
      expect(JSON.stringify({ message: (failure as Error).message, cause: String((failure as Error).cause) })).not.toContain(
        'super-secret-token',
      );
      await expect(secrets.getOptional('lightspeed-refresh-token')).resolves.toBeNull();
    });

    it('is not retried by the client, so a failed write never adds two versions', async () => {
      fake.createSecret('lightspeed-refresh-token');
      fake.failNext('AddSecretVersion', 1, status.UNAVAILABLE);
      await expect(secrets.put('lightspeed-refresh-token', 'refresh-2')).rejects.toThrow(/UNAVAILABLE/);
      expect(fake.calls.AddSecretVersion).toBe(1);
      expect(fake.versionCount('lightspeed-refresh-token')).toBe(0);
    });
  });

  describe('retireVersionsBefore (after a rotation)', () => {
    it('disables every enabled version before the new one, once Secret Manager serves the new one', async () => {
      fake.addVersion('lightspeed-refresh-token', 'refresh-1');
      fake.addVersion('lightspeed-refresh-token', 'refresh-2');
      fake.setVersionState('lightspeed-refresh-token', 1, 'DISABLED');
      fake.addVersion('lightspeed-refresh-token', 'refresh-3');
      const version = await secrets.put('lightspeed-refresh-token', 'refresh-4');
      expect(version).toBe('4');
      await expect(secrets.retireVersionsBefore('lightspeed-refresh-token', version)).resolves.toEqual({ confirmed: true, disabled: ['3', '2'] });
      expect(fake.versionStates('lightspeed-refresh-token')).toEqual(['DISABLED', 'DISABLED', 'DISABLED', 'ENABLED']);
      await expect(secrets.get('lightspeed-refresh-token')).resolves.toBe('refresh-4');
    });

    it('disables nothing when another writer\'s version is newer than ours', async () => {
      fake.addVersion('lightspeed-refresh-token', 'refresh-1');
      const ours = await secrets.put('lightspeed-refresh-token', 'refresh-2');
      fake.addVersion('lightspeed-refresh-token', 'refresh-3');
      await expect(secrets.retireVersionsBefore('lightspeed-refresh-token', ours)).resolves.toEqual({ confirmed: false, disabled: [] });
      expect(fake.versionStates('lightspeed-refresh-token')).toEqual(['ENABLED', 'ENABLED', 'ENABLED']);
      expect(fake.calls.DisableSecretVersion).toBe(0);
    });

    it('rejects, naming the secret, when Secret Manager refuses a disable', async () => {
      fake.addVersion('lightspeed-refresh-token', 'refresh-1');
      const version = await secrets.put('lightspeed-refresh-token', 'refresh-2');
      fake.failNext('DisableSecretVersion', 1, status.PERMISSION_DENIED);
      await expect(secrets.retireVersionsBefore('lightspeed-refresh-token', version)).rejects.toThrow(/lightspeed-refresh-token before 2.*PERMISSION_DENIED/);
      await expect(secrets.get('lightspeed-refresh-token')).resolves.toBe('refresh-2');
    });
  });

  describe('absent values', () => {
    it.each([
      ['the secret does not exist', () => undefined],
      ['the secret has no versions', () => fake.createSecret('square-webhook-signature-key')],
      ['the latest version is disabled', () => {
        fake.addVersion('square-webhook-signature-key', 'old');
        fake.setVersionState('square-webhook-signature-key', 1, 'DISABLED');
      }],
      ['the latest version is destroyed', () => {
        fake.addVersion('square-webhook-signature-key', 'old');
        fake.setVersionState('square-webhook-signature-key', 1, 'DESTROYED');
      }],
      ['the latest version is empty', () => fake.addVersion('square-webhook-signature-key', '')],
    ])('getOptional is null and get throws SecretMissingError when %s', async (_case, arrange) => {
      arrange();
      await expect(secrets.getOptional('square-webhook-signature-key')).resolves.toBeNull();
      const failure = await secrets.get('square-webhook-signature-key').catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(SecretMissingError);
      expect((failure as SecretMissingError).secret).toBe('square-webhook-signature-key');
      expect((failure as Error).message).not.toContain('old');
    });

    it('keeps the Secret Manager answer as the cause', async () => {
      const failure = (await secrets.get('jwt-secret').catch((e: unknown) => e)) as SecretMissingError;
      expect(failure).toBeInstanceOf(SecretMissingError);
      expect((failure.cause as { code?: number }).code).toBe(status.NOT_FOUND);
    });
  });

  describe('failures', () => {
    it('lets the client retry UNAVAILABLE on reads', async () => {
      fake.addVersion('jwt-secret', 'value');
      fake.failNext('AccessSecretVersion', 1, status.UNAVAILABLE);
      await expect(secrets.get('jwt-secret')).resolves.toBe('value');
      expect(fake.calls.AccessSecretVersion).toBe(2);
    });

    it.each([
      ['PERMISSION_DENIED', status.PERMISSION_DENIED],
      ['INTERNAL', status.INTERNAL],
    ])('rejects a read with the cause attached on %s, for every concurrent caller', async (name, code) => {
      fake.addVersion('jwt-secret', 'value');
      fake.failNext('AccessSecretVersion', 1, code);
      const results = await Promise.allSettled([secrets.get('jwt-secret'), secrets.getOptional('jwt-secret')]);
      for (const result of results) {
        expect(result.status).toBe('rejected');
        const reason = (result as PromiseRejectedResult).reason as Error;
        expect(reason.message).toMatch(new RegExp(`jwt-secret.*${name}`));
        expect((reason.cause as { code?: number }).code).toBe(code);
        expect(reason).not.toBeInstanceOf(SecretMissingError);
      }
    });

    // Jest intercepts 'unhandledRejection', so the process-level check runs in a plain Node process.
    const runScenario = (mode: 'adapter' | 'control') => {
      const script = path.join(__dirname, 'unhandled-rejection-scenario.ts');
      const output = execFileSync(path.resolve('node_modules/.bin/tsx'), [script, mode], { encoding: 'utf8', timeout: 20_000 });
      return JSON.parse(output.trim().split('\n').pop()!) as { outcomes: string[]; unhandled: string[] };
    };

    it('rejects every failed call and leaves no rejection unhandled, even with Secret Manager gone', () => {
      const { outcomes, unhandled } = runScenario('adapter');
      expect(outcomes).toEqual([
        expect.stringMatching(/^rejected: Error: Reading secret jwt-secret .*PERMISSION_DENIED/),
        expect.stringMatching(/^rejected: Error: Reading secret jwt-secret .*PERMISSION_DENIED/),
        'rejected: SecretMissingError: Secret pii-pepper is not set',
        expect.stringMatching(/^rejected: Error: Adding a version of secret jwt-secret .*PERMISSION_DENIED/),
        expect.stringMatching(/^rejected: Error: Reading secret jwt-secret .*UNAVAILABLE/),
        expect.stringMatching(/^rejected: Error: Adding a version of secret jwt-secret .*UNAVAILABLE/),
        expect.stringMatching(/^rejected: Error: Secret Manager is unreachable .*UNAVAILABLE/),
      ]);
      expect(unhandled).toEqual([]);
    });

    it('the process-level listener of that scenario does catch a rejection left unhandled', () => {
      expect(runScenario('control').unhandled).toEqual(['left unhandled on purpose']);
    });
  });

  describe('ping', () => {
    it('passes when the secret every function uses answers', async () => {
      fake.createSecret('jwt-secret');
      await expect(secrets.ping()).resolves.toBeUndefined();
      expect(fake.calls.GetSecret).toBe(1);
    });

    it('passes when Secret Manager answers but the role cannot read secret metadata', async () => {
      fake.failNext('GetSecret', 1, status.PERMISSION_DENIED);
      await expect(secrets.ping()).resolves.toBeUndefined();
    });

    it('fails at once, without retrying, when Secret Manager is unavailable', async () => {
      fake.createSecret('jwt-secret');
      fake.failNext('GetSecret', 1, status.UNAVAILABLE);
      await expect(secrets.ping()).rejects.toThrow(/unreachable.*jwt-secret/);
      expect(fake.calls.GetSecret).toBe(1);
    });
  });
});
