import type { ApiResult } from './api-response';
import { findDuplicate, requestedDuplicateWindow } from './duplicate-window';
import type { EmulatorState } from './emulator-state';
import { newAuthCode, newNetworkTransId } from './identifiers';
import { objectAt, stringAt, type JsonObject } from './json-shape';
import { dollarsToCents } from './money';
import { classifyPayment } from './payment-method';
import { cardForToken, type TokenCard, type TokenOutcome } from './test-tokens';
import { createTransactionResult, rejection, type TransactionAnswer } from './transaction-response';
import type { EmulatedTransaction, TransactionStatus } from './types';

interface OutcomeShape {
  status: TransactionStatus;
  answer: Omit<TransactionAnswer, 'transId' | 'accountNumber' | 'accountType'>;
}

// What the issuer's checks report for a card-not-present token charge: address matched, card code not sent.
const CHECKS = { avsResultCode: 'Y', cvvResultCode: 'P', cavvResultCode: '2' } as const;

function outcomeShape(outcome: TokenOutcome): OutcomeShape {
  switch (outcome) {
    case 'approve':
    case 'timeout':
      return {
        status: 'capturedPendingSettlement',
        answer: {
          responseCode: '1',
          reason: '1',
          authCode: newAuthCode(),
          ...CHECKS,
          networkTransId: newNetworkTransId(),
        },
      };
    case 'decline':
      return { status: 'declined', answer: { responseCode: '2', reason: '2', ...CHECKS } };
    case 'error':
      // A processor communication error: it gets a transId but nothing was charged, and a retry is allowed.
      return { status: 'generalError', answer: { responseCode: '3', reason: '19' } };
    case 'review':
      // Fraud Detection Suite "hold for review, do not authorize" (252): no auth code until a reviewer approves.
      return { status: 'FDSPendingReview', answer: { responseCode: '4', reason: '252', ...CHECKS } };
  }
}

function cardFields(card: TokenCard): Pick<TransactionAnswer, 'accountNumber' | 'accountType'> {
  return { accountNumber: card.accountNumber, accountType: card.accountType };
}

/**
 * authCaptureTransaction paid with opaqueData (a test token). Card data in any other form is refused before it is
 * looked at further, and nothing from it is kept or echoed.
 */
export function authCapture(state: EmulatorState, request: JsonObject, refId: string | undefined): ApiResult {
  const amountCents = dollarsToCents(request.amount);
  if (amountCents === undefined) return rejection('5', refId);

  const payment = classifyPayment(request);
  if (payment.kind === 'cardNumber' || payment.kind === 'lastFour' || payment.kind === 'unsupported') {
    return rejection('155', refId);
  }
  if (payment.kind !== 'token') return rejection('153', refId);
  const card = cardForToken(payment.token);
  if (!card) return rejection('153', refId);

  const now = state.now();
  const invoiceNumber = stringAt(objectAt(request, 'order'), 'invoiceNumber');
  const requestedWindow = requestedDuplicateWindow(request);
  const original = findDuplicate(
    state.transactions.live(),
    { type: 'authCaptureTransaction', amountCents, token: payment.token, invoiceNumber },
    requestedWindow ?? state.duplicateWindowSeconds,
    now,
  );
  if (original) {
    // The gateway describes the original only to clients that sent duplicateWindow themselves.
    const details =
      requestedWindow === undefined ? {} : { transId: original.transId, authCode: original.authCode, ...CHECKS };
    return rejection('11', refId, { ...details, ...cardFields(card) });
  }

  const { status, answer } = outcomeShape(card.outcome);
  const transaction: EmulatedTransaction = {
    transId: state.transactions.newTransId(),
    type: 'authCaptureTransaction',
    amountCents,
    status,
    responseCode: answer.responseCode,
    reasonCode: answer.reason,
    authCode: answer.authCode ?? '',
    token: payment.token,
    ...(invoiceNumber === undefined ? {} : { invoiceNumber }),
    accountNumber: card.accountNumber,
    accountType: card.accountType,
    createdAt: now.toISOString(),
  };
  // Recorded before any delay: a tok_timeout charge exists even if the caller gives up waiting for the answer.
  state.transactions.add(transaction);

  const result = createTransactionResult({ ...answer, transId: transaction.transId, ...cardFields(card) }, refId);
  return card.outcome === 'timeout' ? { ...result, delayMs: state.timeoutMs } : result;
}
