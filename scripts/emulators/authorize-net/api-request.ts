import { messagesOnly, type ApiResult } from './api-response';
import { cancelSubscription } from './arb-cancel-subscription';
import { createSubscription } from './arb-create-subscription';
import { getSubscriptionStatus } from './arb-subscription-status';
import { createCustomerProfile } from './create-customer-profile';
import { createProfileFromTransaction } from './create-profile-from-transaction';
import { createTransaction } from './create-transaction';
import { deleteCustomerProfile } from './delete-customer-profile';
import { settleDueTransactions, type EmulatorState } from './emulator-state';
import { getCustomerProfile } from './get-customer-profile';
import { isObject, objectAt, stringAt, type JsonObject } from './json-shape';
import { getTransactionDetails } from './transaction-details';

type MethodHandler = (state: EmulatorState, body: JsonObject, refId: string | undefined) => ApiResult;

/** API methods the emulator implements, by the request's root element name. */
const METHODS: Readonly<Record<string, MethodHandler>> = {
  authenticateTestRequest: (_state, _body, refId) => messagesOnly('I00001', refId),
  createTransactionRequest: createTransaction,
  getTransactionDetailsRequest: getTransactionDetails,
  ARBCreateSubscriptionRequest: createSubscription,
  ARBCancelSubscriptionRequest: cancelSubscription,
  ARBGetSubscriptionStatusRequest: getSubscriptionStatus,
  createCustomerProfileRequest: createCustomerProfile,
  createCustomerProfileFromTransactionRequest: createProfileFromTransaction,
  getCustomerProfileRequest: getCustomerProfile,
  deleteCustomerProfileRequest: deleteCustomerProfile,
};

function parse(rawBody: string): unknown {
  try {
    // Tolerate a client that echoes the gateway's byte-order mark back.
    return JSON.parse(rawBody.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
}

function authenticated(state: EmulatorState, body: JsonObject): boolean {
  const credentials = objectAt(body, 'merchantAuthentication');
  return (
    stringAt(credentials, 'name') === state.apiLoginId &&
    stringAt(credentials, 'transactionKey') === state.transactionKey
  );
}

/**
 * Handles one POST to /xml/v1/request.api: a JSON object with a single root element naming the API method, whose
 * value carries merchantAuthentication, an optional refId and the method's fields.
 */
export function handleApiRequest(state: EmulatorState, rawBody: string): ApiResult {
  const parsed = parse(rawBody);
  if (!isObject(parsed) || Object.keys(parsed).length !== 1) return messagesOnly('E00003', undefined);
  const [methodName] = Object.keys(parsed);
  const body = objectAt(parsed, methodName);
  const refId = stringAt(body, 'refId');
  if (!Object.hasOwn(METHODS, methodName)) return messagesOnly('E00004', refId);
  if (!authenticated(state, body)) return messagesOnly('E00007', refId);

  // Batches close on the clock, so bring settlement up to date before answering anything.
  settleDueTransactions(state);
  return METHODS[methodName](state, body, refId);
}
