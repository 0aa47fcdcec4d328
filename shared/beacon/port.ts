import type { ChainInfo } from 'drand-client';

/** A published beacon round whose signature has been verified against its chain's public key. */
export interface BeaconRound {
  round: number;
  /** Hex SHA-256 of the signature: the round's randomness. */
  randomness: string;
  signature: string;
}

/**
 * The randomness beacon raffle draws use: drand quicknet in production, a fixed local chain in the local stack and
 * tests, or none. Rounds are numbered from the chain's genesis every `period` seconds, so the round that will be
 * published at or after a time is known in advance, while its randomness is not.
 */
export interface RandomnessBeacon {
  /** The chain hash (what a verifier looks up), or "none". */
  readonly source: string;
  /** The chain's info (public key, genesis, period, scheme); null without a beacon. */
  readonly chain: ChainInfo | null;
  /** The first round published at or after `time`; null without a beacon. */
  roundAt(time: Date): number | null;
  /** When a round is published. */
  roundTime(round: number): Date;
  /** A round, its signature verified; throws when it cannot be fetched or does not verify. */
  fetchRound(round: number): Promise<BeaconRound>;
}

/** The first round whose publication time (genesis + (round − 1) × period) is at or after `time`. */
export function firstRoundAtOrAfter(chain: Pick<ChainInfo, 'genesis_time' | 'period'>, time: Date): number {
  const seconds = time.getTime() / 1000 - chain.genesis_time;
  return Math.max(1, Math.ceil(seconds / chain.period) + 1);
}

/** When a round is published: genesis + (round − 1) × period. */
export function publicationTime(chain: Pick<ChainInfo, 'genesis_time' | 'period'>, round: number): Date {
  return new Date((chain.genesis_time + (round - 1) * chain.period) * 1000);
}

/** Raised when a round is not published yet, cannot be fetched, or fails verification. */
export class BeaconError extends Error {
  constructor(
    message: string,
    readonly reason: 'not_yet_published' | 'unavailable' | 'invalid',
    cause?: unknown,
  ) {
    super(message, { cause });
    this.name = 'BeaconError';
  }
}
