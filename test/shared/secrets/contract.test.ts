import { EnvSecrets } from '@shared/secrets/env';
import { type SecretName, SecretMissingError, type Secrets, secretEnvName } from '@shared/secrets/port';
import { SecretManagerSecrets } from '@shared/secrets/secret-manager';
import { SecretManagerFake } from '../../support/secret-manager-fake';

/** Values the way an operator would set them up: some secrets with values, some declared but still empty. */
interface Seed {
  values: Partial<Record<SecretName, string>>;
  /** Secrets that exist without a value (Terraform creates the secret, a person adds the value later). */
  declared: SecretName[];
}

interface SecretsHarness {
  secrets: Secrets;
  close(): Promise<void>;
}

const adapters: Array<[string, (seed: Seed) => Promise<SecretsHarness>]> = [
  [
    'EnvSecrets',
    async ({ values }) => {
      const env = Object.fromEntries(Object.entries(values).map(([name, value]) => [secretEnvName(name as SecretName), value]));
      return { secrets: new EnvSecrets(env), close: async () => undefined };
    },
  ],
  [
    'SecretManagerSecrets (loopback Secret Manager)',
    async ({ values, declared }) => {
      const fake = await SecretManagerFake.start({ projectId: 'contract-project' });
      for (const [name, value] of Object.entries(values)) fake.addVersion(name, value);
      for (const name of declared) fake.createSecret(name);
      const secrets = new SecretManagerSecrets({ projectId: 'contract-project', apiEndpoint: fake.endpoint });
      return {
        secrets,
        close: async () => {
          await secrets.close();
          await fake.stop();
        },
      };
    },
  ],
];

const seed: Seed = {
  values: {
    'jwt-secret': 'jwt-0123456789abcdef0123456789abcdef',
    'pii-pepper': 'pepper-with spaces & symbols ☕',
    'square-access-token': 'EAAAEexampleSquareToken',
    'lightspeed-refresh-token': 'refresh-token-1',
  },
  declared: ['lightspeed-client-secret'],
};
const seededValues = Object.values(seed.values);

describe.each(adapters)('Secrets contract: %s', (_name, create) => {
  let harness: SecretsHarness;

  beforeEach(async () => {
    harness = await create(seed);
  });

  afterEach(async () => {
    await harness.close();
  });

  it.each(Object.entries(seed.values))('get returns the value of %s exactly', async (name, value) => {
    await expect(harness.secrets.get(name as SecretName)).resolves.toBe(value);
    await expect(harness.secrets.getOptional(name as SecretName)).resolves.toBe(value);
  });

  it.each<[string, SecretName]>([
    ['a secret that was never set up', 'zettle-webhook-secret'],
    ['a secret declared without a value', 'lightspeed-client-secret'],
  ])('getOptional is null for %s', async (_case, name) => {
    await expect(harness.secrets.getOptional(name)).resolves.toBeNull();
  });

  it('get of a missing secret throws SecretMissingError naming it, with no secret value in it', async () => {
    const failure = await harness.secrets.get('stripe-webhook-secret').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SecretMissingError);
    expect((failure as SecretMissingError).secret).toBe('stripe-webhook-secret');
    expect((failure as Error).message).toContain('stripe-webhook-secret');
    const everything = `${(failure as Error).message} ${(failure as Error).stack} ${String((failure as Error).cause ?? '')}`;
    for (const value of seededValues) expect(everything).not.toContain(value);
  });

  it('put replaces the value for every later read', async () => {
    await harness.secrets.get('lightspeed-refresh-token');
    await harness.secrets.put('lightspeed-refresh-token', 'refresh-token-2');
    await expect(harness.secrets.get('lightspeed-refresh-token')).resolves.toBe('refresh-token-2');
    await harness.secrets.put('lightspeed-refresh-token', 'refresh-token-3');
    await expect(harness.secrets.getOptional('lightspeed-refresh-token')).resolves.toBe('refresh-token-3');
  });

  it('put gives a value to a declared secret that had none', async () => {
    await expect(harness.secrets.getOptional('lightspeed-client-secret')).resolves.toBeNull();
    await harness.secrets.put('lightspeed-client-secret', 'client-secret-1');
    await expect(harness.secrets.get('lightspeed-client-secret')).resolves.toBe('client-secret-1');
  });

  it('after a rotation, retiring what it superseded confirms the new version, which stays the one read', async () => {
    await harness.secrets.get('lightspeed-refresh-token');
    const first = await harness.secrets.put('lightspeed-refresh-token', 'refresh-token-2');
    const second = await harness.secrets.put('lightspeed-refresh-token', 'refresh-token-3');
    expect(Number(second)).toBeGreaterThan(Number(first));
    await expect(harness.secrets.retireVersionsBefore('lightspeed-refresh-token', first)).resolves.toEqual({ confirmed: false, disabled: [] });
    const retired = await harness.secrets.retireVersionsBefore('lightspeed-refresh-token', second);
    expect(retired.confirmed).toBe(true);
    await expect(harness.secrets.get('lightspeed-refresh-token')).resolves.toBe('refresh-token-3');
  });

  it('put of one secret leaves the others alone', async () => {
    await harness.secrets.put('square-access-token', 'EAAAEnewToken');
    await expect(harness.secrets.get('jwt-secret')).resolves.toBe(seed.values['jwt-secret']);
  });

  it('answers ping', async () => {
    await expect(harness.secrets.ping()).resolves.toBeUndefined();
  });
});
