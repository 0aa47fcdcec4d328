import { config } from '@shared/config';
import { createRuntime } from '@shared/runtime';
import { checkRollup, rebuildRollup } from '@shared/sales-rollup';
import { loadDevSecrets } from './local/dev-secrets';
import { claimLocalWarehouse } from './local/warehouse-claim';

/**
 * `npm run rollup -- check`: compares commerce.daily_sales with a recomputation from the rows (a full read of both)
 * and lists the buckets that differ; exits 1 when any does. `npm run rollup -- rebuild`: recomputes the rollups from
 * every row in one transaction, in BUSINESS_TIMEZONE (the repair after the zone changes or a check fails), then checks.
 * Works on the configured warehouse: the local DuckDB file or BigQuery.
 */
async function main(): Promise<number> {
  const command = process.argv[2];
  if (command !== 'check' && command !== 'rebuild') {
    console.error('usage: npm run rollup -- check|rebuild');
    return 2;
  }
  loadDevSecrets();
  process.env.LOG_LEVEL ||= 'WARNING';
  const warehouse = await claimLocalWarehouse(process.env);
  const rt = createRuntime(config(), { warehouse });
  const timeZone = rt.config.BUSINESS_TIMEZONE;
  try {
    if (command === 'rebuild') {
      const started = performance.now();
      await rebuildRollup(rt.warehouse, timeZone, rt.clock.now());
      console.log(`Rebuilt commerce.daily_sales and commerce.customer_sales in ${timeZone} (${Math.round(performance.now() - started)} ms)`);
    }
    const differences = await checkRollup(rt.warehouse, timeZone);
    if (differences.length === 0) {
      console.log(`commerce.daily_sales equals the rows in ${timeZone}`);
      return 0;
    }
    console.log(`commerce.daily_sales differs from the rows in ${differences.length}${differences.length === 100 ? '+' : ''} buckets (npm run rollup -- rebuild repairs it):`);
    console.table(differences);
    return 1;
  } finally {
    await rt.warehouse.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
