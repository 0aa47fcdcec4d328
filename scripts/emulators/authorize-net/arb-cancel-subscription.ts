import { messagesOnly, type ApiResult } from './api-response';
import type { EmulatorState } from './emulator-state';
import { stringAt, type JsonObject } from './json-shape';

/**
 * ARBCancelSubscriptionRequest { subscriptionId }. Cancelling twice is not an error on the gateway: the second call
 * answers Ok with I00002, so a retried cancel is safe.
 */
export function cancelSubscription(state: EmulatorState, body: JsonObject, refId: string | undefined): ApiResult {
  const subscriptionId = stringAt(body, 'subscriptionId')?.trim();
  const subscription = subscriptionId ? state.subscriptions.get(subscriptionId) : undefined;
  if (!subscription) return messagesOnly('E00035', refId);
  if (subscription.status === 'canceled') return messagesOnly('I00002', refId);
  subscription.status = 'canceled';
  subscription.canceledAt = state.now().toISOString();
  return messagesOnly('I00001', refId);
}
