import type { ApiResult } from './api-response';
import { findDuplicate, requestedDuplicateWindow } from './duplicate-window';
import type { EmulatorState } from './emulator-state';
import { newAuthCode } from './identifiers';
import { objectAt, stringAt, type JsonObject } from './json-shape';
import { dollarsToCents } from './money';
import { classifyPayment } from './payment-method';
import { createTransactionResult, rejection } from './transaction-response';
import type { EmulatedTransaction } from './types';

/**
 * refundTransaction against a settled charge: refTransId, amount, and the card identified as the API reference
 * shows it, `payment.creditCard { cardNumber: "<last four>", expirationDate: "XXXX" }`. Refunds of unsettled charges
 * are refused with 54 (void those instead), and refunds beyond what is left of the charge with 55.
 */
export function refundTransaction(state: EmulatorState, request: JsonObject, refId: string | undefined): ApiResult {
  const amountCents = dollarsToCents(request.amount);
  if (amountCents === undefined) return rejection('5', refId);

  const payment = classifyPayment(request);
  if (payment.kind === 'cardNumber' || payment.kind === 'unsupported') return rejection('155', refId);
  if (payment.kind !== 'lastFour') return rejection('6', refId);

  const refTransId = stringAt(request, 'refTransId')?.trim();
  if (!refTransId || !/^\d+$/.test(refTransId)) return rejection('15', refId, { refTransID: refTransId ?? '' });
  const charge = state.transactions.get(refTransId);
  if (!charge || charge.type !== 'authCaptureTransaction') return rejection('16', refId, { refTransID: refTransId });

  const card = { accountNumber: charge.accountNumber, accountType: charge.accountType };
  const refused = { refTransID: refTransId, ...card };
  if (!charge.accountNumber.endsWith(payment.lastFour)) return rejection('54', refId, refused);

  // Duplicate detection comes first, so a double-submitted full refund reads as a duplicate, not as "too much".
  const now = state.now();
  const invoiceNumber = stringAt(objectAt(request, 'order'), 'invoiceNumber');
  const duplicateOf = findDuplicate(
    state.transactions.live(),
    { type: 'refundTransaction', amountCents, refTransId, invoiceNumber },
    requestedDuplicateWindow(request) ?? state.duplicateWindowSeconds,
    now,
  );
  if (duplicateOf) return rejection('11', refId, refused);

  if (charge.status !== 'settledSuccessfully') return rejection('54', refId, refused);
  if (state.transactions.refundedCents(charge.transId) + amountCents > charge.amountCents) {
    return rejection('55', refId, refused);
  }

  const refund: EmulatedTransaction = {
    transId: state.transactions.newTransId(),
    type: 'refundTransaction',
    amountCents,
    status: 'refundPendingSettlement',
    responseCode: '1',
    reasonCode: '1',
    authCode: newAuthCode(),
    ...(invoiceNumber === undefined ? {} : { invoiceNumber }),
    refTransId,
    ...card,
    createdAt: now.toISOString(),
  };
  state.transactions.add(refund);
  return createTransactionResult(
    {
      responseCode: '1',
      reason: '1',
      transId: refund.transId,
      refTransID: refTransId,
      authCode: refund.authCode,
      avsResultCode: 'P',
      ...card,
    },
    refId,
  );
}
