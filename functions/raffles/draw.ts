import { randomnessBeacon } from '@shared/beacon/beacon-for-runtime';
import { BeaconError, type BeaconRound } from '@shared/beacon/port';
import { HttpError } from '@shared/http/errors';
import type { Runtime } from '@shared/runtime';
import { drawIndexed } from './draw-algorithm';
import { customersOfRefs, manifestOfRaffle } from './manifest';
import { sendRaffleNotice } from './raffle-notices';
import { type RaffleRow, type RecordedPicks, raffleStatus } from './raffle-record';
import { changeOf, recordRaffleEvent, requireRaffle } from './raffle-store';
import { openSeed } from './seed';

/** The announced round's randomness, fetched and verified; "" for a raffle created without a beacon. */
async function beaconFor(rt: Runtime, raffle: RaffleRow): Promise<BeaconRound | null> {
  if (raffle.beacon_round === null) return null;
  const beacon = randomnessBeacon(rt);
  if (beacon.source !== raffle.beacon_source) {
    throw new HttpError(503, 'BEACON_MISMATCH', `The raffle announced a round of beacon ${raffle.beacon_source}, but ${beacon.source} is configured`);
  }
  try {
    return await beacon.fetchRound(raffle.beacon_round);
  } catch (error) {
    if (error instanceof BeaconError && error.reason === 'not_yet_published') {
      const wait = Math.max(1, Math.ceil((beacon.roundTime(raffle.beacon_round).getTime() - rt.clock.now().getTime()) / 1000));
      throw new HttpError(409, 'BEACON_NOT_PUBLISHED', `Beacon round ${raffle.beacon_round} is not published yet`, { headers: { 'Retry-After': String(wait) }, cause: error });
    }
    if (error instanceof BeaconError && error.reason === 'invalid') {
      throw new HttpError(502, 'BEACON_INVALID', `Beacon round ${raffle.beacon_round} failed signature verification`, { cause: error });
    }
    throw new HttpError(503, 'BEACON_UNAVAILABLE', `Beacon round ${raffle.beacon_round} could not be fetched; try again`, { cause: error });
  }
}

/**
 * Draws a raffle with `raffle-draw-v1`: not before drawAt (409 DRAW_NOT_DUE), never twice (a drawn raffle answers with
 * its result), never a cancelled one. Entries freeze into the manifest, the seed is revealed, the announced beacon
 * round is fetched and verified, and the picks are recorded with everything needed to recompute them. Winners and
 * runners-up are notified.
 */
export async function drawRaffle(rt: Runtime, raffleId: string, actor: string): Promise<RaffleRow> {
  const raffle = await requireRaffle(rt, raffleId);
  const status = raffleStatus(raffle, rt.clock.now());
  if (status === 'drawn') return raffle;
  if (status === 'cancelled') throw new HttpError(409, 'RAFFLE_CANCELLED', 'A cancelled raffle is not drawn');
  if (rt.clock.now().getTime() < Date.parse(raffle.draw_at)) {
    throw new HttpError(409, 'DRAW_NOT_DUE', `The draw is fixed for ${raffle.draw_at}`, { details: { drawAt: raffle.draw_at } });
  }
  const beacon = await beaconFor(rt, raffle);
  const seedHex = await openSeed(rt, raffle.raffle_id, raffle.seed_sealed);
  const { manifest, tickets, index } = await manifestOfRaffle(rt, raffle.raffle_id);
  const input = { raffleId: raffle.raffle_id, seedHex, manifest, beacon: beacon?.randomness ?? '', winners: raffle.winners, runnersUp: raffle.runners_up };
  const result = drawIndexed(input, index);
  if (result.commitment !== raffle.commitment) throw new Error(`raffle ${raffle.raffle_id}: the sealed seed does not match its commitment`);
  const picks: RecordedPicks = { winners: result.winners, runnersUp: result.runnersUp };
  const drawn = await recordRaffleEvent(
    rt,
    raffle,
    changeOf(raffle, {
      event_type: 'drawn',
      seed_hex: seedHex,
      manifest_hash: result.manifestHash,
      manifest_tickets: tickets,
      beacon_randomness: beacon?.randomness ?? '',
      beacon_signature: beacon?.signature ?? null,
      picks,
      actor,
    }),
  );
  const customerOf = await customersOfRefs(rt, raffle.raffle_id, [...new Set([...result.winners, ...result.runnersUp].map((p) => p.entryRef))]);
  const drawnAt = drawn.occurred_at;
  for (const pick of result.winners) {
    await sendRaffleNotice(rt, {
      kind: 'raffle-winner',
      customerId: customerOf.get(pick.entryRef) as string,
      dedupeKey: `raffle-winner:${raffle.raffle_id}:${pick.ticketNumber}`,
      data: { raffleId: raffle.raffle_id, raffleTitle: raffle.title, ticketNumber: pick.ticketNumber, prize: raffle.prize_description, drawnAt },
    });
  }
  for (const [i, pick] of result.runnersUp.entries()) {
    await sendRaffleNotice(rt, {
      kind: 'raffle-runner-up',
      customerId: customerOf.get(pick.entryRef) as string,
      dedupeKey: `raffle-runner-up:${raffle.raffle_id}:${pick.ticketNumber}`,
      data: { raffleId: raffle.raffle_id, raffleTitle: raffle.title, ticketNumber: pick.ticketNumber, rank: i + 1, drawnAt },
    });
  }
  rt.log.info('raffle drawn', { raffleId: raffle.raffle_id, tickets, winners: result.winners.length, runnersUp: result.runnersUp.length });
  return drawn;
}
