import { messagesOnly, type ApiResult } from './api-response';
import { authCapture } from './auth-capture';
import type { EmulatorState } from './emulator-state';
import { objectAt, stringAt, type JsonObject } from './json-shape';
import { refundTransaction } from './refund-transaction';
import { voidTransaction } from './void-transaction';

type TransactionHandler = (state: EmulatorState, request: JsonObject, refId: string | undefined) => ApiResult;

const HANDLERS: Readonly<Record<string, TransactionHandler>> = {
  authCaptureTransaction: authCapture,
  voidTransaction,
  refundTransaction,
};

/** createTransactionRequest: dispatches on transactionRequest.transactionType. */
export function createTransaction(state: EmulatorState, body: JsonObject, refId: string | undefined): ApiResult {
  const request = objectAt(body, 'transactionRequest');
  const type = stringAt(request, 'transactionType');
  // authOnly, priorAuthCapture and the rest are real types this system does not use, so the emulator lacks them.
  if (type === undefined || !Object.hasOwn(HANDLERS, type)) return messagesOnly('E00060', refId);
  return HANDLERS[type](state, request, refId);
}
