/**
 * The payment gateway port. Cards arrive only as tokens made by the gateway's own client library (Accept.js or
 * Accept Mobile), so no card number ever enters this system; amounts are integer cents.
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

/** A charge to make with a card token. */
export interface ChargeRequest {
  amountCents: number;
  /** The opaque card token from the gateway's client library. */
  token: string;
  /**
   * Our reference for this charge (Authorize.Net's invoiceNumber, at most 20 characters). The same invoice number,
   * amount and token sent again within the duplicate window is recognised by the gateway as the same charge, which is
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

/** The payment gateway. */
export interface PaymentGateway {
  readonly name: string;
  /** Charges a token. Never throws for a gateway verdict or a lost answer: those are outcomes. */
  charge(request: ChargeRequest): Promise<ChargeResult>;
  /** Cancels an unsettled transaction (including one held for review). */
  voidTransaction(transactionId: string): Promise<ReversalResult>;
  /** Returns money from a settled charge; the card is named by its last four digits, as the gateway requires. */
  refund(request: { transactionId: string; amountCents: number; cardLast4: string; invoiceNumber: string }): Promise<ReversalResult>;
  /** A transaction's current state, or null when the gateway does not know it. */
  getTransaction(transactionId: string): Promise<GatewayTransaction | null>;
}
