import { REASONS, type ReasonCode } from './response-codes';

/** What a liveMode validation (a zero-amount authorization, voided at once) reports about the card. */
export interface ValidationVerdict {
  responseCode: '1' | '2' | '3' | '4';
  reason: ReasonCode;
  authCode: string;
  accountNumber: string;
  accountType: string;
}

// Positions (1-based) in the direct response that the emulator fills; every other field is empty.
const FIELD_COUNT = 68;
const POSITION = {
  responseCode: 1,
  responseSubcode: 2,
  reasonCode: 3,
  reasonText: 4,
  authCode: 5,
  avs: 6,
  transId: 7,
  amount: 10,
  method: 11,
  type: 12,
  accountNumber: 51,
  accountType: 52,
} as const;

/**
 * One entry of validationDirectResponseList: the comma-delimited direct response of the validation authorization
 * ("1,1,1,This transaction has been approved.,A1B2C3,Y,0,,,0.00,CC,auth_only,...,XXXX1111,Visa,..."). The transId is
 * 0 because the emulator keeps no record of validations: they move no money.
 */
export function validationDirectResponse(verdict: ValidationVerdict): string {
  const fields: string[] = Array.from({ length: FIELD_COUNT }, () => '');
  const set = (position: number, value: string) => {
    fields[position - 1] = value;
  };
  set(POSITION.responseCode, verdict.responseCode);
  set(POSITION.responseSubcode, '1');
  set(POSITION.reasonCode, verdict.reason);
  set(POSITION.reasonText, REASONS[verdict.reason]);
  set(POSITION.authCode, verdict.authCode);
  set(POSITION.avs, verdict.responseCode === '3' ? 'P' : 'Y');
  set(POSITION.transId, '0');
  set(POSITION.amount, '0.00');
  set(POSITION.method, 'CC');
  set(POSITION.type, 'auth_only');
  set(POSITION.accountNumber, verdict.accountNumber);
  set(POSITION.accountType, verdict.accountType);
  return fields.join(',');
}
