import { randomBytes } from 'node:crypto';

/**
 * Settings that put every port on its embedded adapter (the DuckDB warehouse at `warehouse`, e.g. `duckdb:<file>`,
 * memory kv, local bus, secrets from the environment), logging warnings only so that logging is not what is measured.
 * NODE_ENV is development: the functions framework prints "Serving function..." only outside production.
 */
export function embeddedAdapterEnv(warehouse: string) {
  return { NODE_ENV: 'development', WAREHOUSE: warehouse, KV: 'memory', BUS: 'local', SECRETS: 'env', LOG_LEVEL: 'WARNING' };
}

/** Fresh random values for the secrets every function reads: the token signing key, the PII pepper and sealing key. */
export function randomSecrets() {
  return {
    JWT_SECRET: randomBytes(32).toString('base64url'),
    PII_PEPPER: randomBytes(32).toString('base64url'),
    PII_ENCRYPTION_KEYS: JSON.stringify({ current: 1, keys: { '1': randomBytes(32).toString('base64') } }),
  };
}
