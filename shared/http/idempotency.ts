import { DAY_MS } from '../calendar';
import { createHash, randomUUID } from 'node:crypto';
import type { Kv } from '../kv/port';
import { HttpError } from './errors';
import type { Reply, RequestContext } from './router';

/** The request header that carries the key. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** The response header set on a replayed answer. */
export const IDEMPOTENT_REPLAY_HEADER = 'Idempotent-Replayed';
/** How long an answer is kept for replay. */
export const IDEMPOTENCY_TTL_MS = DAY_MS;
/** How long a request may hold its key while running before another may take it over (a crashed instance). */
export const IDEMPOTENCY_IN_FLIGHT_TTL_MS = 5 * 60 * 1000;

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** What the first request with a key answered (errors included: a decline is replayed as a decline). */
interface StoredAnswer {
  fingerprint: string;
  status: number;
  /** A success body (without success/timestamp), or the error that was thrown. */
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
  error?: { code: string; message: string; details?: unknown };
}

/** How a route uses idempotency keys. */
export interface IdempotencyOptions {
  /** Names the operation (e.g. memberships.subscribe); keys of different operations never collide. */
  scope: string;
  ttlMs?: number;
  inFlightTtlMs?: number;
}

/**
 * Runs a money-moving request at most once per Idempotency-Key. The key is scoped to the caller (the signed-in
 * subject, or the IP for public routes) and the operation. Same key and same body: the first answer is replayed with
 * `Idempotent-Replayed: true` (for 24 hours). Same key with another body: 422 IDEMPOTENCY_KEY_REUSED. The first
 * request still running: 409 IDEMPOTENCY_KEY_IN_FLIGHT with Retry-After. A 5xx, 409 or 429 answer is not kept, so the
 * client may retry with the same key (and the work must make that safe, e.g. by reusing the key as the gateway invoice).
 * Without the header the work simply runs. `work` receives the key (null when none was sent).
 */
export async function withIdempotency(
  ctx: Pick<RequestContext<unknown, unknown>, 'runtime' | 'principal' | 'ip' | 'headers' | 'body' | 'params'>,
  options: IdempotencyOptions,
  work: (idempotencyKey: string | null) => Promise<Reply>,
): Promise<Reply> {
  const key = idempotencyKeyOf(ctx.headers);
  if (key === null) return work(null);
  const kv = ctx.runtime.kv;
  const caller = ctx.principal ? `${ctx.principal.role}:${ctx.principal.sub}` : `ip:${ctx.ip}`;
  const storeKey = `idempotency:${options.scope}:${sha256(caller)}:${sha256(key)}`;
  const fingerprint = sha256(canonicalJson({ params: ctx.params, body: ctx.body ?? null }));
  const inFlight = `in-flight:${fingerprint}:${randomUUID()}`;

  for (let attempt = 0; ; attempt++) {
    if (await kv.setIfAbsent(storeKey, inFlight, options.inFlightTtlMs ?? IDEMPOTENCY_IN_FLIGHT_TTL_MS)) break;
    const existing = await kv.get<string | StoredAnswer>(storeKey);
    // Gone between the two calls (expired or released): try to take it again.
    if (existing === null && attempt < 3) continue;
    if (existing === null) throw inFlightError();
    const existingFingerprint = typeof existing === 'string' ? existing.split(':')[1] : existing.fingerprint;
    if (existingFingerprint !== fingerprint) {
      throw new HttpError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request');
    }
    if (typeof existing === 'string') throw inFlightError();
    return replay(existing);
  }

  let reply: Reply;
  try {
    reply = await work(key);
  } catch (error) {
    if (error instanceof HttpError && isFinalAnswer(error.status)) {
      const answer: StoredAnswer = {
        fingerprint,
        status: error.status,
        error: { code: error.code, message: error.message, details: error.options.details },
        headers: error.options.headers,
      };
      await keep(kv, storeKey, answer, options).catch(() => undefined);
    } else {
      await kv.releaseLock(storeKey, inFlight).catch(() => false);
    }
    throw error;
  }
  const status = reply.status ?? 200;
  if (!isFinalAnswer(status)) await kv.releaseLock(storeKey, inFlight).catch(() => false);
  // The work is done either way; failing to keep its answer only costs a later replay (the key then stays in flight).
  else await keep(kv, storeKey, { fingerprint, status, body: reply.body, headers: reply.headers }, options).catch(() => undefined);
  return reply;
}

/**
 * Whether an answer is kept for replay. Faults (5xx) and "try again" answers (409 conflict or busy, 429) are not: the
 * same request may succeed later, and replaying them would block the key for a day.
 */
function isFinalAnswer(status: number): boolean {
  return status < 500 && status !== 409 && status !== 429;
}

/** The Idempotency-Key of a request, null when absent; 400 when malformed (1–255 visible ASCII characters). */
export function idempotencyKeyOf(headers: RequestContext['headers']): string | null {
  const raw = headers[IDEMPOTENCY_HEADER];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === '') return null;
  if (!KEY_PATTERN.test(value)) {
    throw new HttpError(400, 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1 to 255 visible ASCII characters', {
      details: { field: 'Idempotency-Key' },
    });
  }
  return value;
}

async function keep(kv: Kv, storeKey: string, answer: StoredAnswer, options: IdempotencyOptions): Promise<void> {
  await kv.set(storeKey, answer, { ttlMs: options.ttlMs ?? IDEMPOTENCY_TTL_MS });
}

function replay(answer: StoredAnswer): Reply {
  const headers = { ...(answer.headers ?? {}), [IDEMPOTENT_REPLAY_HEADER]: 'true' };
  if (answer.error) {
    throw new HttpError(answer.status, answer.error.code, answer.error.message, { details: answer.error.details, headers });
  }
  return { status: answer.status, body: answer.body ?? {}, headers };
}

function inFlightError(): HttpError {
  return new HttpError(409, 'IDEMPOTENCY_KEY_IN_FLIGHT', 'A request with this Idempotency-Key is still being processed', {
    headers: { 'Retry-After': '1' },
  });
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with object keys sorted, so the same body sent with its keys in another order is the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
