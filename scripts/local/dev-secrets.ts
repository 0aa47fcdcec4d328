import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Secrets the local stack generates once per checkout, so `npm start` and `npm run token` agree without config. */
const GENERATED: Record<string, () => string> = {
  JWT_SECRET: () => randomBytes(32).toString('base64url'),
  PII_PEPPER: () => randomBytes(32).toString('base64url'),
  PII_ENCRYPTION_KEYS: () => JSON.stringify({ current: 1, keys: { '1': randomBytes(32).toString('base64') } }),
};

/**
 * Fills unset secret variables from `.data/dev-secrets.json`, creating it with random values on first use. Only the
 * local scripts call this; deployed functions read Secret Manager and fail when a secret is missing.
 */
export function loadDevSecrets(file = '.data/dev-secrets.json'): void {
  let stored: Record<string, string> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8'));
  let changed = false;
  for (const [name, generate] of Object.entries(GENERATED)) {
    if (!stored[name]) {
      stored[name] = generate();
      changed = true;
    }
    process.env[name] ||= stored[name];
  }
  if (changed) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
}
