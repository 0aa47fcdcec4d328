import { createHash } from 'node:crypto';
import { bls12_381 as bls } from '@noble/curves/bls12-381';
import { type Chain, type ChainClient, type ChainInfo, type RandomnessBeacon as DrandRound, defaultChainOptions } from 'drand-client';
import { BeaconError, type BeaconRound, type RandomnessBeacon, firstRoundAtOrAfter, publicationTime } from './port';
import { fetchVerifiedRound } from './verified-client';

/**
 * The local stack's beacon: a one-member drand-style chain with quicknet's scheme (unchained BLS signatures on G1,
 * RFC 9380) and period, signed with a fixed, published key. It is not secret and not unpredictable: it exists so the
 * local stack and tests run the same draw, fetch and signature verification (drand-client's) as production, offline.
 */
export const LOCAL_BEACON_SECRET_KEY = createHash('sha256').update('commerce-backend local raffle beacon').digest();

/** Genesis of the local chain (the same instant as quicknet's, so round numbers look alike). */
const LOCAL_GENESIS = 1692803367;

function localChainInfo(): ChainInfo {
  const publicKey = Buffer.from(bls.getPublicKeyForShortSignatures(LOCAL_BEACON_SECRET_KEY)).toString('hex');
  return {
    public_key: publicKey,
    period: 3,
    genesis_time: LOCAL_GENESIS,
    hash: createHash('sha256').update(`local-beacon:${publicKey}`).digest('hex'),
    groupHash: createHash('sha256').update('local-beacon-group').digest('hex'),
    schemeID: 'bls-unchained-g1-rfc9380',
    metadata: { beaconID: 'local' },
  };
}

/** The message a round's signature covers (unchained schemes): SHA-256 of the round as 8 bytes big-endian. */
function roundMessage(round: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(round));
  return createHash('sha256').update(bytes).digest();
}

/** Signs the local chain's rounds on request, as a drand node would have published them. */
class LocalChainClient implements ChainClient {
  options = { ...defaultChainOptions };
  constructor(private readonly info: ChainInfo) {}

  async get(round: number): Promise<DrandRound> {
    const signature = Buffer.from(bls.signShortSignature(roundMessage(round), LOCAL_BEACON_SECRET_KEY)).toString('hex');
    return { round, signature, randomness: createHash('sha256').update(Buffer.from(signature, 'hex')).digest('hex') };
  }

  async latest(): Promise<DrandRound> {
    throw new Error('the local beacon serves rounds by number');
  }

  chain(): Chain {
    return { baseUrl: 'local', info: async () => this.info };
  }
}

/** The fixed local beacon. Rounds are published on the local clock's schedule, like drand's. */
export class LocalBeacon implements RandomnessBeacon {
  readonly chain = localChainInfo();
  readonly source = this.chain.hash;
  private readonly client = new LocalChainClient(this.chain);

  constructor(private readonly now: () => Date) {}

  roundAt(time: Date): number {
    return firstRoundAtOrAfter(this.chain, time);
  }

  roundTime(round: number): Date {
    return publicationTime(this.chain, round);
  }

  async fetchRound(round: number): Promise<BeaconRound> {
    if (this.now() < this.roundTime(round)) throw new BeaconError(`beacon round ${round} is not published yet`, 'not_yet_published');
    return fetchVerifiedRound(this.client, round);
  }
}

/** No beacon (RAFFLE_BEACON_URL=none): draws use "" as the beacon. */
export class NoBeacon implements RandomnessBeacon {
  readonly source = 'none';
  readonly chain = null;
  roundAt(): null {
    return null;
  }
  roundTime(): Date {
    return new Date(0);
  }
  async fetchRound(): Promise<BeaconRound> {
    throw new BeaconError('no beacon is configured', 'unavailable');
  }
}
