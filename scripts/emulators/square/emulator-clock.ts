/**
 * The emulator's notion of time. Every change is stamped with `tick()`, which never returns the same millisecond
 * twice, so updated_at watermarks strictly increase even when tests freeze the wall clock.
 */
import { floor, isInteger, max } from './bound-globals';

/** A clock that follows `now` but never goes backwards and never repeats a change stamp. */
export class EmulatorClock {
  private last: number;

  constructor(private readonly now: () => Date, floorMs = 0) {
    this.last = floorMs;
  }

  /** The current time in ms: the wall clock, or the last stamp handed out if that is later. */
  current(): number {
    return max(this.now().getTime(), this.last);
  }

  /** A fresh change stamp in ms, strictly later than every earlier one. */
  tick(): number {
    this.last = max(this.now().getTime(), this.last + 1);
    return this.last;
  }

  /** Makes sure later stamps fall after `ms` (used after generating history that ends at `now`). */
  advancePast(ms: number): void {
    if (ms > this.last) this.last = ms;
  }
}

const HOUR_MS = 3_600_000;
const hourPrefixes = new Map<number, string>();
let minuteParts: string[] | undefined;
let secondParts: string[] | undefined;

/**
 * RFC 3339 with milliseconds in UTC, the format Square returns (same output as Date#toISOString). Generating
 * a shop formats a few hundred thousand times, so the hour prefix is cached and the rest comes from tables.
 */
export function iso(ms: number): string {
  if (!isInteger(ms) || ms < 0 || ms >= 253402300800000) return new Date(ms).toISOString();
  const hour = floor(ms / HOUR_MS);
  let prefix = hourPrefixes.get(hour);
  if (prefix === undefined) {
    prefix = new Date(hour * HOUR_MS).toISOString().slice(0, 14);
    hourPrefixes.set(hour, prefix);
  }
  minuteParts ??= Array.from({ length: 60 }, (_, m) => `${String(m).padStart(2, '0')}:`);
  secondParts ??= Array.from({ length: 60_000 }, (_, i) => `${String(floor(i / 1000)).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}Z`);
  const rest = ms - hour * HOUR_MS;
  return prefix + minuteParts[floor(rest / 60_000)] + secondParts[rest % 60_000];
}
