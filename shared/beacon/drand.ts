import { type ChainInfo, HttpCachingChain, HttpChainClient, defaultChainOptions } from 'drand-client';
import { BeaconError, type BeaconRound, type RandomnessBeacon, firstRoundAtOrAfter, publicationTime } from './port';
import { QUICKNET_CHAIN_INFO } from './quicknet';
import { fetchVerifiedRound } from './verified-client';

/**
 * drand over HTTP (production: quicknet at RAFFLE_BEACON_URL). The endpoint's chain info must match the expected chain
 * hash and public key, and every round's signature is verified against that key, so a relay cannot substitute rounds.
 */
export class DrandBeacon implements RandomnessBeacon {
  readonly source: string;
  private readonly client: HttpChainClient;

  constructor(
    url: string,
    readonly chain: ChainInfo = QUICKNET_CHAIN_INFO,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.source = chain.hash;
    const options = { ...defaultChainOptions, chainVerificationParams: { chainHash: chain.hash, publicKey: chain.public_key } };
    this.client = new HttpChainClient(new HttpCachingChain(url.replace(/\/$/, ''), options), options);
  }

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
