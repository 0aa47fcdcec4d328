import { apiMessages, messagesOnly, refIdField, type ApiResult } from './api-response';
import {
  createdProfileResult,
  hasIdentity,
  MAX_MERCHANT_CUSTOMER_ID_LENGTH,
  newProfile,
  profileIdentityOf,
} from './customer-profile-response';
import type { EmulatorState } from './emulator-state';
import { newAuthCode } from './identifiers';
import { listAt, objectAt, stringAt, type JsonObject } from './json-shape';
import { classifyPayment } from './payment-method';
import { duplicateRecordText } from './response-codes';
import { cardForToken, type TestCard } from './test-tokens';
import { spendToken, tokenSpent } from './token-use';
import { validationDirectResponse, type ValidationVerdict } from './validation-direct-response';

function verdictFor(card: TestCard): ValidationVerdict {
  const masked = { accountNumber: card.accountNumber, accountType: card.accountType };
  switch (card.outcome) {
    case 'approve':
    case 'timeout':
      return { responseCode: '1', reason: '1', authCode: newAuthCode(), ...masked };
    case 'decline':
      return { responseCode: '2', reason: '2', authCode: '', ...masked };
    case 'error':
      return { responseCode: '3', reason: '19', authCode: '', ...masked };
    case 'review':
      return { responseCode: '4', reason: '252', authCode: '', ...masked };
  }
}

/**
 * createCustomerProfileRequest { profile { merchantCustomerId, description, email, paymentProfiles [{ payment {
 * opaqueData } }] }, validationMode }: stores cards sent as tokens, after validating each in liveMode (a zero-amount
 * authorization the gateway voids at once; the gateway requires liveMode for Accept tokens, E00141). If any card is
 * not approved the answer is E00027 with the validation results and no profile is made; the tokens are spent
 * either way. A card number is refused (E00013): this system never sends one.
 *
 * Refusals: no identifying field E00041; merchantCustomerId over 20 characters E00015; a duplicate of an existing
 * profile E00039 (checked before any token is looked at, so a resubmission after a lost answer finds the first
 * profile); an unknown or spent token E00114.
 */
export function createCustomerProfile(state: EmulatorState, body: JsonObject, refId: string | undefined): ApiResult {
  const element = objectAt(body, 'profile');
  const identity = profileIdentityOf(element);
  if (!hasIdentity(identity)) return messagesOnly('E00041', refId);
  if ((identity.merchantCustomerId?.length ?? 0) > MAX_MERCHANT_CUSTOMER_ID_LENGTH) return messagesOnly('E00015', refId);
  const duplicate = state.profiles.duplicateOf(identity);
  if (duplicate) return messagesOnly('E00039', refId, duplicateRecordText(duplicate.customerProfileId));

  const liveMode = stringAt(body, 'validationMode') === 'liveMode';
  const cards: Array<{ token: string; card: TestCard }> = [];
  for (const paymentProfile of listAt(element, 'paymentProfiles')) {
    const payment = classifyPayment(paymentProfile);
    if (payment.kind === 'missing' || payment.kind === 'invalid') return messagesOnly('E00029', refId);
    if (payment.kind !== 'token') return messagesOnly('E00013', refId);
    if (!liveMode) return messagesOnly('E00141', refId);
    const card = cardForToken(payment.token);
    if (!card || tokenSpent(state, payment.token)) return messagesOnly('E00114', refId);
    cards.push({ token: payment.token, card });
  }

  const verdicts = cards.map(({ token, card }) => {
    spendToken(state, token);
    return verdictFor(card);
  });
  const validations = verdicts.map(validationDirectResponse);
  const delayMs = cards.some(({ card }) => card.outcome === 'timeout') ? state.timeoutMs : undefined;
  if (verdicts.some((verdict) => verdict.responseCode !== '1')) {
    return {
      body: { validationDirectResponseList: validations, ...refIdField(refId), messages: apiMessages('E00027') },
      ...(delayMs === undefined ? {} : { delayMs }),
    };
  }

  const profile = newProfile(state, identity);
  for (const { card } of cards) {
    profile.paymentProfiles.push({
      customerPaymentProfileId: state.profiles.newPaymentProfileId(),
      testCard: card.name,
      outcome: card.outcome,
      accountNumber: card.accountNumber,
      accountType: card.accountType,
    });
  }
  // Stored before any delay, like a charge: the profile exists even if the caller gives up waiting.
  state.profiles.add(profile);
  const ids = profile.paymentProfiles.map((p) => p.customerPaymentProfileId);
  const result = createdProfileResult(profile, ids, validations, refId);
  return delayMs === undefined ? result : { ...result, delayMs };
}
