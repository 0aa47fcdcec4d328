import type { CalendarDate } from '@shared/calendar';
import type { UsStateCode } from './us-states';

/** What a customer claims about themselves. */
export interface AgeClaim {
  fullName: string;
  dateOfBirth: CalendarDate;
  state: UsStateCode;
  idNumberLast4: string;
}

/** Why a well-formed claim is refused. */
export type FailureCode = 'UNDER_AGE' | 'OVER_MAX_AGE' | 'FUTURE_BIRTH_DATE';

/** A method's verdict: passed with the age it established, or failed with a reason a customer can read. */
export type MethodOutcome =
  | { passed: true; age: number }
  | { passed: false; age: number | null; code: FailureCode; reason: string };

/** When and where a claim is judged: ages count in the shop's time zone. */
export interface EvaluationContext {
  now: Date;
  timeZone: string;
}

/**
 * The verification method port. Today the only method is self-attestation; a document-based provider (ID scan,
 * database check) implements the same interface later and is chosen in one place (`verificationMethod`).
 */
export interface VerificationMethod {
  /** Recorded with every verification and attempt, e.g. `self_attestation`. */
  readonly provider: string;
  evaluate(claim: AgeClaim, context: EvaluationContext): Promise<MethodOutcome>;
}
