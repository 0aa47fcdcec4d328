import { MemoryKv } from '@shared/kv/memory';
import type { Kv } from '@shared/kv/port';
import type { Benchmark, Metrics } from './benchmark';
import { latencyMetrics, round, timeEach } from './stats';

const RUNS = { warmup: 2_000, samples: 20_000 };
const KEYS = 1_000;

/** The kv operations the product leans on, each as a round trip through the port with a realistic key spread. */
const operations: Array<[name: string, op: (kv: Kv, i: number) => Promise<unknown>]> = [
  ['get', (kv, i) => kv.get(`cache:${i % KEYS}`)],
  ['set', (kv, i) => kv.set(`cache:${i % KEYS}`, { revenueCents: i, lastRefresh: '2026-03-15T17:00:00.000Z' }, { ttlMs: 60_000 })],
  ['increment', (kv, i) => kv.increment(`limit:api:${i % KEYS}`, { ttlMs: 60_000 })],
  // A cap high enough never to be reached: every call takes the successful, writing path.
  ['reserve', (kv, i) => kv.reserve(`raffle:${i % KEYS}:tickets`, 1, Number.MAX_SAFE_INTEGER)],
];

/** Round-trip latency of the in-memory kv adapter per operation: median and p95 over 20,000 calls after warm-up. */
export const kvMemoryBenchmark: Benchmark = {
  name: 'foundation.kv-memory',
  async run() {
    const kv = new MemoryKv();
    for (let i = 0; i < KEYS; i++) await kv.set(`cache:${i}`, { revenueCents: i, lastRefresh: '2026-03-15T17:00:00.000Z' });
    const metrics: Metrics = {};
    for (const [name, op] of operations) {
      const samples = await timeEach((i) => op(kv, i), RUNS);
      const totalMs = samples.reduce((sum, ms) => sum + ms, 0);
      Object.assign(metrics, latencyMetrics(name, samples, 'us'));
      metrics[`${name}.throughput_ops_per_s`] = round(samples.length / (totalMs / 1000));
    }
    return metrics;
  },
};
