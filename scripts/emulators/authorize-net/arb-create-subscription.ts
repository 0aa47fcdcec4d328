import { apiMessages, messagesOnly, refIdField, type ApiResult } from './api-response';
import type { EmulatorState } from './emulator-state';
import { objectAt, stringAt, type JsonObject } from './json-shape';
import { dollarsToCents } from './money';
import { classifyPayment } from './payment-method';
import { cardForToken } from './test-tokens';
import { spendToken, tokenSpent } from './token-use';
import type { EmulatedSubscription } from './types';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// ARB accepts 7–365 days or 1–12 months between payments.
const INTERVAL_LIMITS = { days: [7, 365], months: [1, 12] } as const;

/** Today's date where the gateway runs (Mountain time), which is what ARB compares start dates against. */
function gatewayToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Denver' }).format(now);
}

/**
 * ARBCreateSubscriptionRequest: validates the schedule and payment the way ARB does and stores the subscription as
 * active. ARB charges on the schedule, not at creation, so no transaction is created here.
 */
export function createSubscription(state: EmulatorState, body: JsonObject, refId: string | undefined): ApiResult {
  const subscription = objectAt(body, 'subscription');
  const schedule = objectAt(subscription, 'paymentSchedule');
  if (Object.keys(schedule).length === 0) return messagesOnly('E00030', refId);

  const interval = objectAt(schedule, 'interval');
  const unit = stringAt(interval, 'unit');
  const length = Number(stringAt(interval, 'length'));
  if ((unit !== 'days' && unit !== 'months') || !Number.isInteger(length)) return messagesOnly('E00013', refId);
  const [minLength, maxLength] = INTERVAL_LIMITS[unit];
  if (length < minLength || length > maxLength) return messagesOnly('E00022', refId);

  const startDate = stringAt(schedule, 'startDate');
  if (!startDate) return messagesOnly('E00032', refId);
  if (!ISO_DATE.test(startDate)) return messagesOnly('E00013', refId);
  if (startDate < gatewayToday(state.now())) return messagesOnly('E00017', refId);

  const totalOccurrences = Number(stringAt(schedule, 'totalOccurrences'));
  if (!Number.isInteger(totalOccurrences) || totalOccurrences < 1) return messagesOnly('E00014', refId);

  if (subscription.amount === undefined) return messagesOnly('E00031', refId);
  const amountCents = dollarsToCents(subscription.amount);
  if (amountCents === undefined) return messagesOnly('E00013', refId);

  const payment = classifyPayment(subscription);
  if (payment.kind === 'missing') return messagesOnly('E00029', refId);
  // This system never handles card numbers: a subscription must be paid with a token.
  if (payment.kind !== 'token') return messagesOnly('E00013', refId);
  if (!cardForToken(payment.token) || tokenSpent(state, payment.token)) return messagesOnly('E00114', refId);

  const name = stringAt(subscription, 'name');
  const invoiceNumber = stringAt(objectAt(subscription, 'order'), 'invoiceNumber');
  const record: EmulatedSubscription = {
    subscriptionId: state.subscriptions.newSubscriptionId(),
    ...(name === undefined ? {} : { name }),
    amountCents,
    intervalLength: length,
    intervalUnit: unit,
    startDate,
    totalOccurrences,
    status: 'active',
    token: payment.token,
    ...(invoiceNumber === undefined ? {} : { invoiceNumber }),
    customerProfileId: state.profiles.newCustomerProfileId(),
    customerPaymentProfileId: state.profiles.newPaymentProfileId(),
    createdAt: state.now().toISOString(),
  };
  state.subscriptions.add(record);
  spendToken(state, payment.token);
  return {
    body: {
      subscriptionId: record.subscriptionId,
      profile: {
        customerProfileId: record.customerProfileId,
        customerPaymentProfileId: record.customerPaymentProfileId,
      },
      ...refIdField(refId),
      messages: apiMessages('I00001'),
    },
  };
}
