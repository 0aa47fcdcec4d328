/** Counters the emulator keeps so tests and the local stack can see what a client did. */
export interface LightspeedEmulatorStats {
  /** Every request to /API, whatever its outcome. */
  requests: number;
  /** Requests answered 429 (bucket full or forced). */
  throttled: number;
  /** Requests answered 500 by fault injection. */
  serverErrors: number;
  /** Requests refused 401 (no, bad or expired credentials). */
  unauthorized: number;
  /** Successful refresh-token grants. */
  tokenRefreshes: number;
  /** Refresh attempts refused with invalid_grant (revoked or unknown refresh token). */
  invalidGrants: number;
  /** Successful GETs per endpoint, e.g. { Sale: 12 }. */
  byResource: Record<string, number>;
}

/** Fresh zeroed counters. */
export function createStats(): LightspeedEmulatorStats {
  return { requests: 0, throttled: 0, serverErrors: 0, unauthorized: 0, tokenRefreshes: 0, invalidGrants: 0, byResource: {} };
}
