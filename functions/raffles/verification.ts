import { randomnessBeacon } from '@shared/beacon/beacon-for-runtime';
import { HttpError } from '@shared/http/errors';
import type { Runtime } from '@shared/runtime';
import { DRAW_ALGORITHM } from './draw-algorithm';
import { manifestOfRaffle } from './manifest';
import { type RecordedPicks, raffleStatus } from './raffle-record';
import { requireRaffle } from './raffle-store';

/**
 * Everything needed to recompute a drawn raffle without trusting the shop: the seed (checked against the commitment
 * published at creation), the frozen manifest, the beacon round with its signature and the chain it verifies against,
 * and the recorded picks. 409 NOT_DRAWN before the draw: the seed stays secret until then.
 */
export async function drawVerification(rt: Runtime, raffleId: string) {
  const raffle = await requireRaffle(rt, raffleId);
  if (raffleStatus(raffle, rt.clock.now()) !== 'drawn' || raffle.seed_hex === null) {
    throw new HttpError(409, 'NOT_DRAWN', 'The draw can be verified once it has happened', { details: { drawAt: raffle.draw_at } });
  }
  const { manifest } = await manifestOfRaffle(rt, raffle.raffle_id);
  const picks = raffle.picks as RecordedPicks;
  const beacon = randomnessBeacon(rt);
  return {
    raffleId: raffle.raffle_id,
    algorithm: DRAW_ALGORITHM,
    commitment: raffle.commitment,
    seed: raffle.seed_hex,
    manifest,
    manifestHash: raffle.manifest_hash,
    tickets: raffle.manifest_tickets,
    beacon: {
      source: raffle.beacon_source,
      round: raffle.beacon_round,
      randomness: raffle.beacon_randomness ?? '',
      signature: raffle.beacon_signature,
      chain: beacon.source === raffle.beacon_source ? beacon.chain : null,
    },
    picksRequested: { winners: raffle.winners, runnersUp: raffle.runners_up },
    winners: picks.winners,
    runnersUp: picks.runnersUp,
    drawnAt: raffle.occurred_at,
  };
}
