import type { CurrentVerification } from '@shared/age-check/current-verification';
import type { Runtime } from '@shared/runtime';
import { type PrivacyKeys, hashBirthDate, hashFullName } from './personal-data';
import type { VerificationRequest } from './verification-request';
import { claimOfVerification } from './verification-store';

/**
 * What a verification was granted on, as the ledger keeps it: keyed hashes of name and birth date, and the state. The
 * ID digits are not part of it: they change with every renewed licence and the age rules never read them.
 */
export interface StandingClaim {
  verificationId: string;
  nameHash: string | null;
  birthDateHash: string | null;
  state: string | null;
}

/** The kv key caching the claim behind a customer's current verification. */
export function standingClaimKey(customerId: string): string {
  return `age-verification:claim:${customerId}`;
}

/** Caches the claim a verification was just granted on, until the verification lapses. */
export async function cacheStandingClaim(rt: Runtime, verification: CurrentVerification, claim: StandingClaim): Promise<void> {
  const ttlMs = Date.parse(verification.expiresAt) - rt.clock.now().getTime();
  if (ttlMs > 0) await rt.kv.set(standingClaimKey(verification.customerId), claim, { ttlMs });
}

/** The claim behind the current verification: from kv when it belongs to that verification, else from the ledger. */
async function standingClaim(rt: Runtime, current: CurrentVerification): Promise<StandingClaim | null> {
  const cached = await rt.kv.get<StandingClaim>(standingClaimKey(current.customerId));
  if (cached?.verificationId === current.verificationId) return cached;
  const claim = await claimOfVerification(rt, current.customerId, current.verificationId);
  if (claim) await cacheStandingClaim(rt, current, claim);
  return claim;
}

/** The keyed hashes and state of a submitted claim, in the form the ledger stores them. */
export function claimOf(keys: PrivacyKeys, verificationId: string, request: VerificationRequest): StandingClaim {
  return { verificationId, nameHash: hashFullName(keys, request.fullName), birthDateHash: hashBirthDate(keys, request.dateOfBirth), state: request.state };
}

/**
 * Whether a submission repeats the claim the current verification was granted on (the same person typing the same
 * facts, however formatted). Anything else (another name, birth date or state) contradicts it and must be evaluated.
 */
export async function repeatsStandingClaim(rt: Runtime, keys: PrivacyKeys, request: VerificationRequest, current: CurrentVerification): Promise<boolean> {
  const standing = await standingClaim(rt, current);
  if (!standing) return false;
  const submitted = claimOf(keys, current.verificationId, request);
  return submitted.nameHash === standing.nameHash && submitted.birthDateHash === standing.birthDateHash && submitted.state === standing.state;
}
