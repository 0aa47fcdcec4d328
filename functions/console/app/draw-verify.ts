/**
 * raffle-draw-v1 (README, "The draw") recomputed in the browser with Web Crypto, from what GET /api/raffles/:id/verify
 * publishes. The beacon's BLS signature is not checked here (`npm run verify-draw` does, with drand-client).
 */
export interface Pick {
  ticketNumber: number;
  entryRef: string;
}
export interface PublishedDraw {
  raffleId: string;
  algorithm: string;
  commitment: string;
  seed: string;
  manifest: string;
  manifestHash: string;
  beacon: { source: string; round: number | null; randomness: string };
  picksRequested: { winners: number; runnersUp: number };
  winners: Pick[];
  runnersUp: Pick[];
}
export interface Check {
  name: string;
  ok: boolean;
}

const utf8 = { encode: (text: string): Uint8Array<ArrayBuffer> => new Uint8Array(new TextEncoder().encode(text)) };
const hexBytes = (hex: string): Uint8Array<ArrayBuffer> => new Uint8Array((hex.match(/../g) ?? []).map((b) => parseInt(b, 16)));
const toHex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
const sha256Hex = async (bytes: Uint8Array<ArrayBuffer>) => toHex(await crypto.subtle.digest('SHA-256', bytes));

type Bytes = Uint8Array<ArrayBuffer>;

async function hmac(key: Bytes, message: Bytes): Promise<Bytes> {
  const k = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, message));
}

/** The stream of 4-byte big-endian unsigned integers from HMAC(drawKey, j) blocks. */
function randomStream(drawKey: Uint8Array<ArrayBuffer>) {
  let block: Uint8Array<ArrayBuffer> = new Uint8Array(0);
  let offset = 0;
  let j = 0;
  return async (): Promise<number> => {
    if (offset >= block.length) {
      const counter = new Uint8Array(4);
      new DataView(counter.buffer).setUint32(0, j++);
      block = await hmac(drawKey, counter);
      offset = 0;
    }
    const u = new DataView(block.buffer).getUint32(offset);
    offset += 4;
    return u;
  };
}

export async function verifyDraw(d: PublishedDraw): Promise<{ ok: boolean; checks: Check[]; picks: Pick[] }> {
  const checks: Check[] = [{ name: 'algorithm is raffle-draw-v1', ok: d.algorithm === 'raffle-draw-v1' }];
  checks.push({ name: 'commitment = SHA-256(seed)', ok: (await sha256Hex(hexBytes(d.seed))) === d.commitment });
  checks.push({ name: 'manifestHash = SHA-256(manifest)', ok: (await sha256Hex(utf8.encode(d.manifest))) === d.manifestHash });
  const lines = d.manifest === '' ? [] : d.manifest.split('\n').map((line) => line.split('\t'));
  const a = lines.map(([ticket]) => Number(ticket));
  const refs = new Map(lines.map(([ticket, ref]) => [Number(ticket), ref]));
  const drawKey = await hmac(hexBytes(d.seed), utf8.encode(`raffle-draw-v1\n${d.raffleId}\n${d.manifestHash}\n${d.beacon.randomness}`));
  const next = randomStream(drawKey);
  const count = Math.min(d.picksRequested.winners + d.picksRequested.runnersUp, a.length);
  for (let i = 0; i < count; i++) {
    const m = a.length - i;
    const limit = 2 ** 32 - (2 ** 32 % m);
    let u = await next();
    while (u >= limit) u = await next();
    const r = u % m;
    [a[i], a[i + r]] = [a[i + r], a[i]];
  }
  const picks = a.slice(0, count).map((ticketNumber) => ({ ticketNumber, entryRef: refs.get(ticketNumber) ?? '' }));
  const published = [...d.winners, ...d.runnersUp];
  checks.push({
    name: 'the recomputed picks equal the published winners and runners-up',
    ok: picks.length === published.length && picks.every((p, i) => p.ticketNumber === published[i].ticketNumber && p.entryRef === published[i].entryRef),
  });
  return { ok: checks.every((c) => c.ok), checks, picks };
}
