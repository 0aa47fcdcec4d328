import { apiMessages, messagesOnly, refIdField, type ApiResult } from './api-response';
import type { EmulatorState } from './emulator-state';
import { stringAt, type JsonObject } from './json-shape';
import { centsToDollars } from './money';
import { REASONS, type ReasonCode } from './response-codes';
import type { EmulatedTransaction, TransactionStatus } from './types';

// Money that actually moves at settlement; declined, errored, voided and held transactions settle nothing.
const SETTLING: ReadonlySet<TransactionStatus> = new Set<TransactionStatus>([
  'capturedPendingSettlement',
  'settledSuccessfully',
  'refundPendingSettlement',
  'refundSettledSuccessfully',
]);

function reasonDescription(transaction: EmulatedTransaction): string {
  return REASONS[transaction.reasonCode as ReasonCode] ?? '';
}

/** The `transaction` element of getTransactionDetailsResponse, amounts in dollars as JSON numbers. */
export function transactionDetails(transaction: EmulatedTransaction): JsonObject {
  const dollars = centsToDollars(transaction.amountCents);
  return {
    transId: transaction.transId,
    ...(transaction.refTransId ? { refTransId: transaction.refTransId } : {}),
    submitTimeUTC: transaction.createdAt,
    transactionType: transaction.type,
    transactionStatus: transaction.status,
    responseCode: Number(transaction.responseCode),
    responseReasonCode: Number(transaction.reasonCode),
    responseReasonDescription: reasonDescription(transaction),
    authCode: transaction.authCode,
    AVSResponse: transaction.type === 'refundTransaction' ? 'P' : 'Y',
    ...(transaction.status === 'FDSPendingReview' ? { FDSFilterAction: 'hold' } : {}),
    ...(transaction.batchId && transaction.settledAt
      ? {
          batch: {
            batchId: transaction.batchId,
            settlementTimeUTC: transaction.settledAt,
            settlementState: 'settledSuccessfully',
          },
        }
      : {}),
    ...(transaction.invoiceNumber ? { order: { invoiceNumber: transaction.invoiceNumber } } : {}),
    authAmount: transaction.responseCode === '1' ? dollars : 0,
    settleAmount: SETTLING.has(transaction.status) ? dollars : 0,
    taxExempt: false,
    payment: {
      creditCard: { cardNumber: transaction.accountNumber, expirationDate: 'XXXX', cardType: transaction.accountType },
    },
    // A charge of a stored card names the profile it was taken from.
    ...(transaction.customerProfileId
      ? {
          profile: {
            customerProfileId: transaction.customerProfileId,
            customerPaymentProfileId: transaction.customerPaymentProfileId,
          },
        }
      : {}),
    recurringBilling: false,
    marketType: 'eCommerce',
    product: 'Card Not Present',
  };
}

/** getTransactionDetailsRequest { transId }: the transaction's current state; E00040 for an unknown id. */
export function getTransactionDetails(state: EmulatorState, body: JsonObject, refId: string | undefined): ApiResult {
  const transId = stringAt(body, 'transId')?.trim();
  if (!transId) return messagesOnly('E00014', refId);
  const transaction = state.transactions.get(transId);
  if (!transaction) return messagesOnly('E00040', refId);
  return {
    body: { transaction: transactionDetails(transaction), ...refIdField(refId), messages: apiMessages('I00001') },
  };
}
