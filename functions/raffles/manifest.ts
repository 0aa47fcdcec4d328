import type { Runtime } from '@shared/runtime';
import { raffleEntries } from '@shared/warehouse/schema/raffles';
import type { ManifestIndex } from './draw-algorithm';

/**
 * The manifest of a raffle's confirmed entries (confirmed and not refunded since): one `<ticket>\t<entryRef>` line
 * per ticket, ascending, as raffle-draw-v1 defines it, and an index of its tickets by position. The warehouse answers
 * with one text of ticket runs (`n\tref` for one ticket, `first-last\tref` for several) rather than a row per entry, so
 * a draw of a million entries moves one value, not a million rows; when every entry holds one ticket that text is the
 * manifest itself.
 */
export async function manifestOfRaffle(rt: Runtime, raffleId: string): Promise<{ manifest: string; tickets: number; index: ManifestIndex }> {
  const [row] = await rt.warehouse.query<{ runs: string | null; several: number | null }>(
    (d) => `SELECT
  STRING_AGG(
    CONCAT(CAST(e.first_ticket AS STRING), CASE WHEN e.last_ticket > e.first_ticket THEN CONCAT('-', CAST(e.last_ticket AS STRING)) ELSE '' END, ${d.param('tab')}, e.entry_ref),
    ${d.param('newline')} ORDER BY e.first_ticket
  ) AS runs,
  SUM(CASE WHEN e.last_ticket > e.first_ticket THEN 1 ELSE 0 END) AS several
FROM ${d.table(raffleEntries)} AS e
WHERE e.raffle_id = ${d.param('raffleId')} AND e.status = 'confirmed'
  AND NOT EXISTS (
    SELECT 1 FROM ${d.table(raffleEntries)} AS later
    WHERE later.raffle_id = e.raffle_id AND later.entry_id = e.entry_id AND later.status IN ('released', 'refunded')
  )`,
    { params: { raffleId, tab: '\t', newline: '\n' } },
  );
  const runs = row?.runs ?? '';
  const manifest = Number(row?.several ?? 0) === 0 ? runs : expandRuns(runs);
  const index = indexLines(manifest);
  return { manifest, tickets: index.length, index };
}

/** Runs text (`first-last\tref` lines) as manifest lines, one per ticket. */
function expandRuns(runs: string): string {
  const lines: string[] = [];
  for (const run of runs.split('\n')) {
    const tab = run.indexOf('\t');
    const ref = run.slice(tab + 1);
    const [first, last = first] = run.slice(0, tab).split('-').map(Number);
    for (let n = first; n <= last; n++) lines.push(`${n}\t${ref}`);
  }
  return lines.join('\n');
}

/** An index of a manifest's lines by position: where each starts, so a pick reads only its own line. */
function indexLines(manifest: string): ManifestIndex {
  if (manifest === '') return { length: 0, at: () => { throw new RangeError('empty manifest'); } };
  const starts: number[] = [0];
  for (let i = manifest.indexOf('\n'); i !== -1; i = manifest.indexOf('\n', i + 1)) starts.push(i + 1);
  return {
    length: starts.length,
    at(position) {
      const start = starts[position];
      const end = position + 1 < starts.length ? starts[position + 1] - 1 : manifest.length;
      const tab = manifest.indexOf('\t', start);
      return { ticketNumber: Number(manifest.slice(start, tab)), entryRef: manifest.slice(tab + 1, end) };
    },
  };
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
