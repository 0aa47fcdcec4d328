import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { recomputeDraw } from './verify-draw/recompute';

/**
 * `npm run verify-draw -- <file or URL>`: recomputes a raffle draw from what GET /api/raffles/:id/verify returned (a
 * saved JSON file, or the URL itself), using only the published algorithm (functions/raffles/draw-algorithm.ts) and
 * drand-client for the beacon signature. Prints each check; exits 1 when any fails.
 */
async function main(): Promise<void> {
  const { positionals } = parseArgs({ allowPositionals: true });
  const source = positionals[0];
  if (!source) throw new Error('usage: npm run verify-draw -- <verify.json | https://…/api/raffles/<id>/verify>');
  const text = /^https?:\/\//.test(source) ? await (await fetch(source)).text() : readFileSync(source, 'utf8');
  const report = await recomputeDraw(JSON.parse(text));
  for (const check of report.checks) process.stdout.write(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}${check.detail ? `: ${check.detail}` : ''}\n`);
  for (const note of report.notes) process.stdout.write(`note ${note}\n`);
  process.stdout.write(`\nwinners: ${report.winners.map((p) => p.ticketNumber).join(', ') || '(none)'}\n`);
  process.stdout.write(`runners-up: ${report.runnersUp.map((p) => p.ticketNumber).join(', ') || '(none)'}\n`);
  process.stdout.write(report.ok ? '\nThe draw recomputes exactly as published.\n' : '\nThe draw does NOT match what was published.\n');
  if (!report.ok) process.exitCode = 1;
}

main().catch((error) => {
  process.stderr.write(`${(error as Error)?.message ?? error}\n`);
  process.exitCode = 1;
});
