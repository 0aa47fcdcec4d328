import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Metrics, unitOf } from './benchmark';

/** What one benchmark produced: its metrics, or why it failed. */
export interface BenchmarkResult {
  name: string;
  durationMs: number;
  metrics: Metrics;
  error?: string;
}

/** The JSON a bench run leaves behind, so runs on different commits can be compared. */
export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  commit: string | null;
  node: string;
  cpus: { count: number; model: string };
  only: string | null;
  results: Array<BenchmarkResult & { units: Record<string, string> }>;
}

function currentCommit(cwd: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** Assembles the report of a run, with each metric's unit spelled out next to it. */
export function benchReport(args: { startedAt: Date; only?: string; results: BenchmarkResult[]; cwd: string }): BenchReport {
  return {
    startedAt: args.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    commit: currentCommit(args.cwd),
    node: process.version,
    cpus: { count: cpus().length, model: cpus()[0]?.model ?? 'unknown' },
    only: args.only ?? null,
    results: args.results.map((r) => ({ ...r, units: Object.fromEntries(Object.keys(r.metrics).map((m) => [m, unitOf(m)])) })),
  };
}

/** Writes bench-results/<timestamp>.json and bench-results/latest.json; returns the timestamped path. */
export function writeBenchReport(report: BenchReport, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${report.startedAt.replace(/[:.]/g, '-')}.json`);
  const text = JSON.stringify(report, null, 2) + '\n';
  writeFileSync(file, text);
  writeFileSync(join(dir, 'latest.json'), text);
  return file;
}

function formatValue(value: number | string): string {
  if (typeof value === 'string') return value;
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

/** The results as a plain-text table: benchmark, metric, value, unit. */
export function formatTable(results: readonly BenchmarkResult[]): string {
  const rows: string[][] = [['benchmark', 'metric', 'value', 'unit']];
  for (const r of results) {
    if (r.error) rows.push([r.name, 'FAILED', r.error.split('\n')[0], '']);
    for (const [metric, value] of Object.entries(r.metrics)) rows.push([r.name, metric, formatValue(value), unitOf(metric)]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(rows[0]), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)].join('\n');
}
