import type { ChainInfo } from 'drand-client';

/**
 * drand's quicknet chain on the League of Entropy mainnet, as https://api.drand.sh/<hash>/info publishes it (and
 * drand-client's QUICKNET_CHAIN_INFO and drand's launch post repeat): unchained BLS signatures on G1 (RFC 9380
 * hash-to-curve), a round every 3 seconds from 2023-08-23T15:09:27Z. The public key is the trust anchor: a beacon
 * endpoint that serves other info is refused.
 */
export const QUICKNET_CHAIN_INFO: ChainInfo = {
  public_key:
    '83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a',
  period: 3,
  genesis_time: 1692803367,
  hash: '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971',
  groupHash: 'f477d5c89f21a17c863a7f937c6a6d15859414d2be09cd448d4279af331c5d3e',
  schemeID: 'bls-unchained-g1-rfc9380',
  metadata: { beaconID: 'quicknet' },
};

/** The public quicknet endpoint (drand's relay). */
export const QUICKNET_URL = `https://api.drand.sh/${QUICKNET_CHAIN_INFO.hash}`;
