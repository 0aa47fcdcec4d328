import { messagesOnly, type ApiResult } from './api-response';
import { chargeSourceOf, type ChargeSource } from './charge-source';
import { findDuplicate, requestedDuplicateWindow } from './duplicate-window';
import type { EmulatorState } from './emulator-state';
import { newAuthCode, newNetworkTransId } from './identifiers';
import { objectAt, stringAt, type JsonObject } from './json-shape';
import { dollarsToCents } from './money';
import type { TokenOutcome } from './test-tokens';
import { spendToken, tokenSpent } from './token-use';
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

function cardFields(source: ChargeSource): Pick<TransactionAnswer, 'accountNumber' | 'accountType'> {
  return { accountNumber: source.accountNumber, accountType: source.accountType };
}

/**
 * authCaptureTransaction paid with opaqueData (a test token) or with a stored customer profile. Card data in any
 * other form is refused before it is looked at further, and nothing from it is kept or echoed. A resubmission inside
 * the duplicate window is answered as a duplicate even when its token is spent; otherwise a spent token is refused
 * with E00114 (single-use tokens).
 */
export function authCapture(state: EmulatorState, request: JsonObject, refId: string | undefined): ApiResult {
  const amountCents = dollarsToCents(request.amount);
  if (amountCents === undefined) return rejection('5', refId);

  const resolved = chargeSourceOf(state, request, refId);
  if ('refusal' in resolved) return resolved.refusal;
  const { source } = resolved;

  const now = state.now();
  const invoiceNumber = stringAt(objectAt(request, 'order'), 'invoiceNumber');
  const requestedWindow = requestedDuplicateWindow(request);
  const original = findDuplicate(
    state.transactions.live(),
    { type: 'authCaptureTransaction', amountCents, testCard: source.testCard, invoiceNumber },
    requestedWindow ?? state.duplicateWindowSeconds,
    now,
  );
  if (original) {
    // The gateway describes the original only to clients that sent duplicateWindow themselves.
    const details =
      requestedWindow === undefined ? {} : { transId: original.transId, authCode: original.authCode, ...CHECKS };
    return rejection('11', refId, { ...details, ...cardFields(source) });
  }
  if (source.token !== undefined && tokenSpent(state, source.token)) return messagesOnly('E00114', refId);

  const { status, answer } = outcomeShape(source.outcome);
  const transaction: EmulatedTransaction = {
    transId: state.transactions.newTransId(),
    type: 'authCaptureTransaction',
    amountCents,
    status,
    responseCode: answer.responseCode,
    reasonCode: answer.reason,
    authCode: answer.authCode ?? '',
    ...(source.token === undefined ? {} : { token: source.token }),
    testCard: source.testCard,
    ...(source.customerProfileId === undefined
      ? {}
      : { customerProfileId: source.customerProfileId, customerPaymentProfileId: source.customerPaymentProfileId }),
    ...(invoiceNumber === undefined ? {} : { invoiceNumber }),
    accountNumber: source.accountNumber,
    accountType: source.accountType,
    createdAt: now.toISOString(),
  };
  // Recorded before any delay: a tok_timeout charge exists even if the caller gives up waiting for the answer.
  state.transactions.add(transaction);
  if (source.token !== undefined) spendToken(state, source.token);

  const result = createTransactionResult({ ...answer, transId: transaction.transId, ...cardFields(source) }, refId);
  return source.outcome === 'timeout' ? { ...result, delayMs: state.timeoutMs } : result;
}
