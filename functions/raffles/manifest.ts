import type { Runtime } from '@shared/runtime';
import { raffleEntries } from '@shared/warehouse/schema/raffles';

interface FrozenRun {
  entry_ref: string;
  first_ticket: number;
  last_ticket: number;
}

/**
 * The manifest of a raffle's confirmed entries (confirmed and not refunded since): one `<ticket>\t<entryRef>` line
 * per ticket, ascending, as raffle-draw-v1 defines it. Read as ticket runs, only the columns it needs, so a draw of a
 * million entries reads a million small rows rather than the entries view.
 */
export async function manifestOfRaffle(rt: Runtime, raffleId: string): Promise<{ manifest: string; tickets: number }> {
  const runs = await rt.warehouse.query<FrozenRun>(
    (d) => `SELECT e.entry_ref, e.first_ticket, e.last_ticket
FROM ${d.table(raffleEntries)} AS e
WHERE e.raffle_id = ${d.param('raffleId')} AND e.status = 'confirmed'
  AND NOT EXISTS (
    SELECT 1 FROM ${d.table(raffleEntries)} AS later
    WHERE later.raffle_id = e.raffle_id AND later.entry_id = e.entry_id AND later.status IN ('released', 'refunded')
  )
ORDER BY e.first_ticket`,
    { params: { raffleId } },
  );
  const lines: string[] = [];
  for (const run of runs) {
    for (let n = Number(run.first_ticket); n <= Number(run.last_ticket); n++) lines.push(`${n}\t${run.entry_ref}`);
  }
  return { manifest: lines.join('\n'), tickets: lines.length };
}

/** The customers behind some entry refs (the picks of a draw), to notify them. */
export async function customersOfRefs(rt: Runtime, raffleId: string, entryRefs: string[]): Promise<Map<string, string>> {
  if (entryRefs.length === 0) return new Map();
  const rows = await rt.warehouse.query<{ entry_ref: string; customer_id: string }>(
    (d) => `SELECT DISTINCT entry_ref, customer_id FROM ${d.table(raffleEntries)}
WHERE raffle_id = ${d.param('raffleId')} AND status = 'confirmed' AND entry_ref IN (${entryRefs.map((_, i) => d.param(`ref${i}`)).join(', ')})`,
    { params: { raffleId, ...Object.fromEntries(entryRefs.map((ref, i) => [`ref${i}`, ref])) } },
  );
  return new Map(rows.map((r) => [r.entry_ref, r.customer_id]));
}
