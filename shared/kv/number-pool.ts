/**
 * A numbered pool: numbers 1…cap handed out in contiguous runs to claims, each claim belonging to a holder, at most
 * `holderLimit` numbers per holder. A claim's numbers can be returned; returned numbers are handed out again before
 * new ones (lowest run that fits first), so numbers stay dense. Raffle tickets are the use: a claim is one purchase,
 * a holder one customer. Both kv adapters implement the operations atomically; this file holds their shared types and
 * the arithmetic the memory adapter runs and the Lua scripts mirror.
 */

/** A claim's numbers. */
export interface PoolClaim {
  claim: string;
  holder: string;
  first: number;
  last: number;
}

/** What a take asks for. */
export interface PoolTake {
  claim: string;
  holder: string;
  count: number;
  cap: number;
  holderLimit: number;
}

/**
 * The answer to a take: the claim's numbers (the same ones again for a claim that already holds some), or why not:
 * `missing` (the pool does not exist: rebuild it from the durable record and seed it), `sold_out` (no run of `count`
 * numbers is left; `available` says how many numbers are), `holder_limit` (`held` is what the holder has already).
 */
export type PoolTakeResult =
  | { status: 'taken'; first: number; last: number }
  | { status: 'missing' }
  | { status: 'sold_out'; available: number }
  | { status: 'holder_limit'; held: number };

/** The state a pool is seeded with: the highest number handed out and every claim that still holds numbers. */
export interface PoolSeed {
  issued: number;
  claims: PoolClaim[];
}

/** A run of free numbers [first, last] below `issued`. */
export type Run = [first: number, last: number];

/** The whole state of a pool (the memory adapter keeps it as one value). */
export interface PoolState {
  issued: number;
  free: Run[];
  holders: Record<string, number>;
  claims: Record<string, PoolClaim>;
}

/** The free runs a seed implies: every gap below `issued` not covered by a claim. */
export function freeRunsOf(seed: PoolSeed): Run[] {
  const taken = [...seed.claims].sort((a, b) => a.first - b.first);
  const runs: Run[] = [];
  let next = 1;
  for (const claim of taken) {
    if (claim.first > next) runs.push([next, claim.first - 1]);
    next = Math.max(next, claim.last + 1);
  }
  if (next <= seed.issued) runs.push([next, seed.issued]);
  return runs;
}

/** Free runs as the compact text the Upstash adapter stores: "3-5,9-9". */
export function runsToText(runs: Run[]): string {
  return runs.map(([a, b]) => `${a}-${b}`).join(',');
}

/** A fresh pool state from a seed. */
export function poolStateOf(seed: PoolSeed): PoolState {
  const holders: Record<string, number> = {};
  const claims: Record<string, PoolClaim> = {};
  for (const c of seed.claims) {
    holders[c.holder] = (holders[c.holder] ?? 0) + (c.last - c.first + 1);
    claims[c.claim] = { ...c };
  }
  return { issued: seed.issued, free: freeRunsOf(seed), holders, claims };
}

/** Takes numbers for a claim, changing `state` in place (the memory adapter's atomic step). */
export function takeFromPool(state: PoolState, take: PoolTake): PoolTakeResult {
  const existing = state.claims[take.claim];
  if (existing) return { status: 'taken', first: existing.first, last: existing.last };
  const held = state.holders[take.holder] ?? 0;
  if (take.count < 1 || held + take.count > take.holderLimit) return { status: 'holder_limit', held };
  let first: number | undefined;
  const index = state.free.findIndex(([a, b]) => b - a + 1 >= take.count);
  if (index >= 0) {
    const [a, b] = state.free[index];
    first = a;
    if (b - a + 1 > take.count) state.free[index] = [a + take.count, b];
    else state.free.splice(index, 1);
  } else {
    if (state.issued + take.count > take.cap) {
      const available = Math.max(0, take.cap - state.issued) + state.free.reduce((sum, [a, b]) => sum + b - a + 1, 0);
      return { status: 'sold_out', available };
    }
    first = state.issued + 1;
    state.issued += take.count;
  }
  const last = first + take.count - 1;
  state.holders[take.holder] = held + take.count;
  state.claims[take.claim] = { claim: take.claim, holder: take.holder, first, last };
  return { status: 'taken', first, last };
}

/** Returns a claim's numbers, changing `state` in place; false when the claim holds none. */
export function returnToPool(state: PoolState, claim: string): boolean {
  const existing = state.claims[claim];
  if (!existing) return false;
  delete state.claims[claim];
  const left = (state.holders[existing.holder] ?? 0) - (existing.last - existing.first + 1);
  if (left > 0) state.holders[existing.holder] = left;
  else delete state.holders[existing.holder];
  const runs: Run[] = [...state.free, [existing.first, existing.last] as Run].sort((x, y) => x[0] - y[0]);
  const merged: Run[] = [];
  for (const run of runs) {
    const previous = merged[merged.length - 1];
    if (previous && previous[1] + 1 >= run[0]) previous[1] = Math.max(previous[1], run[1]);
    else merged.push([run[0], run[1]]);
  }
  // A free run at the top gives its numbers back to the counter, so the next buyer continues from there.
  const top = merged[merged.length - 1];
  if (top && top[1] >= state.issued) {
    state.issued = top[0] - 1;
    merged.pop();
  }
  state.free = merged;
  return true;
}
