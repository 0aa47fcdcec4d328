/**
 * The payment gateway port. Cards arrive only as tokens made by the gateway's own client library (Accept.js or
 * Accept Mobile), so no card number ever enters this system; amounts are integer cents. Tokens are single-use (and
 * expire within minutes), so a card to be charged again is stored at the gateway as a profile, whose ids are kept.
 */

/** What became of a charge. */
export type ChargeOutcome =
  /** Captured: money will move at settlement. */
  | 'approved'
  /** The issuer refused the card. Nothing was charged. */
  | 'declined'
  /** The gateway's fraud filter is holding the charge for a person to review; it may still capture later. */
  | 'held_for_review'
  /** The gateway or processor failed; nothing was charged. */
  | 'error'
  /** A duplicate of an earlier submission that has since been voided: nothing is charged under this invoice. */
  | 'voided'
  /** The answer was lost (timeout, broken connection) and could not be recovered: the charge may or may not exist. */
  | 'unknown';

/** A card stored at the gateway (Authorize.Net: a customer profile and one of its payment profiles): ids, not card data. */
export interface StoredCard {
  customerProfileId: string;
  paymentProfileId: string;
}

/** What a charge is paid with: a single-use token from the payment form, or a card stored at the gateway. */
export type PaymentSource = { kind: 'token'; token: string } | ({ kind: 'profile' } & StoredCard);

/** A charge to make. */
export interface ChargeRequest {
  amountCents: number;
  /** The card: a token (which this charge spends) or a stored card. */
  source: PaymentSource;
  /**
   * Our reference for this charge (Authorize.Net's invoiceNumber, at most 20 characters). The same invoice number,
   * amount and card sent again within the duplicate window is recognised by the gateway as the same charge, which is
   * how a lost answer is recovered without charging twice.
   */
  invoiceNumber: string;
  /** Shown on the gateway's records (at most 255 characters); never personal data. */
  description: string;
  /** Overrides the adapter's duplicate window for this charge; 0 turns duplicate detection off. */
  duplicateWindowSeconds?: number;
}

/** The masked card a transaction was made with, as the gateway reports it. */
export interface CardSummary {
  last4: string;
  type: string;
}

/** The gateway's verdict on a charge. */
export interface ChargeResult {
  outcome: ChargeOutcome;
  /** The gateway's transaction id; null when no transaction exists (or none is known, for `unknown`). */
  transactionId: string | null;
  authCode: string | null;
  card: CardSummary | null;
  /** The gateway's reason code (Authorize.Net response reason code), when it gave one. */
  reasonCode: string | null;
  /** The gateway's explanation, for logs and ledgers (never shown raw to shoppers). */
  reason: string;
  /** True when the verdict was recovered after a lost answer or a duplicate submission, not read from the first answer. */
  reconciled: boolean;
}

/** The result of voiding or refunding a transaction. */
export interface ReversalResult {
  ok: boolean;
  /** The transaction that carries the reversal: the voided one itself, or the new refund transaction. */
  transactionId: string | null;
  reasonCode: string | null;
  reason: string;
  /** True when the gateway refused because the transaction has settled (void) or has not settled yet (refund). */
  wrongSettlementState: boolean;
}

/** A transaction as the gateway reports it now. */
export interface GatewayTransaction {
  transactionId: string;
  /** The gateway's status word, e.g. capturedPendingSettlement, settledSuccessfully, voided, declined. */
  status: string;
  outcome: ChargeOutcome;
  amountCents: number;
  invoiceNumber: string | null;
  card: CardSummary | null;
  authCode: string | null;
}

/** The result of storing a card: its ids (and masked card when the gateway reported it), or why it was not stored. */
export type StoreCardResult =
  | { ok: true; card: StoredCard; masked: CardSummary | null; reconciled: boolean }
  | {
      ok: false;
      /** declined: the card was refused; error: nothing was stored; unknown: the answer was lost and may have stored it. */
      outcome: 'declined' | 'error' | 'unknown';
      reasonCode: string | null;
      reason: string;
    };

/**
 * Who a stored card belongs to, as the gateway records it. `merchantCustomerId` (at most 20 characters) must be the
 * same for a retry of the same store and different otherwise: it is how a store whose answer was lost is found again.
 * Neither field may carry personal data.
 */
export interface StoreCardOwner {
  merchantCustomerId: string;
  description: string;
}

/** The payment gateway. */
export interface PaymentGateway {
  readonly name: string;
  /** Charges a token or a stored card. Never throws for a gateway verdict or a lost answer: those are outcomes. */
  charge(request: ChargeRequest): Promise<ChargeResult>;
  /** Stores the card of an approved charge for later charges (the token it was paid with cannot be charged again). */
  createProfileFromTransaction(request: StoreCardOwner & { transactionId: string }): Promise<StoreCardResult>;
  /** Stores a token's card without charging it: the gateway verifies the card with a zero-amount authorization. */
  createProfileFromToken(request: StoreCardOwner & { token: string }): Promise<StoreCardResult>;
  /** Deletes a stored card; one the gateway no longer has counts as deleted. */
  deleteProfile(customerProfileId: string): Promise<{ ok: boolean; reason: string }>;
  /** Cancels an unsettled transaction (including one held for review). */
  voidTransaction(transactionId: string): Promise<ReversalResult>;
  /** Returns money from a settled charge; the card is named by its last four digits, as the gateway requires. */
  refund(request: { transactionId: string; amountCents: number; cardLast4: string; invoiceNumber: string }): Promise<ReversalResult>;
  /** A transaction's current state, or null when the gateway does not know it. */
  getTransaction(transactionId: string): Promise<GatewayTransaction | null>;
}
