import { randomBytes } from 'node:crypto';
import { loadPrivacyKeys } from '@shared/privacy/keys';
import { open, seal } from '@shared/privacy/seal';
import type { Runtime } from '@shared/runtime';

/**
 * A raffle's secret seed: 32 random bytes made at creation. Only its commitment is published until the draw. It is
 * kept sealed (AES-256-GCM, bound to the raffle id) under the versioned key ring held in the secret port, so neither
 * the warehouse nor anyone reading it learns the seed before the draw reveals it.
 */
export async function newSealedSeed(rt: Runtime, raffleId: string): Promise<{ seedHex: string; sealed: string }> {
  const seedHex = randomBytes(32).toString('hex');
  const { ring } = await loadPrivacyKeys(rt.secrets);
  return { seedHex, sealed: seal(ring, seedHex, `raffle-seed:${raffleId}`) };
}

/** Opens a raffle's sealed seed (at the draw). */
export async function openSeed(rt: Runtime, raffleId: string, sealed: string): Promise<string> {
  const { ring } = await loadPrivacyKeys(rt.secrets);
  return open(ring, sealed, `raffle-seed:${raffleId}`);
}
