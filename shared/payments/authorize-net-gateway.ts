import { type AuthorizeNetClient, AuthorizeNetNoAnswerError, type AuthorizeNetResponse } from './authorize-net-client';
import {
  DUPLICATE_REASON,
  type TransactionResponse,
  cardSummary,
  chargeResultOf,
  outcomeOfTransactionStatus,
  reasonOf,
} from './authorize-net-outcome';
import { ACCEPT_DESCRIPTOR, AuthorizeNetCustomerProfiles } from './authorize-net-customer-profiles';
import { centsToDollarText, parseDollars } from '../money';
import type {
  ChargeRequest,
  ChargeResult,
  GatewayTransaction,
  PaymentGateway,
  PaymentSource,
  ReversalResult,
  StoreCardOwner,
  StoreCardResult,
} from './gateway';

/** Authorize.Net's maximum duplicate window (eight hours). */
export const MAX_DUPLICATE_WINDOW_SECONDS = 28_800;
const VOID_NOT_FOUND = '16';
const ALREADY_VOIDED = '310';
const REFUND_CRITERIA_NOT_MET = '54';
/** "Invalid OTS Token.": the token is unknown, expired or already used. */
const TOKEN_REFUSED = 'E00114';

/** The element that names the card: `payment.opaqueData` for a token, `profile` for a stored card (XSD order: payment, then profile). */
function cardElement(source: PaymentSource): Record<string, unknown> {
  if (source.kind === 'token') return { payment: { opaqueData: { dataDescriptor: ACCEPT_DESCRIPTOR, dataValue: source.token } } };
  return { profile: { customerProfileId: source.customerProfileId, paymentProfile: { paymentProfileId: source.paymentProfileId } } };
}

/** The adapter's client and settings. */
export interface AuthorizeNetGatewayOptions {
  client: AuthorizeNetClient;
  /**
   * Duplicate window sent with every charge (default eight hours, the maximum). Sending it also makes the gateway name
   * the original transaction when it refuses a duplicate, which is what reconciliation reads.
   */
  duplicateWindowSeconds?: number;
  onWarning?: (message: string, fields: Record<string, unknown>) => void;
}

/**
 * The Authorize.Net adapter. Charges take a single-use Accept token or a stored card (customer profile); cards are
 * stored from an approved charge or from a token validated in liveMode. A charge whose answer is lost is reconciled by sending the identical charge again: the
 * gateway recognises it (same invoice, amount and card within the duplicate window), refuses it as a duplicate and
 * names the original, whose state is then read. If the first submission never arrived, the second is the charge.
 * Either way exactly one transaction exists and its id is known; only when both answers are lost is the outcome
 * `unknown`, and a later identical submission still resolves it.
 */
export class AuthorizeNetGateway implements PaymentGateway {
  readonly name = 'authorize-net';
  private readonly window: number;
  private readonly profiles: AuthorizeNetCustomerProfiles;

  constructor(private readonly options: AuthorizeNetGatewayOptions) {
    this.window = Math.min(options.duplicateWindowSeconds ?? MAX_DUPLICATE_WINDOW_SECONDS, MAX_DUPLICATE_WINDOW_SECONDS);
    this.profiles = new AuthorizeNetCustomerProfiles(options.client, options.onWarning);
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    if (!Number.isSafeInteger(request.amountCents) || request.amountCents <= 0) {
      throw new Error(`Charge amount must be a positive number of cents, got ${request.amountCents}`);
    }
    if (request.invoiceNumber.length === 0 || request.invoiceNumber.length > 20) {
      throw new Error('invoiceNumber must be 1 to 20 characters');
    }
    const fields = {
      refId: request.invoiceNumber,
      transactionRequest: {
        transactionType: 'authCaptureTransaction',
        amount: centsToDollarText(request.amountCents),
        ...cardElement(request.source),
        order: { invoiceNumber: request.invoiceNumber, description: request.description.slice(0, 255) },
        transactionSettings: {
          setting: [{ settingName: 'duplicateWindow', settingValue: String(request.duplicateWindowSeconds ?? this.window) }],
        },
      },
    };
    let answer: AuthorizeNetResponse;
    try {
      answer = await this.options.client.call('createTransactionRequest', fields);
    } catch (error) {
      if (!(error instanceof AuthorizeNetNoAnswerError)) throw error;
      this.options.onWarning?.('charge answer lost; reconciling by resubmission', { invoiceNumber: request.invoiceNumber, error: error.message });
      try {
        answer = await this.options.client.call('createTransactionRequest', fields);
      } catch (again) {
        if (!(again instanceof AuthorizeNetNoAnswerError)) throw again;
        return unknownResult(`no answer to the charge or to its reconciliation: ${again.message}`);
      }
      return this.interpretCharge(answer, true);
    }
    return this.interpretCharge(answer, false);
  }

