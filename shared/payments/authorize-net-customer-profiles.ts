import { type AuthorizeNetClient, AuthorizeNetNoAnswerError, type AuthorizeNetResponse } from './authorize-net-client';
import { cardSummary } from './authorize-net-outcome';
import type { CardSummary, StoreCardOwner, StoreCardResult, StoredCard } from './gateway';

/** Accept.js and Accept Mobile tokens are sent as opaqueData with this descriptor. */
export const ACCEPT_DESCRIPTOR = 'COMMON.ACCEPT.INAPP.PAYMENT';
const DUPLICATE_RECORD = 'E00039';
const RECORD_NOT_FOUND = 'E00040';

/** An id list as the JSON API sends it (a plain array), or as its XML shape translates (`{ numericString }`). */
function idsOf(value: unknown): string[] {
  const list = (value as { numericString?: unknown } | null)?.numericString ?? value;
  if (Array.isArray(list)) return list.map(String);
  return list === undefined || list === null ? [] : [String(list)];
}

/** A string list as the JSON API sends it (a plain array), or as its XML shape translates (`{ string }`). */
function stringsOf(value: unknown): string[] {
  const list = (value as { string?: unknown } | null)?.string ?? value;
  if (Array.isArray(list)) return list.map(String);
  return typeof list === 'string' ? [list] : [];
}

/** A repeated element that arrives as one object or as an array. */
function firstOf<T>(value: T | T[] | undefined): T | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The verdict of a liveMode validation from the first entry of validationDirectResponseList: the gateway's
 * comma-delimited direct response, response code first, reason code third, reason text fourth, the masked card and
 * its brand at positions 51 and 52.
 */
export function validationVerdictOf(answer: AuthorizeNetResponse): { responseCode: string; reasonCode: string; reason: string; card: CardSummary | null } | null {
  const first = stringsOf(answer.validationDirectResponseList)[0];
  if (!first) return null;
  const fields = first.split(',');
  return { responseCode: fields[0], reasonCode: fields[2], reason: fields[3] ?? '', card: cardSummary(fields[50], fields[51]) };
}

function unknownResult(reason: string): StoreCardResult {
  return { ok: false, outcome: 'unknown', reasonCode: null, reason };
}

function apiFailure(answer: AuthorizeNetResponse): StoreCardResult {
  const message = answer.messages.message[0];
  return { ok: false, outcome: 'error', reasonCode: message?.code ?? null, reason: message?.text ?? 'gateway error' };
}

/**
 * Customer profiles (the gateway's stored cards) over Authorize.Net's JSON API. A store whose answer is lost is found
 * again by its merchantCustomerId (getCustomerProfileRequest) before it is sent a second time, and a second store that
 * the gateway refuses as a duplicate (E00039) is resolved the same way, so one store never makes two profiles.
 */
export class AuthorizeNetCustomerProfiles {
  constructor(
    private readonly client: AuthorizeNetClient,
    private readonly onWarning?: (message: string, fields: Record<string, unknown>) => void,
  ) {}

  /** createCustomerProfileFromTransactionRequest: stores the card of an approved charge in a new profile. */
  fromTransaction(request: StoreCardOwner & { transactionId: string }): Promise<StoreCardResult> {
    return this.create(
      'createCustomerProfileFromTransactionRequest',
      { transId: request.transactionId, customer: { merchantCustomerId: request.merchantCustomerId, description: request.description } },
      request.merchantCustomerId,
    );
  }

  /**
   * createCustomerProfileRequest with the token as the one payment profile, validated in liveMode (a zero-amount
   * authorization; the gateway requires liveMode for Accept tokens). A card the validation refuses is not stored.
   */
  fromToken(request: StoreCardOwner & { token: string }): Promise<StoreCardResult> {
    return this.create(
      'createCustomerProfileRequest',
      {
        profile: {
          merchantCustomerId: request.merchantCustomerId,
          description: request.description,
          paymentProfiles: { customerType: 'individual', payment: { opaqueData: { dataDescriptor: ACCEPT_DESCRIPTOR, dataValue: request.token } } },
        },
        validationMode: 'liveMode',
      },
      request.merchantCustomerId,
    );
  }

