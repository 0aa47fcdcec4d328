/**
 * Lightspeed's per-account leaky bucket. Each request pours its cost in, the bucket drains at the drip rate, and a
 * request is refused while the level is at or above the size. As documented, the first request that pushes the level
 * past the size is still admitted (hence levels like "92.57/90"); a refused request adds nothing.
 */

/** Bucket size and drain rate. */
export interface BucketSettings {
  size: number;
  dripPerSecond: number;
}

/** Outcome of offering a request to the bucket. */
export interface BucketDecision {
  admitted: boolean;
  /** Level after the decision. */
  level: number;
  size: number;
  dripPerSecond: number;
  /** Whole seconds until a request would be admitted; 0 when admitted. */
  retryAfterSeconds: number;
}

/** Lightspeed's documented base allowance for a one-register account (90 drips, 1 drip/s). */
export const DEFAULT_BUCKET: BucketSettings = { size: 90, dripPerSecond: 1 };

/** The bucket of one account. */
export class LeakyBucket {
  private level = 0;
  private drainedAt: number;

  constructor(
    private settings: BucketSettings,
    private readonly nowMs: () => number,
  ) {
    this.drainedAt = nowMs();
  }

  /** Admits a request of `cost` drips if the bucket is below its size. */
  offer(cost: number): BucketDecision {
    this.drain();
    const { size, dripPerSecond } = this.settings;
    if (this.level < size) {
      this.level += cost;
      return { admitted: true, level: this.level, size, dripPerSecond, retryAfterSeconds: 0 };
    }
    // Waiting this long brings the level strictly below the size again.
    const retryAfterSeconds = Math.floor((this.level - size) / dripPerSecond) + 1;
    return { admitted: false, level: this.level, size, dripPerSecond, retryAfterSeconds };
  }

  /** Current state without offering anything. */
  peek(): BucketDecision {
    this.drain();
    const { size, dripPerSecond } = this.settings;
    const retryAfterSeconds = this.level < size ? 0 : Math.floor((this.level - size) / dripPerSecond) + 1;
    return { admitted: this.level < size, level: this.level, size, dripPerSecond, retryAfterSeconds };
  }

  /** Changes size or drip rate, or sets the level (tests use this to start from a full bucket). */
  configure(change: Partial<BucketSettings> & { level?: number }): void {
    this.drain();
    this.settings = {
      size: change.size ?? this.settings.size,
      dripPerSecond: change.dripPerSecond ?? this.settings.dripPerSecond,
    };
    if (change.level !== undefined) this.level = Math.max(0, change.level);
  }

  private drain(): void {
    const now = this.nowMs();
    // A clock that steps backwards (tests) must not refill the bucket.
    const elapsed = Math.max(0, now - this.drainedAt) / 1000;
    this.level = Math.max(0, this.level - elapsed * this.settings.dripPerSecond);
    this.drainedAt = Math.max(now, this.drainedAt);
  }
}
