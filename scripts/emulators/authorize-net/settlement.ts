import { IdSequence } from './identifiers';
import type { EmulatedTransaction, TransactionStatus } from './types';

const SETTLES_TO: Partial<Record<TransactionStatus, TransactionStatus>> = {
  capturedPendingSettlement: 'settledSuccessfully',
  refundPendingSettlement: 'refundSettledSuccessfully',
};

/** The first daily cut-off strictly after `instant`. */
export function nextCutoffAfter(instant: Date, cutoffUtcHour: number): Date {
  const cutoff = new Date(instant.getTime());
  cutoff.setUTCHours(cutoffUtcHour, 0, 0, 0);
  if (cutoff.getTime() <= instant.getTime()) cutoff.setUTCDate(cutoff.getUTCDate() + 1);
  return cutoff;
}

/**
 * Daily batch settlement. The gateway settles captures and refunds once a day at the merchant's cut-off; until then
 * they can only be voided, and afterwards only refunded. Transactions held for review never settle on their own.
 */
export class Settlement {
  private readonly batchIds: IdSequence;
  private readonly batchIdByCutoff = new Map<number, string>();

  constructor(
    private readonly cutoffUtcHour: number,
    seed: Date,
  ) {
    this.batchIds = new IdSequence(10_000_000, 1_000_000, seed);
  }

  /** Settles every pending transaction whose cut-off has passed by `now`; returns how many settled. */
  settleDue(transactions: EmulatedTransaction[], now: Date): number {
    let settled = 0;
    for (const transaction of transactions) {
      const cutoff = nextCutoffAfter(new Date(transaction.createdAt), this.cutoffUtcHour);
      if (cutoff.getTime() <= now.getTime() && this.settleOne(transaction, cutoff)) settled += 1;
    }
    return settled;
  }

  /** Closes the batch now: every pending transaction settles at `now`; returns how many settled. */
  settleAll(transactions: EmulatedTransaction[], now: Date): number {
    return transactions.filter((transaction) => this.settleOne(transaction, now)).length;
  }

  private settleOne(transaction: EmulatedTransaction, at: Date): boolean {
    const settledStatus = SETTLES_TO[transaction.status];
    if (!settledStatus) return false;
    transaction.status = settledStatus;
    transaction.settledAt = at.toISOString();
    transaction.batchId = this.batchIdFor(at);
    return true;
  }

  private batchIdFor(at: Date): string {
    const key = at.getTime();
    let batchId = this.batchIdByCutoff.get(key);
    if (!batchId) {
      batchId = this.batchIds.take();
      this.batchIdByCutoff.set(key, batchId);
    }
    return batchId;
  }
}
