/**
 * The request-rate ceiling: a token bucket holding one second's worth of requests, refilled continuously.
 * It runs on real (monotonic) time, not the emulator clock, because clients back off in real time.
 */

/** A token bucket; `null` requests per second means no ceiling. */
export class RateLimiter {
  private tokens = 0;
  private lastRefill = performance.now();

  constructor(private perSecond: number | null) {
    this.reset(perSecond);
  }

  /** Changes the ceiling and starts with a full bucket. */
  reset(perSecond: number | null): void {
    if (perSecond !== null && !(perSecond > 0)) throw new RangeError('maxRequestsPerSecond must be positive or null');
    this.perSecond = perSecond;
    this.tokens = perSecond === null ? 0 : Math.max(1, perSecond);
    this.lastRefill = performance.now();
  }

  /** The current ceiling. */
  get ceiling(): number | null {
    return this.perSecond;
  }

  /** Takes one request's token: 0 when allowed, else the whole seconds to wait (Retry-After, at least 1). */
  take(): number {
    if (this.perSecond === null) return 0;
    const now = performance.now();
    const capacity = Math.max(1, this.perSecond);
    this.tokens = Math.min(capacity, this.tokens + ((now - this.lastRefill) / 1000) * this.perSecond);
    this.lastRefill = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / this.perSecond));
  }
}
