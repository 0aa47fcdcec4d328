import { randomBytes } from 'node:crypto';
import type { Config, VariableName } from '../config';

/** One secret: what it holds, when the code reads it, and whether its first value can be generated. */
export interface SecretDef {
  meaning: string;
  /**
   * The mode in which it is read: only while these variables are set (`set`) and these unset (`unset`). A function
   * is granted the secrets it lists whose mode the deployment runs; without `readWhen` it always reads it.
   */
  readWhen?: { set?: VariableName[]; unset?: VariableName[] };
  /** A first value the product can make itself (its own keys); provider credentials come from the operator. */
  generate?: () => string;
}

const randomKey = () => randomBytes(32).toString('base64url');

/** Every secret the product uses, by its Secret Manager id. The env adapter reads each from its upper-snake-case twin. */
export const SECRETS = {
  'jwt-secret': { meaning: 'HMAC key of the API\'s JWTs (HS256)', generate: randomKey },
  'pii-pepper': { meaning: 'HMAC key that turns personal data into keyed hashes', generate: randomKey },
  'pii-encryption-keys': {
    meaning: 'AES-256-GCM keys sealing personal data, versioned: `{"current":1,"keys":{"1":"<base64 32 bytes>"}}`',
    generate: () => JSON.stringify({ current: 1, keys: { '1': randomBytes(32).toString('base64') } }),
  },
  'square-access-token': { meaning: 'Square access token (read-only scopes suffice for the sync)' },
  'square-webhook-signature-key': { meaning: 'signature key of the Square webhook subscription' },
  'lightspeed-api-key': {
    meaning: 'Lightspeed legacy API key',
    readWhen: { set: ['LIGHTSPEED_ACCOUNT_ID'], unset: ['LIGHTSPEED_CLIENT_ID'] },
  },
  'lightspeed-client-secret': {
    meaning: 'Lightspeed OAuth2 client secret',
    readWhen: { set: ['LIGHTSPEED_ACCOUNT_ID', 'LIGHTSPEED_CLIENT_ID'] },
  },
  'lightspeed-refresh-token': {
    meaning: 'Lightspeed OAuth2 refresh token; each refresh stores the new one and disables the version before it',
    readWhen: { set: ['LIGHTSPEED_ACCOUNT_ID', 'LIGHTSPEED_CLIENT_ID'] },
  },
  'authorize-net-transaction-key': {
    meaning: 'Authorize.Net Transaction Key of the merchant whose login id is `AUTHORIZE_NET_API_LOGIN_ID`',
    readWhen: { set: ['AUTHORIZE_NET_API_LOGIN_ID'] },
  },
  'stripe-webhook-secret': { meaning: 'Stripe webhook signing secret' },
  'shopify-webhook-secret': { meaning: 'Shopify webhook signing secret' },
  'zettle-webhook-secret': { meaning: 'Zettle webhook signing key' },
  'upstash-redis-rest-token': { meaning: 'token of the Upstash Redis REST API', readWhen: { set: ['UPSTASH_REDIS_REST_URL'] } },
  'smtp-password': { meaning: 'password of the SMTP relay user named in `SMTP_URL`', readWhen: { set: ['SMTP_URL'] } },
} satisfies Record<string, SecretDef>;

export type SecretName = keyof typeof SECRETS;

/** The secret ids, in definition order. */
export const SECRET_NAMES = Object.keys(SECRETS) as SecretName[];

/** The definition of a secret. */
export function secretDef(name: SecretName): SecretDef {
  return SECRETS[name];
}

/** Whether a configuration (parsed, or an environment) runs the mode in which a secret is read. */
export function secretIsRead(name: SecretName, cfg: Config | Record<string, string | undefined>): boolean {
  const when = secretDef(name).readWhen;
  const isSet = (v: VariableName) => ((cfg as Record<string, unknown>)[v] ?? '') !== '';
  return (when?.set ?? []).every(isSet) && !(when?.unset ?? []).some(isSet);
}

/** The environment variable that holds a secret under the env adapter: `jwt-secret` → `JWT_SECRET`. */
export function secretEnvName(name: SecretName): string {
  return name.toUpperCase().replace(/-/g, '_');
}

/** Raised when a secret has no value; the message names the secret, never its value. */
export class SecretMissingError extends Error {
  constructor(readonly secret: SecretName, cause?: unknown) {
    super(`Secret ${secret} is not set`, { cause });
    this.name = 'SecretMissingError';
  }
}

/** What retiring the versions before a rotated one did. */
export interface RetiredVersions {
  /** Whether the store served the new version as its latest; nothing is disabled otherwise. */
  confirmed: boolean;
  /** The ids of the versions disabled. */
  disabled: string[];
}

/**
 * The secrets port. Values are cached briefly by the adapters. `put` adds a version (rotated tokens) and resolves
 * with its id; `retireVersionsBefore` then disables the versions it superseded, once the store confirms it serves
 * the new one, so a spent credential stays readable nowhere and a valid one is always stored.
 */
export interface Secrets {
  readonly backend: 'env' | 'secret-manager';
  get(name: SecretName): Promise<string>;
  /** The value, or null when the secret does not exist or has no value (optional integrations). */
  getOptional(name: SecretName): Promise<string | null>;
  put(name: SecretName, value: string): Promise<string>;
  retireVersionsBefore(name: SecretName, version: string): Promise<RetiredVersions>;
  ping(): Promise<void>;
}
