import { HttpError } from '@shared/http/errors';
import { type RaffleRow, raffleStatus } from './raffle-record';

/** Refuses an entry unless the raffle is open now: 409 ENTRIES_NOT_OPEN, ENTRIES_CLOSED, RAFFLE_DRAWN or RAFFLE_CANCELLED. */
export function requireEntriesOpen(raffle: RaffleRow, now: Date): void {
  const status = raffleStatus(raffle, now);
  const details = { status, entriesOpenAt: raffle.entries_open_at, entriesCloseAt: raffle.entries_close_at };
  switch (status) {
    case 'open':
      return;
    case 'scheduled':
      throw new HttpError(409, 'ENTRIES_NOT_OPEN', `Entries open at ${raffle.entries_open_at}`, { details });
    case 'closed':
      throw new HttpError(409, 'ENTRIES_CLOSED', `Entries closed at ${raffle.entries_close_at}`, { details });
    case 'drawn':
      throw new HttpError(409, 'RAFFLE_DRAWN', 'This raffle has been drawn', { details });
    case 'cancelled':
      throw new HttpError(409, 'RAFFLE_CANCELLED', 'This raffle was cancelled', { details });
  }
}
