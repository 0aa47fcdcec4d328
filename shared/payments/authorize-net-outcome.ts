import type { CardSummary, ChargeOutcome, ChargeResult } from './gateway';

/** transactionResponse as createTransactionResponse carries it (the fields this adapter reads). */
export interface TransactionResponse {
  responseCode?: string;
  authCode?: string;
  transId?: string;
  accountNumber?: string;
  accountType?: string;
  messages?: Array<{ code?: string; description?: string }>;
  errors?: Array<{ errorCode?: string; errorText?: string }>;
}

/** Authorize.Net's reason code for "A duplicate transaction has been submitted." */
export const DUPLICATE_REASON = '11';

/**
 * The verdict of transactionResponse.responseCode: 1 approved, 2 declined, 3 error, 4 held for review. The API-level
 * messages.resultCode is no guide: declines and holds come back as resultCode "Ok".
 */
export function outcomeOfResponseCode(code: string | undefined): ChargeOutcome {
  switch (code) {
    case '1':
      return 'approved';
    case '2':
      return 'declined';
    case '4':
      return 'held_for_review';
    default:
      return 'error';
  }
}

/** What a transactionStatus in getTransactionDetails means for a charge. */
export function outcomeOfTransactionStatus(status: string): ChargeOutcome {
  switch (status) {
    case 'authorizedPendingCapture':
    case 'capturedPendingSettlement':
    case 'settledSuccessfully':
    case 'refundPendingSettlement':
    case 'refundSettledSuccessfully':
      return 'approved';
    case 'FDSPendingReview':
    case 'FDSAuthorizedPendingReview':
    case 'underReview':
      return 'held_for_review';
    case 'declined':
      return 'declined';
    case 'voided':
      return 'voided';
    default:
      return 'error';
  }
}

/** The masked card from a gateway field such as "XXXX1111"; null when there is none. */
export function cardSummary(accountNumber: string | undefined, accountType: string | undefined): CardSummary | null {
  const last4 = /(\d{4})$/.exec(accountNumber ?? '')?.[1];
  return last4 ? { last4, type: accountType || 'Unknown' } : null;
}

/** The reason code and text of a transactionResponse (approvals carry them in messages, failures in errors). */
export function reasonOf(tr: TransactionResponse): { reasonCode: string | null; reason: string } {
  const error = tr.errors?.[0];
  if (error) return { reasonCode: error.errorCode ?? null, reason: error.errorText ?? '' };
  const message = tr.messages?.[0];
  return { reasonCode: message?.code ?? null, reason: message?.description ?? '' };
}

/** A ChargeResult read straight from a transactionResponse. */
export function chargeResultOf(tr: TransactionResponse, reconciled: boolean): ChargeResult {
  const outcome = outcomeOfResponseCode(tr.responseCode);
  const transId = tr.transId && tr.transId !== '0' ? tr.transId : null;
  return {
    outcome,
    transactionId: transId,
    authCode: tr.authCode || null,
    card: cardSummary(tr.accountNumber, tr.accountType),
    ...reasonOf(tr),
    reconciled,
  };
}