  private async interpretCharge(answer: AuthorizeNetResponse, reconciled: boolean): Promise<ChargeResult> {
    const tr = answer.transactionResponse as TransactionResponse | undefined;
    if (!tr) {
      // The resubmission found the token spent (the window had passed, or the gateway checks the token first): the
      // lost submission did reach the gateway, so "nothing was charged" would be a guess. Left to the caller to resolve.
      if (reconciled && answer.messages.message[0]?.code === TOKEN_REFUSED) return unknownResult('the resubmitted token was already spent');
      return apiErrorResult(answer);
    }
    const result = chargeResultOf(tr, reconciled);
    if (result.outcome !== 'error' || result.reasonCode !== DUPLICATE_REASON) return result;
    // A duplicate: the gateway names the original (because the duplicate window was sent); its state is the verdict.
    if (!result.transactionId) return unknownResult('duplicate submission without the original transaction id');
    let original: GatewayTransaction | null;
    try {
      original = await this.getTransaction(result.transactionId);
    } catch (error) {
      if (!(error instanceof AuthorizeNetNoAnswerError)) throw error;
      return { ...unknownResult(`duplicate of ${result.transactionId}, whose state could not be read`), transactionId: result.transactionId };
    }
    if (!original) return unknownResult(`duplicate of ${result.transactionId}, which the gateway does not know`);
    return {
      outcome: original.outcome,
      transactionId: original.transactionId,
      authCode: original.authCode,
      card: original.card ?? result.card,
      reasonCode: DUPLICATE_REASON,
      reason: `duplicate of transaction ${original.transactionId} (${original.status})`,
      reconciled: true,
    };
  }

  createProfileFromTransaction(request: StoreCardOwner & { transactionId: string }): Promise<StoreCardResult> {
    return this.profiles.fromTransaction(request);
  }

  createProfileFromToken(request: StoreCardOwner & { token: string }): Promise<StoreCardResult> {
    return this.profiles.fromToken(request);
  }

  deleteProfile(customerProfileId: string): Promise<{ ok: boolean; reason: string }> {
    return this.profiles.delete(customerProfileId);
  }

  async voidTransaction(transactionId: string): Promise<ReversalResult> {
    const fields = { transactionRequest: { transactionType: 'voidTransaction', refTransId: transactionId } };
    let answer: AuthorizeNetResponse;
    try {
      answer = await this.options.client.call('createTransactionRequest', fields);
    } catch (error) {
      if (!(error instanceof AuthorizeNetNoAnswerError)) throw error;
      // Voiding twice is harmless (the second answers "already voided"), so a lost answer is simply asked again.
      try {
        answer = await this.options.client.call('createTransactionRequest', fields);
      } catch (again) {
        if (!(again instanceof AuthorizeNetNoAnswerError)) throw again;
        return { ok: false, transactionId, reasonCode: null, reason: again.message, wrongSettlementState: false };
      }
    }
    const tr = answer.transactionResponse as TransactionResponse | undefined;
    if (!tr) return { ok: false, transactionId, ...apiReason(answer), wrongSettlementState: false };
    const { reasonCode, reason } = reasonOf(tr);
    if (tr.responseCode === '1' || reasonCode === ALREADY_VOIDED) return { ok: true, transactionId, reasonCode, reason, wrongSettlementState: false };
    if (reasonCode === VOID_NOT_FOUND) {
      // "Cannot be found" is also the answer for a transaction that has left the open batch: look before concluding.
      const current = await this.getTransaction(transactionId).catch(() => null);
      const settled = current !== null && /settled/i.test(current.status);
      return { ok: false, transactionId, reasonCode, reason, wrongSettlementState: settled };
    }
    return { ok: false, transactionId, reasonCode, reason, wrongSettlementState: false };
  }

