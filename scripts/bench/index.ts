import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCHMARKS, selectBenchmarks } from './benchmarks';
import { repoRoot } from './bundles';
import { type BenchmarkResult, benchReport, formatTable, writeBenchReport } from './report';

/**
 * `npm run bench [-- --only <part>[,<part>…]]`: runs the benchmarks one after another (the machine is shared and
 * noisy, so nothing runs in parallel), prints a table and writes bench-results/<timestamp>.json and latest.json.
 * Compare ratios within one run rather than absolute numbers across machines.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string' } } });
  const selected = selectBenchmarks(values.only);
  if (selected.length === 0) {
    // A mistyped name is the user's slip, not a fault: say what exists, without a stack trace.
    process.stderr.write(`No benchmark matches --only ${values.only}. Known benchmarks:\n${BENCHMARKS.map((b) => `  ${b.name}`).join('\n')}\n`);
    process.exitCode = 2;
    return;
  }
  const startedAt = new Date();
  const results: BenchmarkResult[] = [];
  for (const benchmark of selected) {
    process.stderr.write(`running ${benchmark.name}…\n`);
    const started = performance.now();
    try {
      const metrics = await benchmark.run();
      results.push({ name: benchmark.name, durationMs: Math.round(performance.now() - started), metrics });
    } catch (error) {
      process.stderr.write(`${benchmark.name} failed: ${(error as Error)?.stack ?? error}\n`);
      results.push({ name: benchmark.name, durationMs: Math.round(performance.now() - started), metrics: {}, error: String((error as Error)?.message ?? error) });
    }
  }
  const report = benchReport({ startedAt, only: values.only, results, cwd: repoRoot });
  const file = writeBenchReport(report, join(repoRoot, 'bench-results'));
  process.stdout.write(`${formatTable(results)}\n\nwritten to ${file} and bench-results/latest.json\n`);
  if (results.some((r) => r.error)) process.exitCode = 1;
}

main().catch((error) => {
  process.stderr.write(`${(error as Error)?.stack ?? error}\n`);
  process.exitCode = 1;
});
