/** Small statistics for benchmarks: medians and percentiles of timed samples, with a warm-up first. */

/** The p-th percentile (0–100) by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** The median (mean of the two middle samples for an even count); NaN for no samples. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Timings of one operation in milliseconds, after warm-up runs that are not kept. */
export async function timeEach(operation: (i: number) => Promise<unknown>, runs: { warmup: number; samples: number }): Promise<number[]> {
  for (let i = 0; i < runs.warmup; i++) await operation(i);
  const samples: number[] = [];
  for (let i = 0; i < runs.samples; i++) {
    const started = performance.now();
    await operation(runs.warmup + i);
    samples.push(performance.now() - started);
  }
  return samples;
}

/** Rounds to a precision that suits the magnitude: three significant decimals below 10, one above. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const decimals = Math.abs(value) < 10 ? 3 : 1;
  return Number(value.toFixed(decimals));
}

/**
 * `<prefix>.median_<unit>` and `<prefix>.p95_<unit>` of samples taken in milliseconds, in ms or µs. The p95 is left
 * out below 20 samples, where it would only be the maximum under another name.
 */
export function latencyMetrics(prefix: string, samplesMs: readonly number[], unit: 'ms' | 'us' = 'ms'): Record<string, number> {
  const scale = unit === 'us' ? 1000 : 1;
  const metrics: Record<string, number> = { [`${prefix}.median_${unit}`]: round(median(samplesMs) * scale) };
  if (samplesMs.length >= 20) metrics[`${prefix}.p95_${unit}`] = round(percentile(samplesMs, 95) * scale);
  else metrics[`${prefix}.max_${unit}`] = round(Math.max(...samplesMs) * scale);
  return metrics;
}
