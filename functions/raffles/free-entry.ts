import { randomBytes } from 'node:crypto';
import { requireAgeVerified } from '@shared/age-check/require-age-verified';
import { HttpError } from '@shared/http/errors';
import type { Runtime } from '@shared/runtime';
import { type Entry, entryRefOf, recordEntryStep } from './entry-store';
import { requireEntriesOpen } from './entry-window';
import { sendRaffleNotice, ticketNumbers } from './raffle-notices';
import { requireRaffle } from './raffle-store';
import { releaseTickets, reserveTickets } from './ticket-pool';

/**
 * Enters a customer into a sweepstakes for free: open for entries, 21+ verified, one entry per customer (a second is
 * 409 ALREADY_ENTERED, also for a retry whose first answer was lost: the entry stands).
 * A charitable raffle has no free entry (403 FREE_ENTRY_NOT_OFFERED).
 */
export async function enterForFree(rt: Runtime, input: { raffleId: string; customerId: string; email?: string }): Promise<Entry> {
  const raffle = await requireRaffle(rt, input.raffleId);
  if (raffle.kind !== 'sweepstakes') {
    throw new HttpError(403, 'FREE_ENTRY_NOT_OFFERED', 'This is a charitable raffle: tickets are sold, there is no free entry');
  }
  requireEntriesOpen(raffle, rt.clock.now());
  await requireAgeVerified(rt, input.customerId);
  const entryId = `ent_${randomBytes(12).toString('hex')}`;
  let range: { first: number; last: number };
  try {
    range = await reserveTickets(rt, { raffleId: raffle.raffle_id, entryId, customerId: input.customerId, count: 1, cap: raffle.max_tickets, perCustomer: raffle.max_tickets_per_customer });
  } catch (error) {
    if (error instanceof HttpError && error.code === 'TICKET_LIMIT_REACHED') {
      throw new HttpError(409, 'ALREADY_ENTERED', 'One free entry per customer: you have already entered', { details: { limit: raffle.max_tickets_per_customer } });
    }
    throw error;
  }
  const entry: Omit<Entry, 'status' | 'occurredAt'> = {
    entryId,
    raffleId: raffle.raffle_id,
    customerId: input.customerId,
    entryRef: await entryRefOf(rt, entryId),
    method: 'free',
    firstTicket: range.first,
    lastTicket: range.last,
    amountCents: 0,
    paymentId: null,
  };
  try {
    await recordEntryStep(rt, entry, 'confirmed');
  } catch (error) {
    await releaseTickets(rt, raffle.raffle_id, entryId).catch(() => undefined);
    throw new HttpError(503, 'ENTRY_NOT_RECORDED', 'The entry cannot be recorded right now; please try again', { cause: error });
  }
  await sendRaffleNotice(rt, {
    kind: 'raffle-entry-confirmed',
    customerId: input.customerId,
    dedupeKey: `raffle-entry-confirmed:${entryId}`,
    email: input.email,
    data: { raffleId: raffle.raffle_id, raffleTitle: raffle.title, ticketNumbers: ticketNumbers(range.first, range.last), amountCents: 0, drawAt: raffle.draw_at },
  });
  return { ...entry, status: 'confirmed', occurredAt: rt.clock.now().toISOString() };
}
