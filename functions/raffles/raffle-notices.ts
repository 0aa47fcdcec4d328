import { type Notice, notify } from '@shared/notify/outbox';
import type { Runtime } from '@shared/runtime';

/** A raffle notice: one of the notice kinds (shared/notify/notice-kinds.ts) that raffles send. */
export type RaffleNotice = Extract<Notice, { kind: 'raffle-entry-confirmed' | 'raffle-winner' | 'raffle-runner-up' | 'raffle-refund' }>;

/**
 * Queues a raffle notice in the outbox, once per dedupe key, with the address the customer gave with the purchase
 * (sealed by the outbox) when there is one. Never fails the caller: the sale or draw stands, and a lost notice is logged.
 */
export async function sendRaffleNotice(rt: Runtime, notice: RaffleNotice): Promise<void> {
  try {
    await notify(rt, notice);
  } catch (error) {
    rt.log.error('raffle notice not queued', { kind: notice.kind, dedupeKey: notice.dedupeKey, error });
  }
}

/** Ticket numbers first…last. */
export function ticketNumbers(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
