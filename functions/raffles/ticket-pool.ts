import { HttpError } from '@shared/http/errors';
import type { PoolTakeResult } from '@shared/kv/number-pool';
import type { Runtime } from '@shared/runtime';
import { entriesOf } from './entry-store';

/** The kv key of a raffle's ticket pool. */
export function ticketPoolKey(raffleId: string): string {
  return `raffle:tickets:${raffleId}`;
}

/**
 * Creates a raffle's pool from the ledger unless it exists: every entry still holding tickets (reserved or confirmed)
 * keeps its numbers, numbers given back are free, and the counter continues after the highest number held.
 */
export async function seedTicketPool(rt: Runtime, raffleId: string): Promise<void> {
  const holding = await entriesOf(rt, raffleId, { statuses: ['reserved', 'confirmed'] });
  const claims = holding.map((e) => ({ claim: e.entryId, holder: e.customerId, first: e.firstTicket, last: e.lastTicket }));
  const issued = claims.reduce((max, c) => Math.max(max, c.last), 0);
  const created = await rt.kv.seedNumbers(ticketPoolKey(raffleId), { issued, claims });
  if (created && claims.length > 0) rt.log.warn('raffle ticket pool rebuilt from the ledger', { raffleId, issued, entries: claims.length });
}

/** What a reservation asks for. */
export interface TicketRequest {
  raffleId: string;
  entryId: string;
  customerId: string;
  count: number;
  cap: number;
  perCustomer: number;
}

/**
 * Reserves contiguous ticket numbers atomically under the cap and the customer's limit; the same entry gets its
 * numbers again. A pool missing from kv (evicted, flushed) is rebuilt from the ledger first. Refusals: 409 SOLD_OUT
 * (with how many remain), 409 TICKET_LIMIT_REACHED (with how many the customer holds).
 */
export async function reserveTickets(rt: Runtime, request: TicketRequest): Promise<{ first: number; last: number }> {
  const take = { claim: request.entryId, holder: request.customerId, count: request.count, cap: request.cap, holderLimit: request.perCustomer };
  let result: PoolTakeResult = await rt.kv.takeNumbers(ticketPoolKey(request.raffleId), take);
  if (result.status === 'missing') {
    await seedTicketPool(rt, request.raffleId);
    result = await rt.kv.takeNumbers(ticketPoolKey(request.raffleId), take);
  }
  switch (result.status) {
    case 'taken':
      return { first: result.first, last: result.last };
    case 'sold_out':
      throw new HttpError(409, 'SOLD_OUT', result.available === 0 ? 'Every ticket is taken' : `Only ${result.available} tickets are left, not ${request.count} in a row`, {
        details: { available: result.available },
      });
    case 'holder_limit':
      throw new HttpError(409, 'TICKET_LIMIT_REACHED', `At most ${request.perCustomer} per customer; you hold ${result.held}`, {
        details: { held: result.held, limit: request.perCustomer },
      });
    default:
      throw new HttpError(503, 'TICKETS_UNAVAILABLE', 'Tickets cannot be reserved right now; please try again');
  }
}

/** Gives an entry's numbers back to the pool. */
export async function releaseTickets(rt: Runtime, raffleId: string, entryId: string): Promise<void> {
  await rt.kv.returnNumbers(ticketPoolKey(raffleId), entryId);
}
