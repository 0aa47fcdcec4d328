import { HttpError } from '@shared/http/errors';
import type { Runtime } from '@shared/runtime';
import { raffleEvents, rafflesCurrent } from '@shared/warehouse/schema/raffles';
import type { RaffleChange, RaffleRow } from './raffle-record';

/** How long a raffle's latest row is kept in kv. Every change writes it through, so this only bounds memory. */
const RAFFLE_CACHE_TTL_MS = 10 * 60 * 1000;

/** The kv key caching a raffle's latest row (every purchase reads it; the warehouse view is the slow path). */
export function raffleCacheKey(raffleId: string): string {
  return `raffle:record:${raffleId}`;
}

/**
 * The latest row of a raffle, or null: from kv when cached, else the warehouse. The fill never overwrites, so a row
 * written through by a change meanwhile wins over this possibly older answer.
 */
export async function latestRaffle(rt: Runtime, raffleId: string): Promise<RaffleRow | null> {
  const cached = await rt.kv.get<RaffleRow>(raffleCacheKey(raffleId));
  if (cached) return cached;
  const rows = await rt.warehouse.query<RaffleRow>(
    (d) => `SELECT * FROM ${d.table(rafflesCurrent)} WHERE raffle_id = ${d.param('raffleId')}`,
    { params: { raffleId } },
  );
  const row = rows[0] ?? null;
  if (row) await rt.kv.setIfAbsent(raffleCacheKey(raffleId), row, RAFFLE_CACHE_TTL_MS);
  return row;
}

/** The latest row of a raffle, or 404 RAFFLE_NOT_FOUND. */
export async function requireRaffle(rt: Runtime, raffleId: string): Promise<RaffleRow> {
  const row = await latestRaffle(rt, raffleId);
  if (!row) throw new HttpError(404, 'RAFFLE_NOT_FOUND', 'No raffle with this id');
  return row;
}

/** Every raffle's current row, newest first. */
export async function listRaffles(rt: Runtime): Promise<RaffleRow[]> {
  return rt.warehouse.query<RaffleRow>((d) => `SELECT * FROM ${d.table(rafflesCurrent)} ORDER BY draw_at DESC, raffle_id`);
}

/**
 * Appends the next change of a raffle. The event id is `<raffle_id>:<seq>`, so of two changes racing from the same
 * row only one is recorded; the other gets 409 RAFFLE_CHANGED and may retry from the new row.
 */
export async function recordRaffleEvent(rt: Runtime, current: RaffleRow | null, change: RaffleChange): Promise<RaffleRow> {
  const seq = (current?.seq ?? 0) + 1;
  const row: RaffleRow = { ...change, event_id: `${change.raffle_id}:${seq}`, seq, occurred_at: rt.clock.now().toISOString() };
  const { inserted } = await rt.warehouse.append(raffleEvents, [row]);
  if (inserted === 0) {
    await rt.kv.del(raffleCacheKey(change.raffle_id));
    throw new HttpError(409, 'RAFFLE_CHANGED', 'The raffle changed meanwhile; reload it and try again');
  }
  await rt.kv.set(raffleCacheKey(change.raffle_id), row, { ttlMs: RAFFLE_CACHE_TTL_MS });
  return row;
}

/** The change that carries a row forward unchanged but for `fields`. */
export function changeOf(row: RaffleRow, fields: Partial<RaffleChange>): RaffleChange {
  const { event_id: _id, seq: _seq, occurred_at: _at, ...rest } = row;
  return { ...rest, ...fields };
}
