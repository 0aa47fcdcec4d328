import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VARIABLES, parseConfig } from '@shared/config';
import { MemoryKv } from '@shared/kv/memory';
import { createLogger } from '@shared/log';
import { FUNCTIONS } from '@shared/manifest';
import { paymentGateway } from '@shared/payments/gateway-for-runtime';
import { createRuntime } from '@shared/runtime';
import { EnvSecrets } from '@shared/secrets/env';
import { SECRET_NAMES, type SecretName, type Secrets, secretIsRead } from '@shared/secrets/port';
import { lightspeedAuthFor } from '@shared/sources/lightspeed/account';
import { connectorFor } from '@shared/sources/registry';
import { ManualClock } from '@shared/clock';
import { operatorSettings } from '../../scripts/terraform/environment-entries';
import { configurationDocument, deployedEnvironment, requiredOperatorValues } from './deployed-environment';

const settings = operatorSettings();
const examples = Object.fromEntries(settings.map((s) => [s.variable, s.type === 'list(string)' ? s.example.split(',') : s.type === 'number' ? Number(s.example) : s.example]));
const required = requiredOperatorValues(examples as Record<string, string>);
const sources = ['square', 'lightspeed'] as const;
const sourceMode = (cfg: ReturnType<typeof parseConfig>, source: (typeof sources)[number]) => connectorFor(source).mode(cfg);

describe('the deployed functions\' environment (terraform/configuration.tf.json)', () => {
  it('parses as a production configuration with every operator setting at its example value', () => {
    const cfg = parseConfig(deployedEnvironment(examples));
    expect(cfg).toMatchObject({ NODE_ENV: 'production', WAREHOUSE: 'bigquery', KV: 'upstash', BUS: 'pubsub', SECRETS: 'secret-manager', GCP_PROJECT_ID: 'shop-prod' });
    expect(cfg.NODE_OPTIONS).toBe('--enable-source-maps');
    for (const s of settings) expect({ [s.env]: (cfg as Record<string, unknown>)[s.env] }).toEqual({ [s.env]: parseConfig({ [s.env]: String(examples[s.variable]) })[s.env] });
  });

  it('leaves no integration "not configured" once the operator sets its values, and talks to the providers themselves', () => {
    const cfg = parseConfig(deployedEnvironment(examples));
    for (const source of sources) expect({ source, mode: sourceMode(cfg, source) }).toEqual({ source, mode: expect.stringMatching(/^(production|sandbox)$/) });
    expect(() => paymentGateway(runtimeFor(cfg, new EnvSecrets({})))).not.toThrow();
  });

  it('needs only the required values to deploy, and says what stays unconfigured without the optional ones', () => {
    const cfg = parseConfig(deployedEnvironment(required));
    expect(sourceMode(cfg, 'square')).toBe('production');
    expect(sourceMode(cfg, 'lightspeed')).toBe('not-configured');
    expect(() => paymentGateway(runtimeFor(cfg, new EnvSecrets({})))).not.toThrow();
  });

  it('runs the gateway against production only when the operator says so, and has no default to fall back on', () => {
    for (const environment of ['sandbox', 'production']) {
      expect(parseConfig(deployedEnvironment({ ...required, authorize_net_environment: environment })).AUTHORIZE_NET_ENVIRONMENT).toBe(environment);
    }
    const { authorize_net_environment: _, ...without } = required;
    expect(() => deployedEnvironment(without)).toThrow('No value for required variable "authorize_net_environment"');
    const validation = configurationDocument().variable.authorize_net_environment.validation!;
    expect(validation[0].condition).toBe('${contains(["sandbox", "production"], var.authorize_net_environment)}');
  });

  it('sets every variable the definitions do not keep local, and none of the local ones', () => {
    const env = deployedEnvironment(examples);
    for (const [name, def] of Object.entries(VARIABLES)) {
      expect({ name, deployed: name in env }).toEqual({ name, deployed: def.deploy.kind !== 'local' });
    }
  });
});

