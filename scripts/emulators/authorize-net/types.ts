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
  /** The opaqueData.dataValue test token the charge was made with; refunds carry none. */
  token?: string;
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

/** A running emulator. */
export interface AuthorizeNetEmulator {
  /** Base URL; POST the JSON API to `${url}/xml/v1/request.api` exactly as to api.authorize.net. */
  url: string;
  /** Every transaction so far (copies; mutating them changes nothing). */
  transactions(): EmulatedTransaction[];
  /** Every subscription so far (copies). */
  subscriptions(): EmulatedSubscription[];
  /** Closes the current batch now: every unsettled capture or refund settles, as if the cut-off had passed. */
  settle(): void;
  /** Stops listening and drops any request still hanging (tok_timeout). */
  close(): Promise<void>;
}
