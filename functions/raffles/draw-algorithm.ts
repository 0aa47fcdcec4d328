import { createHash, createHmac } from 'node:crypto';

/**
 * The draw `raffle-draw-v1`, exactly as the README documents it. This file imports nothing but node:crypto, so that
 * `npm run verify-draw` recomputes a published draw with this algorithm and nothing else of the product.
 */
export const DRAW_ALGORITHM = 'raffle-draw-v1';

/** One line of the manifest: a ticket and the opaque reference of the entry that holds it. */
export interface ManifestTicket {
  ticketNumber: number;
  entryRef: string;
}

/** The manifest: one `<ticketNumber>\t<entryRef>` line per ticket, ascending, joined by "\n", no trailing newline. */
export function manifestOf(tickets: readonly ManifestTicket[]): string {
  const ascending = tickets.every((t, i) => i === 0 || tickets[i - 1].ticketNumber < t.ticketNumber);
  const sorted = ascending ? tickets : [...tickets].sort((a, b) => a.ticketNumber - b.ticketNumber);
  return sorted.map((t) => `${t.ticketNumber}\t${t.entryRef}`).join('\n');
}

/** The ticket numbers and entry refs of a manifest, in its order; throws on a malformed line. */
export function parseManifest(manifest: string): { ticketNumbers: number[]; entryRefs: string[] } {
  const ticketNumbers: number[] = [];
  const entryRefs: string[] = [];
  if (manifest === '') return { ticketNumbers, entryRefs };
  let start = 0;
  for (let line = 1; start <= manifest.length; line++) {
    let end = manifest.indexOf('\n', start);
    if (end === -1) end = manifest.length;
    const tab = manifest.indexOf('\t', start);
    const number = tab > start && tab < end ? manifest.slice(start, tab) : '';
    const ref = manifest.slice(tab + 1, end);
    if (!/^[1-9]\d*$/.test(number) || ref === '' || ref.includes('\t')) throw new Error(`manifest line ${line} is not "<ticketNumber>\\t<entryRef>"`);
    ticketNumbers.push(Number(number));
    entryRefs.push(ref);
    start = end + 1;
  }
  return { ticketNumbers, entryRefs };
}

/** Hex SHA-256 of UTF-8 text (the manifest hash) or of bytes (the commitment to a seed). */
export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The commitment published at creation: hex SHA-256 of the 32 seed bytes. */
export function commitmentOf(seedHex: string): string {
  return sha256Hex(Buffer.from(seedHex, 'hex'));
}

/** drawKey = HMAC-SHA256(key = seed, message = "raffle-draw-v1\n" + raffleId + "\n" + manifestHash + "\n" + beacon). */
export function drawKeyOf(seedHex: string, raffleId: string, manifestHash: string, beacon: string): Buffer {
  return createHmac('sha256', Buffer.from(seedHex, 'hex'))
    .update(`${DRAW_ALGORITHM}\n${raffleId}\n${manifestHash}\n${beacon}`, 'utf8')
    .digest();
}

/** Successive 4-byte big-endian unsigned integers of the blocks HMAC-SHA256(drawKey, j as 4 bytes big-endian), j = 0, 1, … */
export function* randomStream(drawKey: Buffer): Generator<number> {
  for (let j = 0; ; j++) {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(j);
    const block = createHmac('sha256', drawKey).update(counter).digest();
    for (let offset = 0; offset < block.length; offset += 4) yield block.readUInt32BE(offset);
  }
}

const TWO_32 = 2 ** 32;

/**
 * Picks `count` positions of an array of length n: for i = 0 … count − 1, m = n − i, limit = 2^32 − (2^32 mod m),
 * read u until u < limit, r = u mod m, swap a[i] and a[i + r]; a[i] is pick i. A partial Fisher–Yates shuffle with
 * rejection sampling, so every ordered choice is equally likely. Only the swapped positions are kept (in a map), so a
 * draw from a million tickets touches a handful of them.
 */
export function selectPositions(n: number, count: number, stream: Iterator<number>): number[] {
  const swapped = new Map<number, number>();
  const at = (position: number) => swapped.get(position) ?? position;
  const picks: number[] = [];
  for (let i = 0; i < Math.min(count, n); i++) {
    const m = n - i;
    const limit = TWO_32 - (TWO_32 % m);
    let u = stream.next().value as number;
    while (u >= limit) u = stream.next().value as number;
    const r = u % m;
    const picked = at(i + r);
    swapped.set(i + r, at(i));
    swapped.set(i, picked);
    picks.push(picked);
  }
  return picks;
}

/** The same selection over the ticket numbers themselves: the picked tickets, in order. */
export function selectTickets(ticketNumbers: readonly number[], count: number, stream: Iterator<number>): number[] {
  return selectPositions(ticketNumbers.length, count, stream).map((position) => ticketNumbers[position]);
}

/** What a draw needs. */
export interface DrawInput {
  raffleId: string;
  seedHex: string;
  manifest: string;
  /** The beacon round's randomness (hex), or "" where no beacon is configured. */
  beacon: string;
  winners: number;
  runnersUp: number;
}

/** A picked ticket. */
export interface Pick {
  ticketNumber: number;
  entryRef: string;
}

/** What a draw gives. */
export interface DrawResult {
  algorithm: typeof DRAW_ALGORITHM;
  commitment: string;
  manifestHash: string;
  winners: Pick[];
  runnersUp: Pick[];
}

/** The tickets of a manifest by position (manifest order), without holding them all as objects. */
export interface ManifestIndex {
  length: number;
  at(position: number): Pick;
}

/** Runs `raffle-draw-v1`: the first `winners` picks win, the rest are runners-up in order. */
export function runDraw(input: DrawInput): DrawResult {
  const { ticketNumbers, entryRefs } = parseManifest(input.manifest);
  return drawIndexed(input, { length: ticketNumbers.length, at: (i) => ({ ticketNumber: ticketNumbers[i], entryRef: entryRefs[i] }) });
}

/**
 * runDraw for a caller that built the manifest itself and can say which ticket stands at a position (the draw, which
 * should not parse back the million lines it just wrote).
 */
export function drawIndexed(input: DrawInput, tickets: ManifestIndex): DrawResult {
  const manifestHash = sha256Hex(input.manifest);
  const stream = randomStream(drawKeyOf(input.seedHex, input.raffleId, manifestHash, input.beacon));
  const picks = selectPositions(tickets.length, input.winners + input.runnersUp, stream).map((position) => tickets.at(position));
  return {
    algorithm: DRAW_ALGORITHM,
    commitment: commitmentOf(input.seedHex),
    manifestHash,
    winners: picks.slice(0, input.winners),
    runnersUp: picks.slice(input.winners),
  };
}
