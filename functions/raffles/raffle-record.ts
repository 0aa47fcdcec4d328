import { centsToDollars } from '@shared/money';
import type { raffleEvents } from '@shared/warehouse/schema/raffles';

/** A raffle ledger row: the whole record after one change. */
export type RaffleRow = typeof raffleEvents.row;
/** What a change sets (the ledger adds the event id, sequence and time). */
export type RaffleChange = Omit<RaffleRow, 'event_id' | 'seq' | 'occurred_at'>;

/** Where a draw stands: from the clock until it is drawn or cancelled. */
export type RaffleStatus = 'scheduled' | 'open' | 'closed' | 'drawn' | 'cancelled';

/** A pick as recorded: a ticket and its entry's opaque reference. */
export interface RecordedPick {
  ticketNumber: number;
  entryRef: string;
}

/** The recorded picks of a drawn raffle. */
export interface RecordedPicks {
  winners: RecordedPick[];
  runnersUp: RecordedPick[];
}

/** The status of a raffle at `now`. */
export function raffleStatus(row: RaffleRow, now: Date): RaffleStatus {
  if (row.event_type === 'cancelled' || row.cancel_reason !== null) return 'cancelled';
  if (row.seed_hex !== null) return 'drawn';
  if (now.getTime() < Date.parse(row.entries_open_at)) return 'scheduled';
  if (now.getTime() < Date.parse(row.entries_close_at)) return 'open';
  return 'closed';
}

/** The odds disclosure, from the cap: one ticket's chance of winning when every ticket is sold. */
export function oddsDisclosure(row: Pick<RaffleRow, 'kind' | 'max_tickets' | 'winners'>): string {
  const unit = row.kind === 'sweepstakes' ? 'entry' : 'ticket';
  const prizes = row.winners === 1 ? 'the prize' : `one of ${row.winners} prizes`;
  return `Odds of winning ${prizes} depend on the number of eligible entries received; with all ${row.max_tickets} ${unit === 'entry' ? 'entries' : 'tickets'} taken, each ${unit} has a ${row.winners} in ${row.max_tickets} chance.`;
}

/** The public view of a raffle (no seed before the draw; the commitment and announced round always). */
export function raffleJson(row: RaffleRow, now: Date) {
  const picks = (row.picks as RecordedPicks | null) ?? null;
  return {
    id: row.raffle_id,
    kind: row.kind,
    jurisdiction: row.jurisdiction,
    title: row.title,
    prizeDescription: row.prize_description,
    prizeValue: centsToDollars(row.prize_value_cents),
    prizeKind: row.prize_kind,
    ticketPrice: row.ticket_price_cents === null ? null : centsToDollars(row.ticket_price_cents),
    charitable: row.organization === null ? null : { organization: row.organization, registrationId: row.registration_id },
    maxTickets: row.max_tickets,
    maxTicketsPerCustomer: row.max_tickets_per_customer,
    winners: row.winners,
    runnersUp: row.runners_up,
    entriesOpenAt: row.entries_open_at,
    entriesCloseAt: row.entries_close_at,
    drawAt: row.draw_at,
    officialRules: row.official_rules,
    odds: oddsDisclosure(row),
    status: raffleStatus(row, now),
    commitment: row.commitment,
    beacon: { source: row.beacon_source, round: row.beacon_round },
    result: picks ? { winners: picks.winners, runnersUp: picks.runnersUp, manifestHash: row.manifest_hash } : null,
    cancelReason: row.cancel_reason,
    updatedAt: row.occurred_at,
  };
}