  async refund(request: { transactionId: string; amountCents: number; cardLast4: string; invoiceNumber: string }): Promise<ReversalResult> {
    const fields = {
      refId: request.invoiceNumber,
      transactionRequest: {
        transactionType: 'refundTransaction',
        amount: centsToDollarText(request.amountCents),
        payment: { creditCard: { cardNumber: request.cardLast4, expirationDate: 'XXXX' } },
        refTransId: request.transactionId,
        order: { invoiceNumber: request.invoiceNumber },
        transactionSettings: { setting: [{ settingName: 'duplicateWindow', settingValue: String(this.window) }] },
      },
    };
    let answer: AuthorizeNetResponse;
    try {
      answer = await this.options.client.call('createTransactionRequest', fields);
    } catch (error) {
      if (!(error instanceof AuthorizeNetNoAnswerError)) throw error;
      return { ok: false, transactionId: null, reasonCode: null, reason: error.message, wrongSettlementState: false };
    }
    const tr = answer.transactionResponse as TransactionResponse | undefined;
    if (!tr) return { ok: false, transactionId: null, ...apiReason(answer), wrongSettlementState: false };
    const { reasonCode, reason } = reasonOf(tr);
    const transId = tr.transId && tr.transId !== '0' ? tr.transId : null;
    return {
      ok: tr.responseCode === '1',
      transactionId: transId,
      reasonCode,
      reason,
      wrongSettlementState: reasonCode === REFUND_CRITERIA_NOT_MET,
    };
  }

  async getTransaction(transactionId: string): Promise<GatewayTransaction | null> {
    const answer = await this.options.client.call('getTransactionDetailsRequest', { transId: transactionId });
    const transaction = answer.transaction as Record<string, any> | undefined;
    if (answer.messages.resultCode !== 'Ok' || !transaction) return null;
    const card = transaction.payment?.creditCard ?? {};
    return {
      transactionId: String(transaction.transId),
      status: String(transaction.transactionStatus ?? ''),
      outcome: outcomeOfTransactionStatus(String(transaction.transactionStatus ?? '')),
      amountCents: reportedCents(transaction.authAmount || transaction.settleAmount),
      invoiceNumber: transaction.order?.invoiceNumber ?? null,
      card: cardSummary(card.cardNumber, card.cardType),
      authCode: transaction.authCode || null,
    };
  }
}

function unknownResult(reason: string): ChargeResult {
  return { outcome: 'unknown', transactionId: null, authCode: null, card: null, reasonCode: null, reason, reconciled: false };
}

function apiReason(answer: AuthorizeNetResponse): { reasonCode: string | null; reason: string } {
  const message = answer.messages.message[0];
  return { reasonCode: message?.code ?? null, reason: message?.text ?? 'gateway error' };
}

/** An API-level refusal (bad credentials, malformed request): no transaction was created. */
function apiErrorResult(answer: AuthorizeNetResponse): ChargeResult {
  return { outcome: 'error', transactionId: null, authCode: null, card: null, ...apiReason(answer), reconciled: false };
}

/** An amount Authorize.Net reports as a JSON number or text (47.1, "47.10"), in cents; 0 when it reports none. */
function reportedCents(value: unknown): number {
  return parseDollars(typeof value === 'number' ? value.toFixed(2) : String(value ?? '0')) ?? 0;
}
