import { parseKeyRing } from '@shared/privacy/keys';
import { open, seal } from '@shared/privacy/seal';
import type { Runtime } from '@shared/runtime';

/**
 * The card token and email are kept only sealed (AES-256-GCM under the versioned pii-encryption-keys), each bound to
 * its membership, so a copied value does not open on another record.
 */
async function ring(rt: Runtime) {
  return parseKeyRing(await rt.secrets.get('pii-encryption-keys'));
}

/** Seals a membership's card token (needed for renewals). */
export async function sealPaymentToken(rt: Runtime, membershipId: string, token: string): Promise<string> {
  return seal(await ring(rt), token, `membership:${membershipId}:payment-token`);
}

/** Opens a membership's sealed card token. */
export async function openPaymentToken(rt: Runtime, membershipId: string, sealed: string): Promise<string> {
  return open(await ring(rt), sealed, `membership:${membershipId}:payment-token`);
}

/** Seals a membership's contact email. */
export async function sealEmail(rt: Runtime, membershipId: string, email: string): Promise<string> {
  return seal(await ring(rt), email, `membership:${membershipId}:email`);
}
