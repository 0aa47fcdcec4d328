import { messagesOnly, type ApiResult } from './api-response';
import type { EmulatorState } from './emulator-state';
import { isObject, objectAt, stringAt, type JsonObject } from './json-shape';
import { classifyPayment } from './payment-method';
import { cardForToken, type TokenOutcome } from './test-tokens';
import { rejection } from './transaction-response';

/** The card an authCaptureTransaction charges, whether sent as a token or as a stored profile. */
export interface ChargeSource {
  /** The test card (duplicate detection compares it, as the gateway compares card numbers). */
  testCard: string;
  outcome: TokenOutcome;
  accountNumber: string;
  accountType: string;
  /** The token, when the card was sent as one (single-use: spent by the charge). */
  token?: string;
  customerProfileId?: string;
  customerPaymentProfileId?: string;
}

/** The source, or the answer that refuses the request before any transaction exists. */
export type ChargeSourceResult = { source: ChargeSource } | { refusal: ApiResult };

/**
 * Reads what a charge is paid with: `payment.opaqueData` (a test token) or
 * `profile { customerProfileId, paymentProfile { paymentProfileId } }` (a stored card; without a paymentProfileId the
 * profile's default one). Both at once is E00090; an unknown profile or payment profile E00040; a profile without a
 * default payment profile E00121. Card data in any other form is refused (155) before it is looked at further.
 */
export function chargeSourceOf(state: EmulatorState, request: JsonObject, refId: string | undefined): ChargeSourceResult {
  const payment = classifyPayment(request);
  if (isObject(request.profile)) {
    if (payment.kind !== 'missing') return { refusal: messagesOnly('E00090', refId) };
    const element = objectAt(request, 'profile');
    const customerProfileId = stringAt(element, 'customerProfileId')?.trim();
    if (!customerProfileId) return { refusal: messagesOnly('E00014', refId) };
    const profile = state.profiles.get(customerProfileId);
    if (!profile) return { refusal: messagesOnly('E00040', refId) };
    const paymentProfileId = stringAt(objectAt(element, 'paymentProfile'), 'paymentProfileId')?.trim();
    const stored = state.profiles.paymentProfile(profile, paymentProfileId || undefined);
    if (!stored) return { refusal: messagesOnly(paymentProfileId ? 'E00040' : 'E00121', refId) };
    return {
      source: {
        testCard: stored.testCard,
        outcome: stored.outcome,
        accountNumber: stored.accountNumber,
        accountType: stored.accountType,
        customerProfileId: profile.customerProfileId,
        customerPaymentProfileId: stored.customerPaymentProfileId,
      },
    };
  }
  if (payment.kind === 'cardNumber' || payment.kind === 'lastFour' || payment.kind === 'unsupported') {
    return { refusal: rejection('155', refId) };
  }
  if (payment.kind !== 'token') return { refusal: rejection('153', refId) };
  const card = cardForToken(payment.token);
  if (!card) return { refusal: rejection('153', refId) };
  return {
    source: {
      testCard: card.name,
      outcome: card.outcome,
      accountNumber: card.accountNumber,
      accountType: card.accountType,
      token: payment.token,
    },
  };
}
