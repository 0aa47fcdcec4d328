import type { TokenOutcome } from './test-tokens';

/** Options for `startAuthorizeNetEmulator`; every field has a default, so no options are needed. */
export interface AuthorizeNetEmulatorOptions {
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** API Login ID the emulator accepts (default 'emulator-login'). */
  apiLoginId?: string;
  /** Transaction Key the emulator accepts (default 'emulator-transaction-key'). */
  transactionKey?: string;
  /** Duplicate window used when a request does not send one (default 120 s, Authorize.Net's default). */
  duplicateWindowSeconds?: number;
  /** How long a `tok_timeout` charge hangs before it answers (default 30 000 ms). */
  timeoutMs?: number;
  /** Daily batch cut-off hour in UTC (default 23, about 3 PM Pacific); unsettled transactions settle when it passes. */
  batchCutoffUtcHour?: number;
  /** Clock; inject one to move time in tests (duplicate window, settlement, ARB start dates). */
  now?: () => Date;
  /**
   * Refuse a token (opaqueData.dataValue) used before, with E00114, as the gateway refuses a spent Accept.js nonce
   * (default true). Duplicate detection runs first, so resubmitting the identical charge still names the original.
   */
  singleUseTokens?: boolean;
}

/** Settlement states as getTransactionDetails reports them (Authorize.Net's transactionStatus values). */
export type TransactionStatus =
  | 'capturedPendingSettlement'
  | 'settledSuccessfully'
  | 'refundPendingSettlement'
  | 'refundSettledSuccessfully'
  | 'voided'
  | 'declined'
  | 'generalError'
  | 'FDSPendingReview';

/** The transaction types the emulator supports. */
export type EmulatedTransactionType = 'authCaptureTransaction' | 'refundTransaction';

/** One transaction as the emulator remembers it (amounts in integer cents; never a card number). */
export interface EmulatedTransaction {
  transId: string;
  type: EmulatedTransactionType;
  amountCents: number;
  status: TransactionStatus;
  /** responseCode of the original answer: '1' approved, '2' declined, '3' error, '4' held for review. */
  responseCode: '1' | '2' | '3' | '4';
  /** Reason code of the original answer (1, 2, 19, 252, ...). */
  reasonCode: string;
  authCode: string;
  /** The opaqueData.dataValue test token the charge was made with; refunds and profile charges carry none. */
  token?: string;
  /** The test card charged (the token's name without its nonce suffix); duplicate detection compares it. */
  testCard?: string;
  /** For a charge of a stored card: the customer profile and payment profile charged. */
  customerProfileId?: string;
  customerPaymentProfileId?: string;
  invoiceNumber?: string;
  /** For a refund, the transaction it refunds. */
  refTransId?: string;
  /** Masked card as the gateway reports it, e.g. 'XXXX1111'. */
  accountNumber: string;
  accountType: string;
  createdAt: string;
  voidedAt?: string;
  settledAt?: string;
  batchId?: string;
}

/** One ARB subscription as the emulator remembers it. */
export interface EmulatedSubscription {
  subscriptionId: string;
  name?: string;
  amountCents: number;
  intervalLength: number;
  intervalUnit: 'days' | 'months';
  startDate: string;
  totalOccurrences: number;
  status: 'active' | 'canceled';
  token: string;
  invoiceNumber?: string;
  customerProfileId: string;
  customerPaymentProfileId: string;
  createdAt: string;
  canceledAt?: string;
}

/** One payment profile (a stored card) of a customer profile. */
export interface EmulatedPaymentProfile {
  customerPaymentProfileId: string;
  /** The test card stored (tok_visa_test, ...): its outcome decides what charges of this profile do. */
  testCard: string;
  /** What a charge of the profile does now; `declineProfile` turns it to 'decline' (the card stopped working). */
  outcome: TokenOutcome;
  /** Masked card as the gateway reports it, e.g. 'XXXX1111'. */
  accountNumber: string;
  accountType: string;
  /** The transaction the card was taken from, for a profile created from one. */
  sourceTransId?: string;
}

/** One customer profile (Customer Information Manager) as the emulator remembers it; never a card number. */
export interface EmulatedCustomerProfile {
  customerProfileId: string;
  merchantCustomerId?: string;
  description?: string;
  email?: string;
  paymentProfiles: EmulatedPaymentProfile[];
  /** Shipping address ids; the emulator's transactions carry no shipTo, so none are ever created. */
  shippingAddressIds: string[];
  createdAt: string;
}

/** A running emulator. */
export interface AuthorizeNetEmulator {
  /** Base URL; POST the JSON API to `${url}/xml/v1/request.api` exactly as to api.authorize.net. */
  url: string;
  /** Every transaction so far (copies; mutating them changes nothing). */
  transactions(): EmulatedTransaction[];
  /** Every subscription so far (copies). */
  subscriptions(): EmulatedSubscription[];
  /** Every customer profile that exists now (copies; a deleted profile is gone, as on the gateway). */
  profiles(): EmulatedCustomerProfile[];
  /**
   * Makes every card stored in a customer profile start declining (responseCode 2 on each later charge), to drive
   * dunning; false when no such profile exists. Also `POST /emulator/profiles/:customerProfileId/decline`.
   */
  declineProfile(customerProfileId: string): boolean;
  /** Closes the current batch now: every unsettled capture or refund settles, as if the cut-off had passed. */
  settle(): void;
  /** Stops listening and drops any request still hanging (tok_timeout). */
  close(): Promise<void>;
}
