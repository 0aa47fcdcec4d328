import { randomUUID } from 'node:crypto';
import { ManualClock } from '@shared/clock';
import { MemoryKv } from '@shared/kv/memory';
import type { Kv } from '@shared/kv/port';
import { UpstashKv } from '@shared/kv/upstash';
import { describeWithRedis, startRedisServer } from '../../support/redis-server';
import { startUpstashRestServer } from '../../support/upstash-rest-server';

/** One adapter under test, plus a way to let time pass for it. */
interface Subject {
  kv: Kv;
  /** The memory adapter's clock jumps; Redis has to really wait. */
  elapse(ms: number): Promise<void>;
  stop(): Promise<void>;
}

const adapters: { name: string; needsRedis?: true; start(): Promise<Subject> }[] = [
  {
    name: 'MemoryKv',
    start: async () => {
      const clock = new ManualClock();
      return { kv: new MemoryKv(clock), elapse: async (ms) => clock.advance(ms), stop: async () => {} };
    },
  },
  {
    name: 'UpstashKv over the Upstash REST protocol and a real redis-server',
    needsRedis: true,
    start: async () => {
      const redis = await startRedisServer();
      const rest = await startUpstashRestServer({ redis }).catch(async (error: unknown) => {
        await redis.stop();
        throw error;
      });
      return {
        kv: new UpstashKv({ url: rest.url, token: async () => rest.token }),
        elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        stop: async () => {
          await rest.close();
          await redis.stop();
        },
      };
    },
  },
];

