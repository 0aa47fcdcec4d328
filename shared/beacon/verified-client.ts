import { type ChainClient, fetchBeacon } from 'drand-client';
import { BeaconError, type BeaconRound } from './port';

/**
 * Fetches a round through a drand-client ChainClient and lets drand-client verify it (round number, randomness =
 * SHA-256(signature), BLS signature against the chain's public key). Verification is never disabled.
 */
export async function fetchVerifiedRound(client: ChainClient, round: number): Promise<BeaconRound> {
  if (client.options.disableBeaconVerification) throw new Error('beacon verification must stay enabled');
  let beacon;
  try {
    beacon = await fetchBeacon(client, round);
  } catch (error) {
    const invalid = /not valid/.test((error as Error)?.message ?? '');
    throw new BeaconError(
      invalid ? `beacon round ${round} failed verification` : `beacon round ${round} could not be fetched: ${(error as Error)?.message}`,
      invalid ? 'invalid' : 'unavailable',
      error,
    );
  }
  return { round: beacon.round, randomness: beacon.randomness, signature: beacon.signature };
}
