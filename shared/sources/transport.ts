import type { Pacer } from './pacer';

/** What one run's HTTP calls did, for the run record. */
export interface TransportStats {
  calls: number;
  retries: number;
  throttled: number;
  serverErrors: number;
  /** Time spent waiting on the network (request to last body byte), excluding pacing and backoff. */
  httpMs: number;
}

export interface TransportOptions {
  pacer: Pacer;
  /** Attempts for a 5xx or network failure (the first call included). */
  maxAttempts: number;
  /** Attempts for 429s, which the source asks us to retry; a storm is waited out, within reason. */
  maxThrottledAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
  /** Stops retrying once this time has passed (the run's time bound). */
  deadline?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Reads pacing hints from each response (Lightspeed's bucket headers). */
  observe?: (response: Response) => void;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** Seconds or an HTTP date in Retry-After, as milliseconds. */
export function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

/**
 * A fetch that paces requests, retries 429 (honouring Retry-After) and 5xx/network failures with exponential
 * backoff and full jitter, and counts what it did. SDKs are given this fetch with their own retries turned off, so
 * every retry is ours and shows in the run record.
 */
export function createTransport(options: TransportOptions): { fetch: typeof fetch; stats: TransportStats } {
  const stats: TransportStats = { calls: 0, retries: 0, throttled: 0, serverErrors: 0, httpMs: 0 };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const base = options.baseDelayMs ?? 500;
  const cap = options.maxDelayMs ?? 30_000;
  const maxThrottled = options.maxThrottledAttempts ?? 12;

  const backoff = (attempt: number) => random() * Math.min(cap, base * 2 ** attempt);
  const assertTime = (wait: number, what: string) => {
    if (options.deadline && Date.now() + wait > options.deadline) {
      throw new Error(`${what}; giving up: the run's time bound would pass while waiting ${Math.round(wait)} ms`);
    }
  };

  const pacedFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    let failures = 0;
    let throttles = 0;
    for (;;) {
      await options.pacer.wait();
      stats.calls++;
      let response: Response;
      const sent = performance.now();
      try {
        const signal = options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined;
        const received = await fetch(input, { ...init, signal: init?.signal ?? signal });
        // Read the whole body here, so a connection dropped mid-body is retried like any network failure.
        const body = await received.arrayBuffer();
        response = new Response(NULL_BODY_STATUSES.has(received.status) ? null : body, received);
        stats.httpMs += performance.now() - sent;
      } catch (error) {
        stats.httpMs += performance.now() - sent;
        failures++;
        if (failures >= options.maxAttempts) {
          throw new Error(`request failed after ${failures} attempts: ${(error as Error).message}`, { cause: error });
        }
        const wait = backoff(failures);
        assertTime(wait, 'network failure');
        stats.retries++;
        await sleep(wait);
        continue;
      }
      options.observe?.(response);
      if (response.status === 429) {
        stats.throttled++;
        throttles++;
        if (throttles >= maxThrottled) return response;
        const wait = (retryAfterMs(response.headers.get('retry-after')) ?? backoff(throttles)) + random() * 250;
        options.pacer.pauseFor(wait);
        assertTime(wait, 'rate limited (429)');
        stats.retries++;
        await sleep(wait);
        continue;
      }
      if (response.status >= 500) {
        stats.serverErrors++;
        failures++;
        if (failures >= options.maxAttempts) return response;
        const wait = backoff(failures);
        assertTime(wait, `server error ${response.status}`);
        stats.retries++;
        await sleep(wait);
        continue;
      }
      return response;
    }
  };
  return { fetch: pacedFetch as typeof fetch, stats };
}
