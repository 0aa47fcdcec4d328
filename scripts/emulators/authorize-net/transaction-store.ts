import { IdSequence } from './identifiers';
import type { EmulatedTransaction } from './types';

/** The emulator's memory of transactions, keyed by transId. Only ids the gateway would have issued are stored. */
export class TransactionStore {
  private readonly byId = new Map<string, EmulatedTransaction>();
  private readonly ids: IdSequence;

  constructor(seed: Date) {
    // Eleven digits, like current Authorize.Net transaction ids ("60223421156").
    this.ids = new IdSequence(60_000_000_000, 100_000_000, seed);
  }

  /** A fresh transaction id. */
  newTransId(): string {
    return this.ids.take();
  }

  /** Remembers a transaction. */
  add(transaction: EmulatedTransaction): void {
    this.byId.set(transaction.transId, transaction);
  }

  /** The live record (mutable by handlers) for an id. */
  get(transId: string): EmulatedTransaction | undefined {
    return this.byId.get(transId);
  }

  /** Live records in creation order. */
  live(): EmulatedTransaction[] {
    return [...this.byId.values()];
  }

  /** Copies for callers outside the emulator, so they cannot change its state. */
  snapshot(): EmulatedTransaction[] {
    return this.live().map((transaction) => ({ ...transaction }));
  }

  /** Cents already refunded against a charge, counting refunds that were not voided. */
  refundedCents(chargeTransId: string): number {
    return this.live()
      .filter((t) => t.type === 'refundTransaction' && t.refTransId === chargeTransId && t.status !== 'voided')
      .reduce((sum, t) => sum + t.amountCents, 0);
  }
}
