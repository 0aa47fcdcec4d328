/** Every secret the product uses, by its Secret Manager id. The env adapter reads each from its upper-snake-case twin. */
export const SECRET_NAMES = [
  'jwt-secret',
  'pii-pepper',
  'pii-encryption-keys',
  'square-access-token',
  'square-webhook-signature-key',
  'lightspeed-api-key',
  'lightspeed-client-secret',
  'lightspeed-refresh-token',
  'authorize-net-transaction-key',
  'stripe-webhook-secret',
  'shopify-webhook-secret',
  'zettle-webhook-secret',
  'upstash-redis-rest-token',
] as const;

export type SecretName = (typeof SECRET_NAMES)[number];

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

/** The secrets port. Values are cached briefly by the adapters; `put` adds a new version (rotated tokens). */
export interface Secrets {
  readonly backend: 'env' | 'secret-manager';
  get(name: SecretName): Promise<string>;
  /** The value, or null when the secret does not exist or has no value (optional integrations). */
  getOptional(name: SecretName): Promise<string | null>;
  put(name: SecretName, value: string): Promise<void>;
  ping(): Promise<void>;
}
