import { randomnessBeacon } from '@shared/beacon/beacon-for-runtime';
import { HttpError } from '@shared/http/errors';
import type { Runtime } from '@shared/runtime';
import { entriesOf } from './entry-store';
import { jurisdictionProfile } from './jurisdictions';
import { type RaffleChange, type RaffleRow, raffleStatus } from './raffle-record';
import { changeOf, recordRaffleEvent, requireRaffle } from './raffle-store';
import type { UpdateRaffleBody } from './request-schemas';

/** How far the draw date may move while paid entries stand: entrants bought on the date they were given. */
export const DRAW_DATE_TOLERANCE_MS = 30 * 86_400_000;

/** Fields that may change in each status; anything else is 409 FIELD_LOCKED. */
const CHANGEABLE: Record<'scheduled' | 'open' | 'closed', ReadonlyArray<keyof UpdateRaffleBody>> = {
  scheduled: ['title', 'prizeDescription', 'officialRules', 'entriesCloseAt', 'drawAt', 'maxTickets'],
  open: ['title', 'entriesCloseAt', 'drawAt', 'maxTickets'],
  closed: ['drawAt'],
};

/**
 * Changes a raffle. Before entries open, its description, rules, close, draw date and cap; while open, the title, a
 * later close, a higher cap and the draw date; once closed, only the draw date. A draw date moved by more than 30 days
 * is refused while any paid entry stands unrefunded. A new draw date announces a new beacon round (the first at or
 * after it), fixed before anyone can know it. A sweepstakes' rules keep their required statements.
 */
export async function updateRaffle(rt: Runtime, raffleId: string, body: UpdateRaffleBody, actor: string): Promise<RaffleRow> {
  const raffle = await requireRaffle(rt, raffleId);
  const now = rt.clock.now();
  const status = raffleStatus(raffle, now);
  if (status === 'drawn' || status === 'cancelled') throw new HttpError(409, status === 'drawn' ? 'RAFFLE_DRAWN' : 'RAFFLE_CANCELLED', `A ${status} raffle cannot change`);
  const given = Object.keys(body) as Array<keyof UpdateRaffleBody>;
  const locked = given.filter((field) => !CHANGEABLE[status].includes(field));
  if (locked.length > 0) {
    throw new HttpError(409, 'FIELD_LOCKED', `${locked.join(', ')} cannot change once the raffle is ${status}`, { details: { field: locked[0], status } });
  }
  const change: Partial<RaffleChange> = { event_type: 'updated', actor };
  if (body.title !== undefined) change.title = body.title;
  if (body.prizeDescription !== undefined) change.prize_description = body.prizeDescription;
  if (body.officialRules !== undefined) {
    const missing = jurisdictionProfile(raffle.jurisdiction).sweepstakesDisclosures.filter((d) => !d.pattern.test(body.officialRules as string));
    if (raffle.kind === 'sweepstakes' && missing.length > 0) {
      throw new HttpError(400, 'SWEEPSTAKES_DISCLOSURES_MISSING', `The official rules must state: ${missing.map((d) => d.statement).join('; ')}`, {
        details: { field: 'officialRules', missing: missing.map((d) => d.name) },
      });
    }
    change.official_rules = body.officialRules;
  }
  if (body.maxTickets !== undefined) {
    if (status !== 'scheduled' && body.maxTickets < raffle.max_tickets) throw new HttpError(409, 'FIELD_LOCKED', 'The cap may only rise once entries are open', { details: { field: 'maxTickets' } });
    change.max_tickets = body.maxTickets;
  }
  const close = body.entriesCloseAt ?? raffle.entries_close_at;
  if (body.entriesCloseAt !== undefined) {
    if (status === 'open' && Date.parse(close) < Date.parse(raffle.entries_close_at)) throw new HttpError(409, 'FIELD_LOCKED', 'Entries may close later, not earlier, once open', { details: { field: 'entriesCloseAt' } });
    if (Date.parse(close) <= Math.max(now.getTime(), Date.parse(raffle.entries_open_at))) throw new HttpError(400, 'INVALID_SCHEDULE', 'entriesCloseAt must be after entriesOpenAt and in the future', { details: { field: 'entriesCloseAt' } });
    change.entries_close_at = close;
  }
  const drawAt = body.drawAt ?? raffle.draw_at;
  if (Date.parse(drawAt) < Date.parse(close) || Date.parse(drawAt) <= now.getTime()) {
    throw new HttpError(400, 'INVALID_SCHEDULE', 'drawAt must be in the future and at or after entriesCloseAt', { details: { field: 'drawAt' } });
  }
  if (body.drawAt !== undefined && body.drawAt !== raffle.draw_at) {
    if (Math.abs(Date.parse(body.drawAt) - Date.parse(raffle.draw_at)) > DRAW_DATE_TOLERANCE_MS) {
      const paid = (await entriesOf(rt, raffleId, { statuses: ['reserved', 'confirmed'] })).filter((e) => e.method === 'paid');
      if (paid.length > 0) {
        throw new HttpError(409, 'DRAW_DATE_CHANGE_REQUIRES_REFUNDS', 'The draw date may move by more than 30 days only once every paid entry is refunded', {
          details: { field: 'drawAt', paidEntries: paid.length },
        });
      }
    }
    change.draw_at = body.drawAt;
    change.beacon_round = raffle.beacon_round === null ? null : randomnessBeacon(rt).roundAt(new Date(body.drawAt));
  }
  return recordRaffleEvent(rt, raffle, changeOf(raffle, change));
}
