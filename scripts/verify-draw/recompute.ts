import { type ChainClient, type ChainInfo, defaultChainOptions, fetchBeacon } from 'drand-client';
import { type Pick, commitmentOf, runDraw, sha256Hex } from '../../functions/raffles/draw-algorithm';

/** drand quicknet, as drand publishes it at https://api.drand.sh/<hash>/info: the only chain whose rounds are trusted as public randomness. */
const QUICKNET = {
  hash: '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971',
  publicKey:
    '83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a',
};

/** What GET /api/raffles/:id/verify returns (the fields a verifier reads). */
export interface PublishedDraw {
  raffleId: string;
  algorithm: string;
  commitment: string;
  seed: string;
  manifest: string;
  manifestHash: string;
  beacon: { source: string; round: number | null; randomness: string; signature: string | null; chain: ChainInfo | null };
  picksRequested: { winners: number; runnersUp: number };
  winners: Pick[];
  runnersUp: Pick[];
}

export interface Check {
  name: string;
  ok: boolean;
  detail?: string;
}

/** Verifies a beacon round's BLS signature against a chain's public key, with drand-client. */
async function beaconVerifies(chain: ChainInfo, round: number, randomness: string, signature: string): Promise<boolean> {
  const client: ChainClient = {
    options: { ...defaultChainOptions },
    chain: () => ({ baseUrl: 'published', info: async () => chain }),
    get: async () => ({ round, randomness, signature }),
    latest: async () => ({ round, randomness, signature }),
  };
  const quiet = console.error;
  console.error = () => undefined;
  try {
    await fetchBeacon(client, round);
    return true;
  } catch {
    return false;
  } finally {
    console.error = quiet;
  }
}

const same = (a: Pick[], b: Pick[]) => a.length === b.length && a.every((p, i) => p.ticketNumber === b[i].ticketNumber && p.entryRef === b[i].entryRef);

/**
 * Recomputes a published draw: the seed matches the commitment, the manifest its hash, the beacon round verifies
 * (against quicknet's key when it claims quicknet), and raffle-draw-v1 over them gives the published picks.
 */
export async function recomputeDraw(published: PublishedDraw): Promise<{ ok: boolean; checks: Check[]; notes: string[]; winners: Pick[]; runnersUp: Pick[] }> {
  const body = (published as unknown as { raffleId?: string }).raffleId ? published : ((published as unknown as { data: PublishedDraw }).data ?? published);
  const checks: Check[] = [];
  const notes: string[] = [];
  checks.push({ name: 'algorithm is raffle-draw-v1', ok: body.algorithm === 'raffle-draw-v1', detail: body.algorithm });
  const commitment = commitmentOf(body.seed);
  checks.push({ name: 'commitment = SHA-256(seed)', ok: commitment === body.commitment, detail: commitment === body.commitment ? undefined : `SHA-256(seed) is ${commitment}, published ${body.commitment}` });
  const manifestHash = sha256Hex(body.manifest);
  checks.push({ name: 'manifestHash = SHA-256(manifest)', ok: manifestHash === body.manifestHash, detail: manifestHash === body.manifestHash ? undefined : `computed ${manifestHash}` });
  const { beacon } = body;
  if (beacon.round === null) {
    checks.push({ name: 'no beacon configured: beacon is ""', ok: beacon.randomness === '' });
    notes.push('this draw used no public beacon: its fairness rests on the seed alone, which the shop chose');
  } else {
    const chain = beacon.chain;
    const isQuicknet = beacon.source === QUICKNET.hash;
    if (isQuicknet) checks.push({ name: 'beacon chain is drand quicknet with its published key', ok: !!chain && chain.hash === QUICKNET.hash && chain.public_key === QUICKNET.publicKey });
    else notes.push(`the beacon is chain ${beacon.source}, not drand quicknet (a local test beacon): its rounds are not public randomness`);
    const verified = !!chain && !!beacon.signature && (await beaconVerifies(chain, beacon.round, beacon.randomness, beacon.signature));
    checks.push({ name: `beacon round ${beacon.round} signature verifies`, ok: verified });
  }
  const result = runDraw({
    raffleId: body.raffleId,
    seedHex: body.seed,
    manifest: body.manifest,
    beacon: beacon.randomness,
    winners: body.picksRequested.winners,
    runnersUp: body.picksRequested.runnersUp,
  });
  checks.push({ name: 'winners recompute', ok: same(result.winners, body.winners) });
  checks.push({ name: 'runners-up recompute', ok: same(result.runnersUp, body.runnersUp) });
  return { ok: checks.every((c) => c.ok), checks, notes, winners: result.winners, runnersUp: result.runnersUp };
}
