import { HttpError } from '@shared/http/errors';
import type { Runtime } from '@shared/runtime';
import { raffleStatus, type RaffleRow } from './raffle-record';
import { changeOf, recordRaffleEvent, requireRaffle } from './raffle-store';
import { refundOwed } from './refunds';

/**
 * Cancels a raffle that has not been drawn and refunds every paid entry (void before settlement, refund after). Safe
 * to repeat: cancelling a cancelled raffle retries the refunds still owed. Refunds that fail stay owed; the
 * raffle-refunds job retries them until none is left.
 */
export async function cancelRaffle(rt: Runtime, raffleId: string, reason: string, actor: string): Promise<{ raffle: RaffleRow; refunded: number; owed: number; owedCents: number }> {
  let raffle = await requireRaffle(rt, raffleId);
  const status = raffleStatus(raffle, rt.clock.now());
  if (status === 'drawn') throw new HttpError(409, 'RAFFLE_DRAWN', 'A drawn raffle cannot be cancelled');
  if (status !== 'cancelled') raffle = await recordRaffleEvent(rt, raffle, changeOf(raffle, { event_type: 'cancelled', cancel_reason: reason, actor }));
  const refunds = await refundOwed(rt, raffle);
  if (refunds.owed > 0) rt.log.warn('raffle refunds still owed after cancel', { raffleId, owed: refunds.owed });
  return { raffle, ...refunds };
}
