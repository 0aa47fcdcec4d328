import { DAY_MS } from '@shared/calendar';
import {
  type CurrentVerification,
  cacheCurrentVerification,
  cacheNoVerification,
  cachedCurrentVerification,
  isExpired,
  loadCurrentVerification,
} from '@shared/age-check/current-verification';
import { HttpError } from '@shared/http/errors';
import type { Logger } from '@shared/log';
import type { Runtime } from '@shared/runtime';
import { type AttemptReservation, MAX_FAILED_ATTEMPTS, ensureAttemptCounter, takeAttemptSlot } from './attempt-limit';
import { newRecordId, newVerificationId } from './ids';
import { privacyKeys, sealLast4 } from './personal-data';
import { cacheStandingClaim, claimOf, repeatsStandingClaim } from './standing-claim';
import { verificationMethod } from './self-attestation';
import type { VerificationRequest } from './verification-request';
import type { FailureCode, VerificationMethod } from './verification-method';
import { type AttemptRow, appendAttempt, appendVerificationEnd, appendVerificationEvent } from './verification-store';

/** How long a verification is good for. */
export const VERIFICATION_VALID_MS = 365 * DAY_MS;
/** The method name answers and records carry for an evaluated claim (as opposed to `cache`). */
export const FULL_VERIFICATION = 'full_verification';

/** verify answers from the cache when it can; resubmit always evaluates and replaces the current verification. */
export type VerifyKind = 'verify' | 'resubmit';

/** One verification request with what the audit trail records about it. */
export interface VerifyInput {
  request: VerificationRequest;
  kind: VerifyKind;
  /** `customer`, or `admin:<id>` when staff verify on a customer's behalf. */
  actor: string;
  ip: string;
  userAgent: string;
  log: Logger;
  /** The method to evaluate with; self-attestation unless a test or a later provider says otherwise. */
  method?: VerificationMethod;
}

/** A passing answer (fresh or from the cache) or a failing one with the customer-facing reason. */
export type VerifyResult =
  | {
      verified: true;
      customerId: string;
      verificationId: string;
      method: typeof FULL_VERIFICATION | 'cache';
      age: number;
      state: string;
      verifiedAt: string;
      expiresAt: string;
    }
  | {
      verified: false;
      customerId: string;
      reason: string;
      reasonCode: FailureCode;
      attemptsRemaining: number;
      /** Set when this failure ended the verification the customer had: a failed resubmission or contradicting claim. */
      verificationRevoked?: true;
    };

/**
 * Verifies a customer's age. A customer with a current verification who submits the claim it was granted on gets it
 * back (`method: cache`, no evaluation, no writes). Any other submission is a new attempt: a slot under the
 * failed-attempt limit is reserved first (429 when none is left), the claim is evaluated, and the outcome is recorded:
 * a grant in the ledger and the cache (replacing the current verification), every attempt in the attempts table.
 * A failing claim revokes the current verification when it was meant to replace it (a resubmission) or contradicts it
 * (another name, birth date or state): the customer's own latest word is evidence the earlier claim was false.
 */
