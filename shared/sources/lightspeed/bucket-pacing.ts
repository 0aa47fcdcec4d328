import { Pacer } from '../pacer';

/** What the pacer assumes before Lightspeed tells it, and how much it leaves to others. */
export interface BucketPacingOptions {
  /** Bucket size assumed until the first X-LS-API-Bucket-Level header. */
  size: number;
  /** Drain rate assumed until the first X-LS-API-Drip-Rate header. */
  dripPerSecond: number;
  /** Drips kept free for other clients of the same account (other instances, other apps). */
  headroom: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** A bucket reading from the headers of one response. */
export interface BucketReading {
  level: number;
  size: number;
  dripPerSecond: number | null;
}

/** Every GET costs one drip (writes cost ten; the sync only reads). */
const GET_COST = 1;
/** How long later requests wait for the start-up probe's answer before one of them probes instead. */
const PROBE_WAIT_MS = 2_000;

/** Reads X-LS-API-Bucket-Level ("12.5/90") and X-LS-API-Drip-Rate ("1"); null when the response has no bucket. */
export function readBucketHeaders(headers: Headers): BucketReading | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(headers.get('x-ls-api-bucket-level') ?? '');
  if (!match) return null;
  const drip = Number(headers.get('x-ls-api-drip-rate'));
  return { level: Number(match[1]), size: Number(match[2]), dripPerSecond: drip > 0 ? drip : null };
}

/**
 * Paces requests by Lightspeed's leaky bucket so that it never overflows. It keeps its own estimate of the bucket
 * level, draining at the drip rate and raised by every request it lets through, and takes the level each response
 * reports whenever that is higher (other clients of the account pour into the same bucket). A request goes only when
 * the bucket, after it, stays at or below size − headroom; otherwise it waits for the drain. Until the first response
 * has told the real level, one request goes alone, so a bucket another client filled is not overrun at start-up.
 */
export class BucketPacer extends Pacer {
  private level = 0;
  private levelAt: number;
  private size: number;
  private dripPerSecond: number;
  private readonly headroom: number;
  private pausedUntil = 0;
  private calibrated = false;
  private probing = false;
  private calibration: Promise<void>;
  private markCalibrated!: () => void;
  private readonly clock: () => number;
  private readonly pause: (ms: number) => Promise<void>;

  constructor(options: BucketPacingOptions) {
    const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    super(null, sleep);
    this.pause = sleep;
    this.clock = options.now ?? Date.now;
    this.size = options.size;
    this.dripPerSecond = options.dripPerSecond;
    this.headroom = options.headroom;
    this.levelAt = this.clock();
    this.calibration = new Promise<void>((resolve) => (this.markCalibrated = resolve));
  }

  /** The estimated bucket level now. */
  estimatedLevel(): number {
    const now = this.clock();
    return Math.max(0, this.level - ((now - this.levelAt) / 1000) * this.dripPerSecond);
  }

  /** The highest level the pacer lets the bucket reach. */
  ceiling(): number {
    return this.size - Math.min(this.headroom, this.size / 2);
  }

  /** Resolves when a request can go without the bucket passing its ceiling, and counts that request in. */
  override async wait(): Promise<void> {
    for (;;) {
      if (!this.calibrated) {
        if (!this.probing) {
          this.probing = true;
          this.take(GET_COST);
          return;
        }
        // Bounded, so a probe lost to a network failure (its retry waits here too) cannot stall everyone.
        if (!(await this.calibratedWithin(PROBE_WAIT_MS))) this.probing = false;
        continue;
      }
      const now = this.clock();
      const level = this.estimatedLevel();
      const overflow = level + GET_COST - this.ceiling();
      const waitMs = Math.max(this.pausedUntil - now, overflow > 0 ? (overflow / this.dripPerSecond) * 1000 : 0);
      if (waitMs <= 0) {
        this.take(GET_COST);
        return;
      }
      // Several waiters may wake together; each re-checks, and only those that still fit go.
      await this.pause(Math.ceil(waitMs));
    }
  }

  /** Holds every request back for `ms` (a 429's Retry-After). */
  override pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock() + ms);
  }

  /** Learns the bucket's size, drip rate and level from a response's headers. */
  observe(response: Response): void {
    const reading = readBucketHeaders(response.headers);
    if (!reading) {
      // A response without bucket headers (a network-level refusal) still ends the start-up probe.
      if (this.probing && !this.calibrated) this.probing = false;
      return;
    }
    this.size = reading.size;
    if (reading.dripPerSecond) this.dripPerSecond = reading.dripPerSecond;
    const estimate = this.estimatedLevel();
    this.level = Math.max(estimate, reading.level);
    this.levelAt = this.clock();
    if (!this.calibrated) {
      this.calibrated = true;
      this.markCalibrated();
    }
  }

  /** Whether the start-up probe is answered within `ms` (a real timer, cleared as soon as it is). */
  private calibratedWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    return Promise.race([this.calibration.then(() => true), timeout]).finally(() => clearTimeout(timer));
  }

  private take(cost: number): void {
    this.level = this.estimatedLevel() + cost;
    this.levelAt = this.clock();
  }
}