  /** deleteCustomerProfileRequest; a profile the gateway does not know (E00040) is already deleted. */
  async delete(customerProfileId: string): Promise<{ ok: boolean; reason: string }> {
    const fields = { customerProfileId };
    let answer: AuthorizeNetResponse;
    try {
      answer = await this.client.call('deleteCustomerProfileRequest', fields);
    } catch (error) {
      if (!(error instanceof AuthorizeNetNoAnswerError)) throw error;
      // Deleting twice is harmless (the second finds nothing), so a lost answer is simply asked again.
      try {
        answer = await this.client.call('deleteCustomerProfileRequest', fields);
      } catch (again) {
        if (!(again instanceof AuthorizeNetNoAnswerError)) throw again;
        return { ok: false, reason: again.message };
      }
    }
    const message = answer.messages.message[0];
    const ok = answer.messages.resultCode === 'Ok' || message?.code === RECORD_NOT_FOUND;
    return { ok, reason: message?.text ?? '' };
  }

  /** The stored card with this merchantCustomerId: found, null when there is none, or unknown when no answer came. */
  async find(merchantCustomerId: string): Promise<StoreCardResult | null> {
    let answer: AuthorizeNetResponse;
    try {
      answer = await this.client.call('getCustomerProfileRequest', { merchantCustomerId });
    } catch (error) {
      if (!(error instanceof AuthorizeNetNoAnswerError)) throw error;
      return unknownResult(`the stored card could not be looked up: ${error.message}`);
    }
    if (answer.messages.resultCode !== 'Ok') {
      return answer.messages.message[0]?.code === RECORD_NOT_FOUND ? null : unknownResult(`lookup refused: ${answer.messages.message[0]?.text ?? ''}`);
    }
    const profile = answer.profile as { customerProfileId?: unknown; paymentProfiles?: unknown } | undefined;
    const paymentProfile = firstOf(profile?.paymentProfiles as Array<Record<string, any>> | Record<string, any> | undefined);
    if (!profile?.customerProfileId || !paymentProfile?.customerPaymentProfileId) return null;
    const card: StoredCard = { customerProfileId: String(profile.customerProfileId), paymentProfileId: String(paymentProfile.customerPaymentProfileId) };
    const creditCard = paymentProfile.payment?.creditCard ?? {};
    return { ok: true, card, masked: cardSummary(creditCard.cardNumber, creditCard.cardType), reconciled: true };
  }

  private async create(method: string, fields: Record<string, unknown>, merchantCustomerId: string): Promise<StoreCardResult> {
    let answer: AuthorizeNetResponse;
    try {
      answer = await this.client.call(method, fields);
    } catch (error) {
      if (!(error instanceof AuthorizeNetNoAnswerError)) throw error;
      this.onWarning?.('stored-card answer lost; looking it up before storing again', { method, error: error.message });
      const found = await this.find(merchantCustomerId);
      if (found) return found;
      try {
        answer = await this.client.call(method, fields);
      } catch (again) {
        if (!(again instanceof AuthorizeNetNoAnswerError)) throw again;
        return unknownResult(`no answer to storing the card or to its reconciliation: ${again.message}`);
      }
    }
    return this.interpret(answer, merchantCustomerId);
  }

  private async interpret(answer: AuthorizeNetResponse, merchantCustomerId: string): Promise<StoreCardResult> {
    const verdict = validationVerdictOf(answer);
    if (answer.messages.resultCode === 'Ok') {
      const customerProfileId = answer.customerProfileId ? String(answer.customerProfileId) : '';
      const [paymentProfileId] = idsOf(answer.customerPaymentProfileIdList);
      if (!customerProfileId || !paymentProfileId) return { ok: false, outcome: 'error', reasonCode: null, reason: 'the gateway stored no card' };
      return { ok: true, card: { customerProfileId, paymentProfileId }, masked: verdict?.card ?? null, reconciled: false };
    }
    // Made by an earlier submission whose answer was lost: that profile is the one this store made.
    if (answer.messages.message[0]?.code === DUPLICATE_RECORD) return (await this.find(merchantCustomerId)) ?? apiFailure(answer);
    if (verdict && verdict.responseCode !== '1' && verdict.responseCode !== '3') {
      // Declined (2) or held by the fraud filter (4): either way the card is not accepted for later charges.
      return { ok: false, outcome: 'declined', reasonCode: verdict.reasonCode, reason: verdict.reason };
    }
    if (verdict) return { ok: false, outcome: 'error', reasonCode: verdict.reasonCode, reason: verdict.reason };
    return apiFailure(answer);
  }
}
