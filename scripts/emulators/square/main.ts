/**
 * Runs the Square emulator from the command line:
 *   npx tsx scripts/emulators/square/main.ts --port 4010 [--seed 1] [--payments 100000] [--items 500]
 *     [--customers 1700] [--locations 3] [--days 730] [--token T] [--rps 10] [--error-rate 0.05]
 */
import { parseArgs } from 'node:util';
import { startSquareEmulator } from './index';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      seed: { type: 'string' },
      payments: { type: 'string' },
      items: { type: 'string' },
      customers: { type: 'string' },
      locations: { type: 'string' },
      days: { type: 'string' },
      token: { type: 'string' },
      rps: { type: 'string' },
      'error-rate': { type: 'string' },
    },
    strict: true,
  });
  const num = (name: string, v: string | undefined): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got ${v}`);
    return n;
  };
  const started = performance.now();
  const emulator = await startSquareEmulator({
    port: num('port', values.port),
    seed: num('seed', values.seed),
    payments: num('payments', values.payments),
    items: num('items', values.items),
    customers: num('customers', values.customers),
    locations: num('locations', values.locations),
    days: num('days', values.days),
    accessToken: values.token,
    maxRequestsPerSecond: num('rps', values.rps) ?? null,
    faults: { serverErrorRate: num('error-rate', values['error-rate']) ?? 0 },
  });
  const s = emulator.store;
  process.stdout.write(`${emulator.url}\n`);
  process.stderr.write(
    `Square emulator: ${s.payments.size} payments, ${s.refunds.size} refunds, ${s.items.size} items, ${s.customers.size} customers, `
    + `${s.locations.length} locations, generated in ${Math.round(performance.now() - started)} ms; token "${emulator.accessToken}"\n`,
  );
  const stop = (): void => { void emulator.close().then(() => process.exit(0)); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
