import { z } from 'zod';
import type { Secrets } from '../secrets/port';

/**
 * The versioned AES-256 keys for personal data, stored in the `pii-encryption-keys` secret as
 * `{"current": 2, "keys": {"1": "<base64 32 bytes>", "2": "..."}}`. New data is sealed with `current`; old versions stay
 * so that data sealed before a rotation still opens.
 */
export interface KeyRing {
  current: number;
  keys: Map<number, Buffer>;
}

const keyRingSchema = z.object({
  current: z.number().int().positive(),
  keys: z.record(z.string().regex(/^\d+$/), z.string()),
});

/** Parses the key ring secret; every key must be exactly 32 bytes and `current` must exist. */
export function parseKeyRing(text: string): KeyRing {
  const parsed = keyRingSchema.parse(JSON.parse(text));
  const keys = new Map<number, Buffer>();
  for (const [version, encoded] of Object.entries(parsed.keys)) {
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== 32) throw new Error(`pii-encryption-keys: key ${version} is not 32 bytes`);
    keys.set(Number(version), key);
  }
  if (!keys.has(parsed.current)) throw new Error(`pii-encryption-keys: current version ${parsed.current} has no key`);
  return { current: parsed.current, keys };
}

/** The pepper and key ring for personal data, read from the secrets port. */
export async function loadPrivacyKeys(secrets: Secrets): Promise<{ pepper: string; ring: KeyRing }> {
  const [pepper, ring] = await Promise.all([secrets.get('pii-pepper'), secrets.get('pii-encryption-keys')]);
  if (pepper.length < 16) throw new Error('pii-pepper must be at least 16 characters');
  return { pepper, ring: parseKeyRing(ring) };
}
