import { ProfileStore } from './profile-store';
import { Settlement } from './settlement';
import { SubscriptionStore } from './subscription-store';
import { TransactionStore } from './transaction-store';
import type { AuthorizeNetEmulatorOptions } from './types';

/** Everything a request handler needs: configuration, the clock and the emulator's memory. */
export interface EmulatorState {
  readonly apiLoginId: string;
  readonly transactionKey: string;
  readonly duplicateWindowSeconds: number;
  readonly timeoutMs: number;
  readonly now: () => Date;
  /** Whether a token is refused once used (see token-use.ts). */
  readonly singleUseTokens: boolean;
  /** Tokens that have reached a card network. */
  readonly spentTokens: Set<string>;
  readonly transactions: TransactionStore;
  readonly subscriptions: SubscriptionStore;
  readonly profiles: ProfileStore;
  readonly settlement: Settlement;
}

/** Builds the state for one emulator from its options, applying the documented defaults. */
export function createEmulatorState(options: AuthorizeNetEmulatorOptions = {}): EmulatorState {
  const now = options.now ?? (() => new Date());
  const seed = now();
  return {
    apiLoginId: options.apiLoginId ?? 'emulator-login',
    transactionKey: options.transactionKey ?? 'emulator-transaction-key',
    duplicateWindowSeconds: options.duplicateWindowSeconds ?? 120,
    timeoutMs: options.timeoutMs ?? 30_000,
    now,
    singleUseTokens: options.singleUseTokens ?? true,
    spentTokens: new Set(),
    transactions: new TransactionStore(seed),
    subscriptions: new SubscriptionStore(seed),
    profiles: new ProfileStore(seed),
    settlement: new Settlement(options.batchCutoffUtcHour ?? 23, seed),
  };
}

/** Settles whatever the clock says has reached its batch cut-off; call before reading or changing transactions. */
export function settleDueTransactions(state: EmulatorState): void {
  state.settlement.settleDue(state.transactions.live(), state.now());
}

/** Makes every card of a customer profile decline from now on (the issuer stopped honouring it); false if unknown. */
export function declineStoredCards(state: EmulatorState, customerProfileId: string): boolean {
  const profile = state.profiles.get(customerProfileId);
  if (!profile) return false;
  for (const paymentProfile of profile.paymentProfiles) paymentProfile.outcome = 'decline';
  return true;
}
