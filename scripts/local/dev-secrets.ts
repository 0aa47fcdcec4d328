import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import { SECRETS, type SecretDef, secretEnvName, type SecretName } from '@shared/secrets/port';

/** Secrets the local stack generates once per checkout, so `npm start` and `npm run token` agree without config. */
const GENERATED: Record<string, () => string> = Object.fromEntries(
  Object.entries(SECRETS as Record<SecretName, SecretDef>).flatMap(([name, def]) =>
    def.generate ? [[secretEnvName(name as SecretName), def.generate]] : [],
  ),
);

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
