import { ageVerificationBenchmark } from './age-verification';
import type { Benchmark } from './benchmark';
import { bundleSizeBenchmark } from './foundation-bundle-size';
import { coldStartBenchmark } from './foundation-cold-start';
import { dashboardBenchmark } from './dashboard';
import { integrationsBenchmark } from './integrations';
import { kvMemoryBenchmark } from './foundation-kv-memory';
import { lightspeedSyncBenchmark } from './lightspeed-sync';
import { membershipsBenchmark } from './memberships';
import { rafflesBenchmark } from './raffles';
import { warehouseDuckdbBenchmark } from './foundation-warehouse-duckdb';
import { squareSyncBenchmark } from './square-sync';

/** Every benchmark `npm run bench` knows, run in this order. A new one is a file in this folder and a line here. */
export const BENCHMARKS: readonly Benchmark[] = [
  bundleSizeBenchmark,
  coldStartBenchmark,
  kvMemoryBenchmark,
  warehouseDuckdbBenchmark,
  lightspeedSyncBenchmark,
  squareSyncBenchmark,
  ageVerificationBenchmark,
  dashboardBenchmark,
  membershipsBenchmark,
  rafflesBenchmark,
  integrationsBenchmark,
];

/** The benchmarks whose name contains any of the comma-separated parts of `only` (all of them without a filter). */
export function selectBenchmarks(only: string | undefined, all: readonly Benchmark[] = BENCHMARKS): Benchmark[] {
  const parts = (only ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return [...all];
  return all.filter((b) => parts.some((part) => b.name.includes(part)));
}
