import { parseKeyRing } from '@shared/privacy/keys';
import { seal } from '@shared/privacy/seal';
import type { Runtime } from '@shared/runtime';

/**
 * The contact email is kept only sealed (AES-256-GCM under the versioned pii-encryption-keys), bound to its
 * membership, so a copied value does not open on another record. (Card tokens are not kept at all: they are
 * single-use, and the card lives at the gateway as a stored card.)
 */
async function ring(rt: Runtime) {
  return parseKeyRing(await rt.secrets.get('pii-encryption-keys'));
}

/** Seals a membership's contact email. */
export async function sealEmail(rt: Runtime, membershipId: string, email: string): Promise<string> {
  return seal(await ring(rt), email, `membership:${membershipId}:email`);
}
