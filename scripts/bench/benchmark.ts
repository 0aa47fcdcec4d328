/**
 * What one benchmark returns: metric name → value. A metric's name ends in its unit (`_ms`, `_us`, `_bytes`,
 * `_per_s`, …; see UNIT_SUFFIXES), which is how the report knows what to print next to it.
 */
export type Metrics = Record<string, number | string>;

/** One benchmark: a dotted name (`area.what`, filtered by `npm run bench -- --only <part>`) and its measurement. */
export interface Benchmark {
  name: string;
  run(): Promise<Metrics>;
}

/** Metric name endings and the unit they stand for, longest first so `_rows_per_s` wins over `_per_s`. */
export const UNIT_SUFFIXES: ReadonlyArray<readonly [suffix: string, unit: string]> = [
  ['_rows_per_s', 'rows/s'],
  ['_ops_per_s', 'ops/s'],
  ['_per_s', '/s'],
  ['_bytes', 'bytes'],
  ['_ratio', '×'],
  ['_count', 'count'],
  ['_ms', 'ms'],
  ['_us', 'µs'],
];

/** The unit a metric name declares by its ending; '' when it declares none. */
export function unitOf(metric: string): string {
  return UNIT_SUFFIXES.find(([suffix]) => metric.endsWith(suffix))?.[1] ?? '';
}
