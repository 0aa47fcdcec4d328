import type { SourceMode } from './connector';
import { retryAfterMs } from './transport';

/**
 * What the probe found, in a word. `up`: answered 2xx to an authenticated read. `unauthorized`: our credentials were
 * refused (401/403, or a token refresh was refused). `throttled`: 429. `failing`: 5xx or another unexpected answer.
 * `timeout`: no answer within the probe's time. `unreachable`: no connection. `not-configured`: nothing to probe.
 */
export type ProbeOutcome = 'up' | 'unauthorized' | 'throttled' | 'failing' | 'timeout' | 'unreachable' | 'not-configured';

/** How much room the source's rate limit leaves, as far as its answer tells. */
export interface RateLimitHeadroom {
  /** Requests (Lightspeed: drips) still available now; null when the source does not say. */
  remaining: number | null;
  /** The limit they are counted against; null when the source does not publish one. */
  limit: number | null;
  /** On a 429: how long the source asks us to wait. */
  retryAfterMs: number | null;
}

/** One probe of one source: the record integration monitoring keeps each minute. */
export interface ProbeResult {
  source: string;
  mode: SourceMode;
  outcome: ProbeOutcome;
  /** True only when the source answered the authenticated read successfully. */
  ok: boolean;
  /** When the probe started (ISO-8601 UTC). */
  checkedAt: string;
  /** From sending the request to the last byte of the answer (credentials included); null when it did not answer. */
  responseMs: number | null;
  /** The HTTP status of the answer; null on timeout or network failure. */
  httpStatus: number | null;
  /** Whether the source accepted our credentials; null when the answer does not tell (timeout, 5xx). */
  authValid: boolean | null;
  rateLimit: RateLimitHeadroom | null;
  /** When the access token in use stops working; null for credentials that do not expire. */
  tokenExpiresAt: string | null;
  /** What went wrong, for operators; never a credential. */
  error: string | null;
}

/** How long a probe may take, in total. */
export interface ProbeOptions {
  timeoutMs?: number;
}

/** The default bound of a probe: a monitor that probes every minute must never pile up. */
export const DEFAULT_PROBE_TIMEOUT_MS = 5_000;

/** One authenticated request (a GET unless `body` is given), described for `probeEndpoint`. */
export interface ProbeRequest {
  source: string;
  mode: SourceMode;
  url: string;
  /** A body to POST (APIs whose every call is a POST, like Authorize.Net's); the Authorization header is then optional. */
  body?: () => Promise<string>;
  /**
   * Reads the outcome from a 2xx answer's body, for APIs that answer every call with 200 and say in the body whether
   * the credentials were accepted. Returns null when the body says all is well.
   */
  judgeBody?: (body: string) => { outcome: ProbeOutcome; error: string } | null;
  /** The Authorization header; may refresh a token, so it runs inside the time bound. */
  authorization?: () => Promise<string>;
  headers?: Record<string, string>;
  /** Reads the rate-limit headroom from any answer (429 included). */
  rateLimit?: (response: Response) => Omit<RateLimitHeadroom, 'retryAfterMs'> | null;
  /** Whether the source checks credentials before its rate limit, so a 429 proves them valid. */
  authCheckedBeforeRateLimit?: boolean;
  /** When the credential just used expires, read after the request. */
  tokenExpiresAt?: () => number | null;
  now: () => Date;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

class ProbeTimeout extends Error {}

/** The outcome an HTTP status means for a probe. */
function outcomeOf(status: number): ProbeOutcome {
  if (status >= 200 && status < 300) return 'up';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 429) return 'throttled';
  return 'failing';
}

/**
 * Sends one authenticated GET, without retries or pacing, and describes the answer. Everything, obtaining the
 * credential included, runs under one time bound: the probe resolves by then whatever the source does, and never
 * throws.
 */
export async function probeEndpoint(request: ProbeRequest): Promise<ProbeResult> {
  const timeoutMs = request.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const checkedAt = request.now().toISOString();
  const base = { source: request.source, mode: request.mode, checkedAt };
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(new ProbeTimeout(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  const started = performance.now();
  const exchange = async () => {
    const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
    if (request.authorization) headers.Authorization = await request.authorization();
    const body = request.body ? await request.body() : undefined;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await (request.fetch ?? fetch)(request.url, {
      method: body === undefined ? 'GET' : 'POST',
      headers,
      body,
      signal: abort.signal,
    });
    // Read the whole answer: the time a client waits for it is the time that matters.
    return { response, body: await response.text() };
  };
  try {
    const { response, body } = await Promise.race([exchange(), expired]);
    const responseMs = Math.round(performance.now() - started);
    const judged = response.ok ? request.judgeBody?.(body) ?? null : null;
    const outcome = judged?.outcome ?? outcomeOf(response.status);
    const headroom = request.rateLimit?.(response) ?? null;
    const retryAfter = response.status === 429 ? retryAfterMs(response.headers.get('retry-after')) : null;
    const expiresAt = request.tokenExpiresAt?.() ?? null;
    return {
      ...base,
      outcome,
      ok: outcome === 'up',
      responseMs,
      httpStatus: response.status,
      authValid: outcome === 'up' ? true : outcome === 'unauthorized' ? false : outcome === 'throttled' && request.authCheckedBeforeRateLimit ? true : null,
      rateLimit: headroom || retryAfter !== null ? { remaining: headroom?.remaining ?? null, limit: headroom?.limit ?? null, retryAfterMs: retryAfter } : null,
      tokenExpiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
      error: outcome === 'up' ? null : judged?.error ?? `HTTP ${response.status}: ${summarize(body)}`,
    };
  } catch (error) {
    const timedOut = error instanceof ProbeTimeout;
    const refused = (error as Error).name.endsWith('AuthError');
    return {
      ...base,
      outcome: timedOut ? 'timeout' : refused ? 'unauthorized' : 'unreachable',
      ok: false,
      responseMs: null,
      httpStatus: null,
      authValid: refused ? false : null,
      rateLimit: null,
      tokenExpiresAt: null,
      error: timedOut ? `no answer within ${timeoutMs} ms` : (error as Error).message,
    };
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

/** The start of an error body, for the probe's error text. */
function summarize(body: string): string {
  return body.replace(/\s+/g, ' ').trim().slice(0, 300) || '(empty body)';
}

/** The result for a source with nothing configured to probe. */
export function notConfigured(source: string, now: Date): ProbeResult {
  return {
    source,
    mode: 'not-configured',
    outcome: 'not-configured',
    ok: false,
    checkedAt: now.toISOString(),
    responseMs: null,
    httpStatus: null,
    authValid: null,
    rateLimit: null,
    tokenExpiresAt: null,
    error: null,
  };
}
