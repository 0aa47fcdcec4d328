import { HttpError } from '../http/errors';
import type { Runtime } from '../runtime';
import { type CurrentVerification, isExpired, readCurrentVerification } from './current-verification';

/** The error code every age-restricted route answers with when the customer must verify (again) first. */
export const AGE_VERIFICATION_REQUIRED = 'AGE_VERIFICATION_REQUIRED';

/** Where a customer stands: verified and current, verified but lapsed, or never verified (or revoked or erased). */
export type AgeVerificationStanding =
  | { status: 'verified'; verification: CurrentVerification }
  | { status: 'expired'; verification: CurrentVerification }
  | { status: 'unverified'; verification: null };

/** The customer's standing, from the kv cache when it has it (a few microseconds), else the warehouse. */
export async function ageVerificationStanding(rt: Runtime, customerId: string): Promise<AgeVerificationStanding> {
  const verification = await readCurrentVerification(rt, customerId);
  if (!verification) return { status: 'unverified', verification: null };
  return isExpired(verification, rt.clock.now()) ? { status: 'expired', verification } : { status: 'verified', verification };
}

/**
 * The check raffles, checkout and other age-restricted routes call before selling: returns the current verification,
 * or refuses with 403 AGE_VERIFICATION_REQUIRED and `requiresVerification: true`, both at the top of the envelope
 * (where the shop's checkout middleware reads it) and in `details` (with `reason` `not_verified` or `expired`, and
 * `expiredAt`), so a front end knows to send the customer to verification.
 */
export async function requireAgeVerified(rt: Runtime, customerId: string): Promise<CurrentVerification> {
  const standing = await ageVerificationStanding(rt, customerId);
  if (standing.status === 'verified') return standing.verification;
  if (standing.status === 'expired') {
    throw new HttpError(403, AGE_VERIFICATION_REQUIRED, 'Age verification has expired; please verify again', {
      details: { requiresVerification: true, reason: 'expired', expiredAt: standing.verification.expiresAt },
      topLevel: { requiresVerification: true },
    });
  }
  throw new HttpError(403, AGE_VERIFICATION_REQUIRED, 'Age verification required before this purchase', {
    details: { requiresVerification: true, reason: 'not_verified' },
    topLevel: { requiresVerification: true },
  });
}
