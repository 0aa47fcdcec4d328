import { MAXIMUM_AGE, MINIMUM_AGE, ageOn } from './age';
import { calendarDateIn, compareCalendarDates } from '@shared/calendar';
import type { AgeClaim, EvaluationContext, MethodOutcome, VerificationMethod } from './verification-method';

/** The customer-facing reasons a claim fails. */
export const FAILURE_REASONS = {
  UNDER_AGE: `Must be at least ${MINIMUM_AGE} years old`,
  OVER_MAX_AGE: `Date of birth gives an age over ${MAXIMUM_AGE}; please check it`,
  FUTURE_BIRTH_DATE: 'Date of birth cannot be in the future',
} as const;

/** Judges the age rules on a claimed birth date: at least 21, at most 120, counted in the business time zone. */
export function judgeAge(claim: AgeClaim, context: EvaluationContext): MethodOutcome {
  const today = calendarDateIn(context.now, context.timeZone);
  if (compareCalendarDates(claim.dateOfBirth, today) > 0) {
    return { passed: false, age: null, code: 'FUTURE_BIRTH_DATE', reason: FAILURE_REASONS.FUTURE_BIRTH_DATE };
  }
  const age = ageOn(claim.dateOfBirth, today);
  if (age < MINIMUM_AGE) return { passed: false, age, code: 'UNDER_AGE', reason: FAILURE_REASONS.UNDER_AGE };
  if (age > MAXIMUM_AGE) return { passed: false, age, code: 'OVER_MAX_AGE', reason: FAILURE_REASONS.OVER_MAX_AGE };
  return { passed: true, age };
}

/**
 * Self-attestation: the customer's word for their name, birth date, state and ID digits, checked against the rules
 * only. The shape rules (name, real date, state, digits) were enforced when the request was parsed.
 */
export const selfAttestation: VerificationMethod = {
  provider: 'self_attestation',
  async evaluate(claim, context) {
    return judgeAge(claim, context);
  },
};

/** The method verifications use now. A document-based provider replaces this one line when it exists. */
export const verificationMethod: VerificationMethod = selfAttestation;
