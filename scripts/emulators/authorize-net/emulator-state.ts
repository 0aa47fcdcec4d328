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
  readonly transactions: TransactionStore;
  readonly subscriptions: SubscriptionStore;
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
    transactions: new TransactionStore(seed),
    subscriptions: new SubscriptionStore(seed),
    settlement: new Settlement(options.batchCutoffUtcHour ?? 23, seed),
  };
}

/** Settles whatever the clock says has reached its batch cut-off; call before reading or changing transactions. */
export function settleDueTransactions(state: EmulatorState): void {
  state.settlement.settleDue(state.transactions.live(), state.now());
}
