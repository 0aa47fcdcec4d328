import { ManualClock } from '@shared/clock';
import { readCacheStatus } from '@shared/cache/cache-status';
import { cacheKeys } from '@shared/cache/cache-keys';
import { CacheUnavailableError, SwrCache } from '@shared/cache/swr';
import { MemoryKv } from '@shared/kv/memory';
import { createLogger } from '@shared/log';

const settings = { freshMs: 30_000, staleMs: 60_000, lockMs: 2_000, pollMs: 5 };

function setup() {
  const clock = new ManualClock('2026-03-15T17:00:00Z');
  const kv = new MemoryKv(clock);
  const log = createLogger({ level: 'ERROR', write: () => {} });
  const instance = () => new SwrCache({ kv, clock, log }, 'test', settings);
  return { clock, kv, instance };
}

describe('SwrCache', () => {
  it('an instance that took the refresh lock and died holds others up only until the lock expires', async () => {
    const { clock, kv, instance } = setup();
    await kv.acquireLock(cacheKeys('test').lock('k'), settings.lockMs); // the crashed instance's lock
    let loads = 0;
    const reading = instance().read('k', async () => ++loads);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(loads).toBe(0); // still waiting for the other instance
    clock.advance(settings.lockMs + 1);
    await expect(reading).resolves.toMatchObject({ value: 1, mode: 'live', outcome: 'miss' });
  });

  it('gives up on a lock holder that never stores anything, with nothing cached: CacheUnavailableError', async () => {
    const { kv, instance } = setup();
    await kv.set(cacheKeys('test').lock('k'), 'forever'); // held without expiry: only the wait bound ends it
    const started = performance.now();
    await expect(instance().read('k', async () => 1)).rejects.toBeInstanceOf(CacheUnavailableError);
    expect(performance.now() - started).toBeGreaterThanOrEqual(settings.lockMs);
  });

  it('records the last refresh and the last error for /health', async () => {
    const { clock, kv, instance } = setup();
    const cache = instance();
    expect((await readCacheStatus(kv, 'test')).mode).toBe('cold');
    await cache.read('k', async () => 'v1');
    expect(await readCacheStatus(kv, 'test')).toMatchObject({ mode: 'live', lastRefresh: { at: '2026-03-15T17:00:00.000Z', key: 'k' }, lastError: null });
    clock.advance(settings.freshMs + settings.staleMs);
    await cache.read('k', async () => {
      throw new Error('warehouse down');
    });
    expect(await readCacheStatus(kv, 'test')).toMatchObject({ mode: 'degraded', lastError: { message: 'warehouse down', key: 'k' } });
  });

  it('does not retry a failed source for a short while: callers get the fallback at once', async () => {
    const { clock, instance } = setup();
    const cache = instance();
    await cache.read('k', async () => 'good');
    clock.advance(settings.freshMs + settings.staleMs);
    let attempts = 0;
    const failing = async () => {
      attempts++;
      throw new Error('down');
    };
    for (let i = 0; i < 5; i++) await expect(cache.read('k', failing)).resolves.toMatchObject({ value: 'good', mode: 'degraded', outcome: 'fallback' });
    expect(attempts).toBe(1);
    clock.advance(5_001);
    await cache.read('k', failing);
    expect(attempts).toBe(2);
  });

  it('logs every lookup with its outcome in the `cache` field, which the cache-hit metric counts', async () => {
    const { clock, kv } = setup();
    const lines: Array<Record<string, unknown>> = [];
    const log = createLogger({ level: 'INFO', write: (line) => lines.push(JSON.parse(line)) });
    const cache = new SwrCache({ kv, clock, log }, 'test', { ...settings, retryAfterFailureMs: 0 });
    const failing = async (): Promise<string> => {
      throw new Error('down');
    };
    const steps: Array<[string, () => Promise<unknown>]> = [
      ['miss', () => cache.read('k', async () => 'v1')],
      ['hit', () => cache.read('k', async () => 'v2')],
      ['stale', () => (clock.advance(settings.freshMs), cache.read('k', async () => 'v3'))],
      ['fallback', async () => (await cache.settled(), clock.advance(settings.freshMs + settings.staleMs), cache.read('k', failing))],
      ['unavailable', () => cache.read('never-loaded', failing).catch((error: Error) => error)],
    ];
    for (const [outcome, step] of steps) {
      await step();
      const lookups = lines.filter((l) => l.message === 'cache lookup');
      expect(lookups.at(-1)).toMatchObject({ severity: 'INFO', cache: outcome, namespace: 'test' });
    }
    expect(lines.filter((l) => l.message === 'cache lookup')).toHaveLength(steps.length);
  });
});
