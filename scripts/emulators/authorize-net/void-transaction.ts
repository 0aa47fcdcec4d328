import type { ApiResult } from './api-response';
import type { EmulatorState } from './emulator-state';
import { stringAt, type JsonObject } from './json-shape';
import { createTransactionResult, rejection } from './transaction-response';
import type { TransactionStatus } from './types';

// Only transactions still in the open batch can be voided; a settled one must be refunded instead.
const VOIDABLE: ReadonlySet<TransactionStatus> = new Set<TransactionStatus>([
  'capturedPendingSettlement',
  'refundPendingSettlement',
  'FDSPendingReview',
]);

/**
 * voidTransaction with refTransId. On success the gateway answers with the voided transaction's own transId (a void
 * is not a new transaction) and its original auth code.
 */
export function voidTransaction(state: EmulatorState, request: JsonObject, refId: string | undefined): ApiResult {
  const refTransId = stringAt(request, 'refTransId')?.trim();
  if (!refTransId || !/^\d+$/.test(refTransId)) return rejection('15', refId, { refTransID: refTransId ?? '' });

  const original = state.transactions.get(refTransId);
  if (!original) return rejection('16', refId, { refTransID: refTransId });
  const card = { accountNumber: original.accountNumber, accountType: original.accountType };
  if (original.status === 'voided') return rejection('310', refId, { refTransID: refTransId, ...card });
  // Settled, declined and errored transactions are not in the open batch, so the void finds nothing to cancel.
  if (!VOIDABLE.has(original.status)) return rejection('16', refId, { refTransID: refTransId, ...card });

  original.status = 'voided';
  original.voidedAt = state.now().toISOString();
  return createTransactionResult(
    {
      responseCode: '1',
      reason: '1',
      transId: original.transId,
      refTransID: original.transId,
      authCode: original.authCode,
      avsResultCode: 'P',
      ...card,
    },
    refId,
  );
}
