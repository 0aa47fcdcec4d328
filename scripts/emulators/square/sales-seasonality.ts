/**
 * When sales happen: store hours and an evening peak, busy Fridays and Saturdays, 4/20 and Black Friday spikes,
 * slow holidays, and growth over the years. Sampling is a binary search over hourly buckets, so 100,000 sale
 * times cost a few milliseconds.
 */
import { ceil, floor, max, min } from './bound-globals';
import type { Rng } from './random';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Relative sales by local hour for a store that opens at 9 and closes at 22. */
const STORE_HOURS = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0.2, 0.6, 0.8, 1.0, 1.0, 0.9, 0.9, 1.1, 1.4, 1.6, 1.5, 1.2, 0.8, 0.3, 0];
/** Relative sales by local hour for the web shop, which never closes. */
const WEB_HOURS = [0.3, 0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.2, 0.4, 0.6, 0.7, 0.8, 0.9, 0.9, 0.9, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.3, 1.0, 0.6];
/** Relative sales by local weekday, Sunday first. */
const WEEKDAYS = [0.85, 0.75, 0.8, 0.85, 1.0, 1.35, 1.4];
/** Relative sales by month, January first. */
const MONTHS = [0.88, 0.9, 0.97, 1.08, 1.0, 0.98, 1.02, 1.0, 0.97, 1.0, 1.05, 1.15];

/** Holiday effects for a local calendar date (month 1-12). */
function holidayFactor(year: number, month: number, day: number, weekday: number): number {
  if (month === 4 && day === 20) return 3.2; // 4/20
  if (month === 7 && day === 10) return 1.6; // 7/10, "oil day"
  if (month === 12 && day === 25) return 0.25;
  if (month === 12 && day === 24) return 1.5;
  if (month === 1 && day === 1) return 0.5;
  if (month === 7 && day === 4) return 1.3;
  // Black Friday: the day after the fourth Thursday of November.
  if (month === 11 && weekday === 5) {
    const firstThursday = 1 + ((4 - new Date(Date.UTC(year, 10, 1)).getUTCDay() + 7) % 7);
    if (day === firstThursday + 22) return 2.2;
  }
  return 1;
}

/** UTC offset in ms of `timeZone` at `ms` (negative west of Greenwich). */
function utcOffsetMs(timeZone: string, ms: number, fmt: Map<string, Intl.DateTimeFormat>): number {
  let f = fmt.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    fmt.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return asUtc - floor(ms / 60_000) * 60_000;
}

/** Where a sale may happen: a time zone, a web or store profile, and a share of the business. */
export interface SalesChannel {
  timeZone: string;
  online: boolean;
  weight: number;
}

/** Draws sale times and channels with the shop's seasonality between `fromMs` and `toMs`. */
export class SaleTimeSampler {
  private readonly cumulative: Float64Array;
  private readonly hours: number;

  constructor(channels: readonly SalesChannel[], private readonly fromMs: number, private readonly toMs: number) {
    this.hours = max(1, ceil((toMs - fromMs) / HOUR_MS));
    this.cumulative = new Float64Array(this.hours * channels.length);
    const formats = new Map<string, Intl.DateTimeFormat>();
    let total = 0;
    // Calendar factors change once per local day; cache them by day number instead of building a Date per hour.
    const dayFactors = new Map<number, number>();
    const dayFactor = (day: number): number => {
      let f = dayFactors.get(day);
      if (f === undefined) {
        const d = new Date(day * DAY_MS);
        const wd = d.getUTCDay(), m = d.getUTCMonth();
        f = WEEKDAYS[wd] * MONTHS[m] * holidayFactor(d.getUTCFullYear(), m + 1, d.getUTCDate(), wd);
        dayFactors.set(day, f);
      }
      return f;
    };
    for (let c = 0; c < channels.length; c++) {
      const ch = channels[c];
      const profile = ch.online ? WEB_HOURS : STORE_HOURS;
      let offset = 0;
      for (let h = 0; h < this.hours; h++) {
        const at = fromMs + h * HOUR_MS;
        // Offsets only change at DST switches, so looking them up once a day is enough.
        if (h % 24 === 0) offset = utcOffsetMs(ch.timeZone, at + 12 * HOUR_MS, formats);
        const local = at + offset;
        const day = floor(local / DAY_MS);
        const localHour = floor((local - day * DAY_MS) / HOUR_MS);
        const growth = 0.75 + 0.5 * (h / this.hours);
        total += ch.weight * profile[localHour] * dayFactor(day) * growth;
        this.cumulative[c * this.hours + h] = total;
      }
    }
  }

  /** One sale: the index of its channel and its time in ms. */
  sample(rng: Rng): { channel: number; ms: number } {
    const total = this.cumulative[this.cumulative.length - 1];
    const r = rng.next() * total;
    let lo = 0, hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] > r) hi = mid; else lo = mid + 1;
    }
    const channel = floor(lo / this.hours);
    const start = this.fromMs + (lo % this.hours) * HOUR_MS;
    const end = min(start + HOUR_MS, this.toMs);
    return { channel, ms: start + floor(rng.next() * max(1, end - start)) };
  }
}
