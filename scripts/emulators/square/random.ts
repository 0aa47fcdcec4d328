/**
 * Seeded pseudo-random numbers. Every part of the generated shop draws from its own named stream, so adding
 * payments does not shift the catalog's ids and the same seed always yields byte-identical data.
 */
import { floor, imul, log2, max } from './bound-globals';

/** A deterministic random source with the helpers the generators need. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element, uniformly. */
  pick<T>(list: readonly T[]): T;
  /** One element, with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** A string of `length` characters drawn from `alphabet`. */
  chars(alphabet: string, length: number): string;
}

/** Characters drawn ahead per alphabet; big enough that refills are rare, small enough to waste nothing. */
const POOL_SIZE = 1 << 16;

/** FNV-1a over the label, so stream names map to well-spread 32-bit seeds. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Creates the random stream `label` of seed `seed` (sfc32: fast, good statistics, 128-bit state). */
export function createRng(seed: number, label: string): Rng {
  let a = (seed >>> 0) ^ 0x9e3779b9;
  let b = hashLabel(label);
  let c = imul(seed | 0, 0x85ebca6b) ^ b;
  let d = 1;
  const next = (): number => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  const pools = new Map<string, { text: string; pos: number }>();
  const drawPool = (alphabet: string, size: number): string => {
    const base = alphabet.length;
    // Several characters per draw, with the draw kept below 2^30 so the digit arithmetic stays in small ints.
    const perDraw = max(1, floor(30 / log2(base)));
    const span = base ** perDraw;
    const codes = Uint8Array.from(alphabet, (ch) => ch.charCodeAt(0));
    const bytes = Buffer.allocUnsafe(size);
    let i = 0;
    while (i + perDraw <= size) {
      let r = (next() * span) | 0;
      for (let k = 0; k < perDraw; k++) {
        const q = (r / base) | 0;
        bytes[i++] = codes[r - q * base];
        r = q;
      }
    }
    while (i < size) bytes[i++] = codes[(next() * base) | 0];
    return bytes.toString('latin1');
  };
  // The first outputs of sfc32 still echo the seed; discard them.
  for (let i = 0; i < 15; i++) next();
  return {
    next,
    int: (lo, hi) => lo + floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (list) => list[floor(next() * list.length)],
    weighted: (entries) => {
      let total = 0;
      for (const [, w] of entries) total += w;
      let r = next() * total;
      for (const [value, w] of entries) {
        r -= w;
        if (r < 0) return value;
      }
      return entries[entries.length - 1][0];
    },
    chars: (alphabet, length) => {
      // Ids are cut from a long pre-drawn string per alphabet: one 32-bit draw yields several characters and a
      // slice shares the pool's memory, which makes 100,000 payments' worth of ids cheap in time and memory.
      let pool = pools.get(alphabet);
      if (!pool || pool.pos + length > pool.text.length) {
        pool = { text: drawPool(alphabet, max(POOL_SIZE, length)), pos: 0 };
        pools.set(alphabet, pool);
      }
      const s = pool.text.slice(pool.pos, pool.pos + length);
      pool.pos += length;
      return s;
    },
  };
}