describe('secret grants follow the modes a deployment runs', () => {
  const granted = (env: Record<string, string>) =>
    // main.tf's local.function_grants: a grant is kept while its when_set variables are set and its when_unset are not.
    Object.fromEntries(
      FUNCTIONS.map((spec) => [spec.name, [...new Set(spec.secrets)].filter((secret) => secretIsRead(secret, env)).sort()]),
    );

  it.each([
    ['Lightspeed with its API key', { lightspeed_account_id: '123456' }, ['lightspeed-api-key'], ['lightspeed-client-secret', 'lightspeed-refresh-token']],
    ['Lightspeed over OAuth2', { lightspeed_account_id: '123456', lightspeed_client_id: 'shop' }, ['lightspeed-client-secret', 'lightspeed-refresh-token'], ['lightspeed-api-key']],
    ['no Lightspeed', {}, [], ['lightspeed-api-key', 'lightspeed-client-secret', 'lightspeed-refresh-token']],
  ])('%s: the sync reads and is granted exactly its secrets', async (_, operator, readsSecrets, never) => {
    const env = deployedEnvironment({ ...required, ...operator });
    const sync = granted(env).sync;
    for (const secret of readsSecrets) expect(sync).toContain(secret);
    for (const secret of never) expect(sync).not.toContain(secret);
    // The code agrees: the credentials it asks the secret port for are those of the granted mode.
    // The token endpoint is a closed loopback port: the refresh fails after reading its secrets, without leaving the machine.
    const cfg = parseConfig({ ...env, LIGHTSPEED_TOKEN_URL: 'http://127.0.0.1:9/oauth/access_token.php' });
    if (sourceMode(cfg, 'lightspeed') === 'not-configured') return;
    const recorder = new RecordingSecrets();
    const rt = runtimeFor(cfg, recorder);
    await lightspeedAuthFor(rt).authorization().catch(() => undefined);
    expect(recorder.read.filter((s) => s.startsWith('lightspeed-')).sort()).toEqual(readsSecrets);
  });

  it('grants each function only secrets it lists, and the generated grants carry the same conditions', () => {
    const functions = JSON.parse(readFileSync(join(__dirname, '..', '..', 'terraform', 'generated', 'functions.json'), 'utf8')).functions;
    for (const entry of functions) {
      for (const grant of entry.grants.secrets) {
        expect(SECRET_NAMES).toContain(grant.secret);
        const env = Object.fromEntries([...grant.when_set.map((v: string) => [v, 'x'])]);
        expect(secretIsRead(grant.secret, env)).toBe(true);
        for (const unset of grant.when_unset) expect(secretIsRead(grant.secret, { ...env, [unset]: 'x' })).toBe(false);
      }
    }
  });
});

/** Records which secrets the code asks for; every value is a placeholder. */
class RecordingSecrets implements Secrets {
  readonly backend = 'env' as const;
  readonly read: SecretName[] = [];
  async get(name: SecretName): Promise<string> {
    this.read.push(name);
    return name === 'pii-encryption-keys' ? JSON.stringify({ current: 1, keys: { '1': Buffer.alloc(32, 1).toString('base64') } }) : `value-of-${name}`;
  }
  async getOptional(name: SecretName): Promise<string | null> {
    return this.get(name);
  }
  async put(): Promise<string> {
    return '2';
  }
  async retireVersionsBefore() {
    return { confirmed: true, disabled: [] };
  }
  async ping(): Promise<void> {}
}

function runtimeFor(cfg: ReturnType<typeof parseConfig>, secrets: Secrets) {
  const clock = new ManualClock('2026-03-15T17:00:00Z');
  return createRuntime(cfg, { clock, secrets, kv: new MemoryKv(clock), log: createLogger({ level: 'ERROR', write: () => {} }) });
}