export async function verifyAge(rt: Runtime, input: VerifyInput): Promise<VerifyResult> {
  const { request } = input;
  const cached = await cachedCurrentVerification(rt, request.customerId);
  // Not in kv: the warehouse answers, and meanwhile the attempt counter is made ready in case it is needed.
  const [current] =
    cached === undefined
      ? await Promise.all([loadCurrentVerification(rt, request.customerId), ensureAttemptCounter(rt, request.customerId)])
      : [cached];
  const standing = current && !isExpired(current, rt.clock.now()) ? current : null;
  // Loaded before a slot is taken, so misconfigured keys cost the customer nothing.
  const keys = await privacyKeys(rt);
  if (input.kind === 'verify' && standing && (await repeatsStandingClaim(rt, keys, request, standing))) return cachedAnswer(standing);
  if (cached !== undefined) await ensureAttemptCounter(rt, request.customerId);
  // What a failure ends: the verification a resubmission was to replace, or the one a new claim contradicts.
  const replaced = input.kind === 'resubmit' ? current : standing;

  const reservation = await takeAttemptSlot(rt, request.customerId);
  const method = input.method ?? verificationMethod;
  const attempt = attemptRecorder(rt, input, method.provider);
  if (!reservation.granted) {
    await attempt({ outcome: 'refused', reason_code: 'TOO_MANY_ATTEMPTS' });
    input.log.info('age verification refused: too many attempts', { kind: input.kind });
    throw tooManyAttempts(rt, reservation);
  }

  const now = rt.clock.now();
  let outcome;
  try {
    outcome = await method.evaluate(request, { now, timeZone: rt.config.BUSINESS_TIMEZONE });
  } catch (error) {
    await reservation.release();
    throw error;
  }

  if (!outcome.passed) {
    await Promise.all([
      attempt({ outcome: 'failed', reason_code: outcome.code, age: outcome.age }),
      replaced ? revoke(rt, input, replaced) : undefined,
    ]);
    input.log.info('age verification failed', { kind: input.kind, code: outcome.code, provider: method.provider, revoked: !!replaced });
    return {
      verified: false,
      customerId: request.customerId,
      reason: outcome.reason,
      reasonCode: outcome.code,
      attemptsRemaining: Math.max(0, MAX_FAILED_ATTEMPTS - reservation.slot),
      ...(replaced ? { verificationRevoked: true as const } : {}),
    };
  }

  const verification: CurrentVerification = {
    customerId: request.customerId,
    verificationId: newVerificationId(),
    method: FULL_VERIFICATION,
    provider: method.provider,
    state: request.state,
    age: outcome.age,
    verifiedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + VERIFICATION_VALID_MS).toISOString(),
  };
  const claim = claimOf(keys, verification.verificationId, request);
  try {
    const { sealed, keyVersion } = sealLast4(keys, verification.verificationId, request.idNumberLast4);
    // Independent rows: written together (BigQuery runs the two jobs at once; DuckDB queues them).
    await Promise.all([
      appendVerificationEvent(rt, {
        event_id: newRecordId(),
        event_type: 'verified',
        customer_id: verification.customerId,
        verification_id: verification.verificationId,
        method: verification.method,
        provider: verification.provider,
        name_hash: claim.nameHash,
        birth_date_hash: claim.birthDateHash,
        id_last4_sealed: sealed,
        key_version: keyVersion,
        state: verification.state,
        age: verification.age,
        verified_at: verification.verifiedAt,
        expires_at: verification.expiresAt,
        reason_code: null,
        actor: input.actor,
        ip_address: input.ip,
        user_agent: input.userAgent,
        recorded_at: verification.verifiedAt,
      }),
      attempt({ outcome: 'passed', verification_id: verification.verificationId, age: verification.age }),
    ]);
  } finally {
    // Passed, so not a failure; and a write that failed leaves no failure to count either.
    await reservation.release();
  }
  await Promise.all([cacheCurrentVerification(rt, verification), cacheStandingClaim(rt, verification, claim)]);
  input.log.info('age verification granted', { kind: input.kind, verificationId: verification.verificationId, provider: method.provider });
  return { verified: true, ...pick(verification), method: FULL_VERIFICATION };
}

function pick(v: CurrentVerification) {
  return { customerId: v.customerId, verificationId: v.verificationId, age: v.age, state: v.state, verifiedAt: v.verifiedAt, expiresAt: v.expiresAt };
}

function cachedAnswer(current: CurrentVerification): VerifyResult {
  return { verified: true, ...pick(current), method: 'cache' };
}

/** Records attempts of one request: the fields every row shares, and what each outcome adds. */
function attemptRecorder(rt: Runtime, input: VerifyInput, provider: string) {
  return (fields: Pick<AttemptRow, 'outcome'> & Partial<AttemptRow>) =>
    appendAttempt(rt, {
      attempt_id: newRecordId(),
      customer_id: input.request.customerId,
      kind: input.kind,
      reason_code: null,
      verification_id: null,
      method: FULL_VERIFICATION,
      provider,
      state: input.request.state,
      age: null,
      ip_address: input.ip,
      user_agent: input.userAgent,
      attempted_at: rt.clock.now().toISOString(),
      ...fields,
    });
}

/** Ends the current verification after a failed resubmission or contradicting claim: the latest word no longer supports it. */
async function revoke(rt: Runtime, input: VerifyInput, current: CurrentVerification): Promise<void> {
  await appendVerificationEnd(rt, {
    event_type: 'revoked',
    customer_id: current.customerId,
    verification_id: current.verificationId,
    reason_code: input.kind === 'resubmit' ? 'FAILED_RESUBMISSION' : 'CONTRADICTING_CLAIM',
    actor: input.actor,
    ip_address: input.ip,
    user_agent: input.userAgent,
    recorded_at: rt.clock.now().toISOString(),
  });
  await cacheNoVerification(rt, current.customerId);
}

function tooManyAttempts(rt: Runtime, refusal: Extract<AttemptReservation, { granted: false }>): HttpError {
  const retryAfterSeconds = Math.max(1, Math.ceil((Date.parse(refusal.resetAt) - rt.clock.now().getTime()) / 1000));
  return new HttpError(429, 'TOO_MANY_ATTEMPTS', 'Too many attempts', {
    details: { resetAt: refusal.resetAt, retryAfterSeconds, maxFailedAttempts: MAX_FAILED_ATTEMPTS, windowHours: 24 },
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}