for (const { name, needsRedis, start } of adapters) (needsRedis ? describeWithRedis : describe)(`kv contract: ${name}`, () => {
  let subject: Subject;
  let kv: Kv;
  /** A fresh key per test, so tests share one store without seeing each other. */
  let key: (name: string) => string;

  beforeAll(async () => {
    subject = await start();
    kv = subject.kv;
  });
  afterAll(async () => {
    await subject?.stop();
  });
  beforeEach(() => {
    const prefix = randomUUID();
    key = (name) => `test:${prefix}:${name}`;
  });

  it.each<[string, unknown]>([
    ['a nested object', { id: 'mem_1', tiers: ['gold', 'silver'], cents: 1999, active: true, note: null }],
    ['an array', [1, 'two', { three: 3 }]],
    ['a string of digits, which must stay a string', '123'],
    ['a string that is valid base64', 'T0s='],
    ['the string OK', 'OK'],
    ['an empty string', ''],
    ['non-ASCII text', 'Crème brûlée ✓ 🎟️ 日本'],
    ['zero', 0],
    ['a negative fraction', -12.5],
    ['false', false],
  ])('stores and returns %s unchanged', async (_, value) => {
    await kv.set(key('value'), value);
    expect(await kv.get(key('value'))).toEqual(value);
  });

  it('returns null for a missing key and after del', async () => {
    expect(await kv.get(key('missing'))).toBeNull();
    await kv.set(key('gone'), { a: 1 });
    await kv.del(key('gone'));
    expect(await kv.get(key('gone'))).toBeNull();
  });

  it('expires a value after its TTL and reports the time left until then', async () => {
    await kv.set(key('short'), 'soon gone', { ttlMs: 300 });
    expect(await kv.get(key('short'))).toBe('soon gone');
    const left = await kv.ttlMs(key('short'));
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(300);
    await subject.elapse(350);
    expect(await kv.get(key('short'))).toBeNull();
    expect(await kv.ttlMs(key('short'))).toBeNull();
  });

  it('reports no TTL for a key without expiry and for a missing key', async () => {
    await kv.set(key('forever'), 1);
    expect(await kv.ttlMs(key('forever'))).toBeNull();
    expect(await kv.ttlMs(key('never-set'))).toBeNull();
  });

  it('setIfAbsent sets once, keeps the first value, and works again after expiry', async () => {
    expect(await kv.setIfAbsent(key('idem'), { response: 'first' }, 300)).toBe(true);
    expect(await kv.setIfAbsent(key('idem'), { response: 'second' }, 300)).toBe(false);
    expect(await kv.get(key('idem'))).toEqual({ response: 'first' });
    await subject.elapse(350);
    expect(await kv.setIfAbsent(key('idem'), { response: 'third' }, 300)).toBe(true);
    expect(await kv.get(key('idem'))).toEqual({ response: 'third' });
  });

  it('increments from zero, sets the TTL on creation and keeps it on later increments', async () => {
    expect(await kv.increment(key('hits'), { ttlMs: 300 })).toBe(1);
    await subject.elapse(100);
    expect(await kv.increment(key('hits'), { by: 5, ttlMs: 60_000 })).toBe(6);
    const left = await kv.ttlMs(key('hits'));
    expect(left).toBeGreaterThan(0);
    // A TTL restarted by the second increment would be 60 s (or the first 300 ms again); kept, ≤ 200 ms remain.
    expect(left).toBeLessThanOrEqual(210);
    expect(await kv.get(key('hits'))).toBe(6);
    await subject.elapse(250);
    expect(await kv.get(key('hits'))).toBeNull();
    expect(await kv.increment(key('hits'))).toBe(1);
    expect(await kv.ttlMs(key('hits'))).toBeNull();
  });

  it('reserves exact ranges under the cap and refuses what would exceed it', async () => {
    const tickets = key('tickets');
    expect(await kv.reserve(tickets, 3, 10)).toEqual({ first: 1, last: 3 });
    expect(await kv.reserve(tickets, 5, 10)).toEqual({ first: 4, last: 8 });
    expect(await kv.reserve(tickets, 3, 10)).toBeNull();
    expect(await kv.reserve(tickets, 2, 10)).toEqual({ first: 9, last: 10 });
    expect(await kv.reserve(tickets, 1, 10)).toBeNull();
    expect(await kv.get(tickets)).toBe(10);
  });

  it.each([0, -1])('refuses to reserve a count of %i', async (count) => {
    expect(await kv.reserve(key('tickets'), count, 10)).toBeNull();
    expect(await kv.get(key('tickets'))).toBeNull();
  });

  it('continues a counter that increment started and keeps its TTL', async () => {
    await kv.increment(key('mixed'), { by: 2, ttlMs: 60_000 });
    expect(await kv.reserve(key('mixed'), 2, 5)).toEqual({ first: 3, last: 4 });
    expect(await kv.ttlMs(key('mixed'))).toBeGreaterThan(0);
  });

  it('gives 200 concurrent reserve(1) calls against cap 50 exactly 50 distinct tickets, 1 to 50', async () => {
    const results = await Promise.all(Array.from({ length: 200 }, () => kv.reserve(key('raffle'), 1, 50)));
    const granted = results.filter((range) => range !== null);
    expect(granted).toHaveLength(50);
    expect(granted.every((range) => range.first === range.last)).toBe(true);
    const numbers = granted.map((range) => range.first).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await kv.get(key('raffle'))).toBe(50);
  });

  describe('numbered pools', () => {
    const take = (claim: string, holder: string, count = 1, cap = 10, holderLimit = 5) => ({ claim, holder, count, cap, holderLimit });

    it('answers missing until seeded, and seeds only once', async () => {
      const pool = key('pool');
      expect(await kv.takeNumbers(pool, take('c1', 'alice'))).toEqual({ status: 'missing' });
      expect(await kv.seedNumbers(pool, { issued: 0, claims: [] })).toBe(true);
      expect(await kv.seedNumbers(pool, { issued: 9, claims: [] })).toBe(false);
      expect(await kv.takeNumbers(pool, take('c1', 'alice', 2))).toEqual({ status: 'taken', first: 1, last: 2 });
    });

    it('hands out contiguous runs, gives a claim its own numbers again, and enforces the holder limit and the cap', async () => {
      const pool = key('pool');
      await kv.seedNumbers(pool, { issued: 0, claims: [] });
      expect(await kv.takeNumbers(pool, take('a1', 'alice', 3))).toEqual({ status: 'taken', first: 1, last: 3 });
      expect(await kv.takeNumbers(pool, take('a1', 'alice', 3))).toEqual({ status: 'taken', first: 1, last: 3 });
      expect(await kv.takeNumbers(pool, take('a2', 'alice', 3))).toEqual({ status: 'holder_limit', held: 3 });
      expect(await kv.takeNumbers(pool, take('b1', 'bob', 5))).toEqual({ status: 'taken', first: 4, last: 8 });
      expect(await kv.takeNumbers(pool, take('c1', 'carol', 3))).toEqual({ status: 'sold_out', available: 2 });
      expect(await kv.takeNumbers(pool, take('c1', 'carol', 2))).toEqual({ status: 'taken', first: 9, last: 10 });
    });

    it('hands returned numbers out again, lowest fitting run first, and lowers the counter when the top is returned', async () => {
      const pool = key('pool');
      await kv.seedNumbers(pool, { issued: 0, claims: [] });
      for (const [claim, count] of [['x', 2], ['y', 3], ['z', 2]] as const) await kv.takeNumbers(pool, take(claim, claim, count));
      expect(await kv.returnNumbers(pool, 'x')).toBe(true);
      expect(await kv.returnNumbers(pool, 'x')).toBe(false);
      expect(await kv.takeNumbers(pool, take('w', 'w', 3))).toEqual({ status: 'taken', first: 8, last: 10 });
      expect(await kv.takeNumbers(pool, take('v', 'v', 1))).toEqual({ status: 'taken', first: 1, last: 1 });
      expect(await kv.returnNumbers(pool, 'w')).toBe(true);
      expect(await kv.returnNumbers(pool, 'z')).toBe(true);
      // 6…10 came back to the counter, 2 is still a gap: a run of 2 continues from 6, a single ticket fills 2.
      expect(await kv.takeNumbers(pool, take('u', 'u', 2))).toEqual({ status: 'taken', first: 6, last: 7 });
      expect(await kv.takeNumbers(pool, take('t', 't', 1))).toEqual({ status: 'taken', first: 2, last: 2 });
      // The holder limit counts what a holder still has: a returned claim frees its share.
      expect(await kv.takeNumbers(pool, take('x2', 'x', 3))).toEqual({ status: 'taken', first: 8, last: 10 });
    });

    it('continues a seeded pool around the claims it was seeded with', async () => {
      const pool = key('pool');
      const claims = [{ claim: 'a', holder: 'alice', first: 1, last: 2 }, { claim: 'b', holder: 'bob', first: 5, last: 5 }];
      expect(await kv.seedNumbers(pool, { issued: 5, claims })).toBe(true);
      expect(await kv.takeNumbers(pool, take('a', 'alice', 2))).toEqual({ status: 'taken', first: 1, last: 2 });
      expect(await kv.takeNumbers(pool, take('a2', 'alice', 4))).toEqual({ status: 'holder_limit', held: 2 });
      expect(await kv.takeNumbers(pool, take('c', 'carol', 2))).toEqual({ status: 'taken', first: 3, last: 4 });
      expect(await kv.takeNumbers(pool, take('d', 'dave', 1))).toEqual({ status: 'taken', first: 6, last: 6 });
    });

    it('gives 200 concurrent one-number takes by 200 holders against cap 50 exactly the numbers 1 to 50', async () => {
      const pool = key('pool');
      await kv.seedNumbers(pool, { issued: 0, claims: [] });
      const results = await Promise.all(Array.from({ length: 200 }, (_, i) => kv.takeNumbers(pool, take(`c${i}`, `h${i}`, 1, 50, 1))));
      const numbers = results.flatMap((r) => (r.status === 'taken' ? [r.first] : [])).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(results.filter((r) => r.status === 'sold_out')).toHaveLength(150);
    });
  });

  it('gives exactly one of 100 concurrent acquireLock calls the lock', async () => {
    const tokens = await Promise.all(Array.from({ length: 100 }, () => kv.acquireLock(key('lock'), 5_000)));
    const winners = tokens.filter((token) => token !== null);
    expect(winners).toHaveLength(1);
    expect(typeof winners[0]).toBe('string');
  });

  it('gives exactly one of 100 concurrent setIfAbsent calls the write', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, i) => kv.setIfAbsent(key('once'), { writer: i }, 5_000)),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(await kv.get(key('once'))).toEqual({ writer: outcomes.indexOf(true) });
  });

  it('releases a lock only for the token that holds it', async () => {
    const token = await kv.acquireLock(key('refresh'), 5_000);
    expect(token).not.toBeNull();
    expect(await kv.acquireLock(key('refresh'), 5_000)).toBeNull();
    expect(await kv.releaseLock(key('refresh'), 'someone-else')).toBe(false);
    expect(await kv.acquireLock(key('refresh'), 5_000)).toBeNull();
    expect(await kv.releaseLock(key('refresh'), token!)).toBe(true);
    expect(await kv.acquireLock(key('refresh'), 5_000)).not.toBeNull();
  });

  it('lets an expired lock be taken again and ignores the old holder releasing it', async () => {
    const first = await kv.acquireLock(key('sync'), 300);
    await subject.elapse(350);
    const second = await kv.acquireLock(key('sync'), 5_000);
    expect(second).not.toBeNull();
    expect(second).not.toBe(first);
    expect(await kv.releaseLock(key('sync'), first!)).toBe(false);
    expect(await kv.acquireLock(key('sync'), 5_000)).toBeNull();
  });

  it('answers ping', async () => {
    await expect(kv.ping()).resolves.toBeUndefined();
  });
});
