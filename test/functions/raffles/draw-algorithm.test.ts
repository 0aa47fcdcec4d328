import { createHash } from 'node:crypto';
import { commitmentOf, drawKeyOf, manifestOf, parseManifest, randomStream, runDraw, selectTickets } from '../../../functions/raffles/draw-algorithm';

describe('raffle-draw-v1', () => {
  const seed = 'ab'.repeat(32);

  it('writes the manifest as ascending "<ticket>\\t<ref>" lines with no trailing newline, and reads it back', () => {
    const manifest = manifestOf([{ ticketNumber: 10, entryRef: 'e_b' }, { ticketNumber: 2, entryRef: 'e_a' }, { ticketNumber: 3, entryRef: 'e_a' }]);
    expect(manifest).toBe('2\te_a\n3\te_a\n10\te_b');
    expect(parseManifest(manifest)).toEqual({ ticketNumbers: [2, 3, 10], entryRefs: ['e_a', 'e_a', 'e_b'] });
    expect(() => parseManifest('01\te_a')).toThrow(/line 1/);
    expect(() => parseManifest('1\te_a\n')).toThrow(/line 2/);
  });

  it('commits to the seed bytes and keys the stream with HMAC over the documented message', () => {
    expect(commitmentOf(seed)).toBe(createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex'));
    const key = drawKeyOf(seed, 'raf_1', 'h', 'b');
    const stream = randomStream(key);
    const block0 = require('node:crypto').createHmac('sha256', key).update(Buffer.from([0, 0, 0, 0])).digest() as Buffer;
    expect(stream.next().value).toBe(block0.readUInt32BE(0));
    expect(stream.next().value).toBe(block0.readUInt32BE(4));
  });

  it('rejects values at or above the limit and swaps a[i] with a[i + r]', () => {
    // n = 3: limit = 2^32 − (2^32 mod 3) = 4294967295; u = 4294967295 is rejected, then 4 → r = 1, then 7 → m = 2, r = 1.
    const values = [4294967295, 4, 7][Symbol.iterator]();
    expect(selectTickets([11, 12, 13], 2, values)).toEqual([12, 13]);
  });

  it('keeping only the swapped positions picks exactly what swapping in a full copy of the array picks', () => {
    const naive = (a: number[], count: number, stream: Iterator<number>) => {
      const copy = [...a];
      const picks: number[] = [];
      for (let i = 0; i < count; i++) {
        const m = copy.length - i;
        const limit = 2 ** 32 - (2 ** 32 % m);
        let u = stream.next().value as number;
        while (u >= limit) u = stream.next().value as number;
        const r = u % m;
        [copy[i], copy[i + r]] = [copy[i + r], copy[i]];
        picks.push(copy[i]);
      }
      return picks;
    };
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + (trial % 40);
      const tickets = Array.from({ length: n }, (_, i) => 3 * i + 7);
      const key = drawKeyOf(seed, `raf_${trial}`, 'm', 'b');
      expect(selectTickets(tickets, n, randomStream(key))).toEqual(naive(tickets, n, randomStream(key)));
    }
  });

  it('never picks more tickets than there are, nor the same ticket twice', () => {
    const manifest = manifestOf(Array.from({ length: 5 }, (_, i) => ({ ticketNumber: i + 1, entryRef: `e${i}` })));
    const result = runDraw({ raffleId: 'raf_x', seedHex: seed, manifest, beacon: '', winners: 3, runnersUp: 4 });
    expect(result.winners).toHaveLength(3);
    expect(result.runnersUp).toHaveLength(2);
    expect(new Set([...result.winners, ...result.runnersUp].map((p) => p.ticketNumber)).size).toBe(5);
  });

  it('over 100,000 draws of a 7-ticket raffle, every ticket wins (and every ordered pair comes first) as often as chance says (chi-square)', () => {
    const tickets = [1, 2, 3, 4, 5, 6, 7];
    const draws = 100_000;
    const wins = new Array(7).fill(0);
    const pairs = new Map<string, number>();
    for (let i = 0; i < draws; i++) {
      const seedHex = createHash('sha256').update(`simulated seed ${i}`).digest('hex');
      const [first, second] = selectTickets(tickets, 2, randomStream(drawKeyOf(seedHex, 'raf_sim', 'manifest', 'beacon')));
      wins[first - 1]++;
      pairs.set(`${first}-${second}`, (pairs.get(`${first}-${second}`) ?? 0) + 1);
    }
    const chiSquare = (observed: number[], expected: number) => observed.reduce((sum, o) => sum + (o - expected) ** 2 / expected, 0);
    // Critical values at p = 0.001: 22.46 for 6 degrees of freedom, 74.74 for 41.
    expect(chiSquare(wins, draws / 7)).toBeLessThan(22.46);
    expect(pairs.size).toBe(42);
    expect(chiSquare([...pairs.values()], draws / 42)).toBeLessThan(74.74);
  });
});
