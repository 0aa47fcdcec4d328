import { apiMessages, messagesOnly, refIdField, type ApiResult } from './api-response';
import type { EmulatorState } from './emulator-state';
import { stringAt, type JsonObject } from './json-shape';

/**
 * ARBGetSubscriptionStatusRequest { subscriptionId }. The gateway still sends the obsolete capital-S field next to
 * the current one, with a note saying so; both are reproduced so either spelling parses.
 */
export function getSubscriptionStatus(state: EmulatorState, body: JsonObject, refId: string | undefined): ApiResult {
  const subscriptionId = stringAt(body, 'subscriptionId')?.trim();
  const subscription = subscriptionId ? state.subscriptions.get(subscriptionId) : undefined;
  if (!subscription) return messagesOnly('E00035', refId);
  return {
    body: {
      note: "Status with a capital 'S' is obsolete.",
      status: subscription.status,
      statusSpecified: true,
      Status: subscription.status,
      StatusSpecified: true,
      ...refIdField(refId),
      messages: apiMessages('I00001'),
    },
  };
}
