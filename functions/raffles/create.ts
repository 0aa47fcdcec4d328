import { randomBytes } from 'node:crypto';
import { randomnessBeacon } from '@shared/beacon/beacon-for-runtime';
import { HttpError } from '@shared/http/errors';
import type { Runtime } from '@shared/runtime';
import { checkCreation } from './creation-rules';
import { commitmentOf } from './draw-algorithm';
import { jurisdictionProfile } from './jurisdictions';
import type { RaffleRow } from './raffle-record';
import { recordRaffleEvent } from './raffle-store';
import type { CreateRaffleBody } from './request-schemas';
import { newSealedSeed } from './seed';
import { seedTicketPool } from './ticket-pool';
import { rafflesCurrent } from '@shared/warehouse/schema/raffles';

/** Raffles of one organization (by registration id) drawn in a calendar year of the shop's time zone, not cancelled. */
async function rafflesHeldIn(rt: Runtime, registrationId: string, year: number): Promise<number> {
  const rows = await rt.warehouse.query<{ held: number }>(
    (d) => `SELECT COUNT(*) AS held FROM ${d.table(rafflesCurrent)}
WHERE kind = 'charitable_raffle' AND registration_id = ${d.param('registrationId')} AND cancel_reason IS NULL
  AND draw_at >= ${d.param('from')} AND draw_at < ${d.param('to')}`,
    { params: { registrationId, from: yearStart(year, rt.config.BUSINESS_TIMEZONE), to: yearStart(year + 1, rt.config.BUSINESS_TIMEZONE) } },
  );
  return Number(rows[0]?.held ?? 0);
}

/** Midnight of 1 January of `year` in a time zone, as an instant. */
function yearStart(year: number, timeZone: string): Date {
  const utc = Date.UTC(year, 0, 1);
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(new Date(utc));
  const offset = /GMT([+-])(\d{2}):(\d{2})/.exec(parts.find((p) => p.type === 'timeZoneName')?.value ?? '');
  const minutes = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
  return new Date(utc - minutes * 60_000);
}

/**
 * Creates a draw: checked against the jurisdiction profile, its seed made and sealed, the commitment and the beacon
 * round (the first at or after drawAt) fixed and published now, its ticket pool opened. The organization's yearly
 * count is checked under a lock, so two creations at once cannot both take its last slot.
 */
export async function createRaffle(rt: Runtime, body: CreateRaffleBody, actor: string): Promise<RaffleRow> {
  const profile = jurisdictionProfile(rt.config.RAFFLE_JURISDICTION);
  const lockKey = body.charitable ? `raffles:organization:${body.charitable.registrationId}` : null;
  const lock = lockKey ? await rt.kv.acquireLock(lockKey, 30_000) : null;
  if (lockKey && !lock) throw new HttpError(409, 'RAFFLE_CREATION_BUSY', 'Another raffle of this organization is being created; try again', { headers: { 'Retry-After': '1' } });
  try {
    await checkCreation(body, profile, {
      now: rt.clock.now(),
      timeZone: rt.config.BUSINESS_TIMEZONE,
      rafflesHeldIn: (_organization, year) => rafflesHeldIn(rt, body.charitable?.registrationId ?? '', year),
    });
    const raffleId = `raf_${randomBytes(10).toString('hex')}`;
    const { seedHex, sealed } = await newSealedSeed(rt, raffleId);
    const beacon = randomnessBeacon(rt);
    const raffle = await recordRaffleEvent(rt, null, {
      raffle_id: raffleId,
      event_type: 'created',
      kind: body.kind,
      jurisdiction: profile.code,
      title: body.title,
      prize_description: body.prizeDescription,
      prize_value_cents: body.prizeValue,
      prize_kind: body.prizeKind,
      ticket_price_cents: body.kind === 'charitable_raffle' ? (body.ticketPrice ?? null) : null,
      organization: body.charitable?.organization ?? null,
      registration_id: body.charitable?.registrationId ?? null,
      max_tickets: body.maxTickets,
      max_tickets_per_customer: body.kind === 'sweepstakes' ? profile.freeEntriesPerCustomer : (body.maxTicketsPerCustomer ?? body.maxTickets),
      winners: body.winners,
      runners_up: body.runnersUp,
      entries_open_at: body.entriesOpenAt,
      entries_close_at: body.entriesCloseAt,
      draw_at: body.drawAt,
      official_rules: body.officialRules,
      commitment: commitmentOf(seedHex),
      seed_sealed: sealed,
      beacon_source: beacon.source,
      beacon_round: beacon.roundAt(new Date(body.drawAt)),
      seed_hex: null,
      manifest_hash: null,
      manifest_tickets: null,
      beacon_randomness: null,
      beacon_signature: null,
      picks: null,
      cancel_reason: null,
      actor,
    });
    await seedTicketPool(rt, raffleId);
    return raffle;
  } finally {
    if (lockKey && lock) await rt.kv.releaseLock(lockKey, lock).catch(() => false);
  }
}
