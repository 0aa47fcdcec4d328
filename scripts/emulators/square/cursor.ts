/**
 * Opaque pagination cursors. A cursor carries the last key served (time and id) plus the defaults the first
 * page resolved (such as end_time = now), so later pages continue the same query even as data changes:
 * keyset paging on a (time, id) order never skips or repeats a row whose sort key does not change.
 */
import { badRequest } from './square-errors';

/** A position in a result order: the sort value (a time in ms, or a name) and the id that breaks ties. */
export interface SortPosition {
  key: number | string;
  id: string;
}

/** What a cursor remembers between pages. */
export interface CursorState {
  /** Fingerprint of the query the cursor belongs to. */
  query: string;
  /** Last position served. */
  after: SortPosition;
  /** Values resolved on the first page (e.g. default time bounds), by name. */
  frozen: Record<string, number>;
}

/** Encodes a cursor as Square does: an opaque URL-safe string. */
export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify([1, state.query, state.after.key, state.after.id, state.frozen])).toString('base64url');
}

/** Decodes a cursor of the query `query`; anything else is Square's 400 INVALID_CURSOR. */
export function decodeCursor(cursor: string, query: string): CursorState {
  const invalid = (): Error => badRequest('INVALID_CURSOR', 'The pagination cursor is invalid.', 'cursor');
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 5 || parsed[0] !== 1) throw invalid();
  const [, q, key, id, frozen] = parsed as unknown[];
  if (typeof q !== 'string' || (typeof key !== 'number' && typeof key !== 'string') || typeof id !== 'string'
    || typeof frozen !== 'object' || frozen === null) {
    throw invalid();
  }
  // Square ties a cursor to the query that produced it; reusing it with other filters is a client bug.
  if (q !== query) throw badRequest('INVALID_CURSOR', 'The cursor does not belong to this query; repeat the original filters.', 'cursor');
  return { query: q, after: { key, id }, frozen: frozen as Record<string, number> };
}
