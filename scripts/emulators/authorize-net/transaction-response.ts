import { apiMessages, refIdField, type ApiResult } from './api-response';
import { REASONS, type ReasonCode } from './response-codes';

/** The fields that differ between transaction answers; everything else has the gateway's fixed value. */
export interface TransactionAnswer {
  responseCode: '1' | '2' | '3' | '4';
  reason: ReasonCode;
  transId?: string;
  refTransID?: string;
  authCode?: string;
  avsResultCode?: string;
  cvvResultCode?: string;
  cavvResultCode?: string;
  accountNumber?: string;
  accountType?: string;
  networkTransId?: string;
}

/**
 * A createTransactionResponse. Approvals, declines and holds are API-level successes (resultCode Ok, I00001) with
 * the verdict in transactionResponse.responseCode; only responseCode 3 makes the call itself an Error (E00027).
 * Adapters that look at resultCode alone therefore treat a decline as a success, exactly as on the real gateway.
 */
export function createTransactionResult(answer: TransactionAnswer, refId: string | undefined): ApiResult {
  const isError = answer.responseCode === '3';
  // Approvals and holds report their reason under `messages`; declines and errors under `errors`.
  const verdict =
    answer.responseCode === '1' || answer.responseCode === '4'
      ? { messages: [{ code: answer.reason, description: REASONS[answer.reason] }] }
      : { errors: [{ errorCode: answer.reason, errorText: REASONS[answer.reason] }] };
  const transactionResponse = {
    responseCode: answer.responseCode,
    authCode: answer.authCode ?? '',
    avsResultCode: answer.avsResultCode ?? 'P',
    cvvResultCode: answer.cvvResultCode ?? '',
    cavvResultCode: answer.cavvResultCode ?? '',
    transId: answer.transId ?? '0',
    refTransID: answer.refTransID ?? '',
    transHash: '',
    testRequest: '0',
    accountNumber: answer.accountNumber ?? '',
    accountType: answer.accountType ?? '',
    ...verdict,
    transHashSha2: '',
    SupplementalDataQualificationIndicator: 0,
    ...(answer.networkTransId ? { networkTransId: answer.networkTransId } : {}),
  };
  return {
    body: {
      transactionResponse,
      ...refIdField(refId),
      messages: apiMessages(isError ? 'E00027' : 'I00001'),
    },
  };
}

/** An error answer (responseCode 3) that created no transaction: transId "0". */
export function rejection(
  reason: ReasonCode,
  refId: string | undefined,
  extra: Omit<TransactionAnswer, 'responseCode' | 'reason'> = {},
): ApiResult {
  return createTransactionResult({ responseCode: '3', reason, ...extra }, refId);
}
