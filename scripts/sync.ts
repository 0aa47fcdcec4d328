import { randomUUID } from 'node:crypto';
import { config } from '@shared/config';
import { createRuntime } from '@shared/runtime';
import { SOURCE_NAMES, sourceNameSchema, streamNames } from '@shared/sources/registry';
import { runOne } from '../functions/sync/handler';
import { loadDevSecrets } from './local/dev-secrets';
import { startLocalEmulators } from './local/emulators';
import { ProgressDisplay } from './local/progress';
import { claimLocalWarehouse } from './local/warehouse-claim';

/**
 * `npm run sync -- --source <source> [--full] [--stream NAME]`: runs a sync in the foreground with a progress
 * bar, every stream in parallel, and exits 0 only when every stream succeeded.
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const parsed = sourceNameSchema.safeParse(option('source'));
  if (!parsed.success) {
    console.error(`usage: npm run sync -- --source ${SOURCE_NAMES.join('|')} [--full] [--stream NAME]`);
    return 2;
  }
  const source = parsed.data;
  const streams = option('stream') ? [option('stream') as string] : streamNames(source);
  loadDevSecrets();
  // The progress display tells the story; only warnings and errors interrupt it.
  process.env.LOG_LEVEL ||= 'WARNING';
  process.env.LOG_FORMAT ||= process.stderr.isTTY ? 'pretty' : 'json';
  // Before the emulators start: a file another process holds stops the sync at once, saying what to do instead.
  const warehouse = await claimLocalWarehouse(process.env);
  const emulators = await startLocalEmulators(process.env);
  const rt = createRuntime(config(), { warehouse });
  const requestId = randomUUID();
  const mode = args.includes('--full') ? 'full' : 'incremental';
  const display = new ProgressDisplay(streams);
  process.stderr.write(`Syncing ${source} (${mode}) into ${rt.config.WAREHOUSE}, request ${requestId}\n`);
  try {
    const runs = await Promise.all(
      streams.map(async (stream) => {
        const run = await runOne(rt, { source, stream, mode, requestedBy: 'cli', requestId }, stream, (p) => display.update(p));
        display.finish(stream, run.status, run.error ?? `${run.rows_written} rows, ${run.api_calls} calls, ${run.retries} retries`);
        return run;
      }),
    );
    const failed = runs.filter((r) => r.status !== 'succeeded');
    for (const run of failed) console.error(`${run.stream}: ${run.status}${run.error ? ` — ${run.error}` : ''}`);
    return failed.length === 0 ? 0 : 1;
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  } finally {
    await rt.warehouse.close();
    await emulators.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // A failure to start (the warehouse file in use, bad configuration) is told in its message, not a stack trace.
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
