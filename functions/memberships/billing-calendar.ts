/**
 * Billing dates in the business time zone: a period ends whole calendar months after the billing anchor, at the same
 * local wall-clock time (the 31st becomes the last day of shorter months), and "days" are local calendar days.
 */

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function localParts(instant: Date, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetMs(instant: number, timeZone: string): number {
  const p = localParts(new Date(instant), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
}

/** The instant at which the zone's clocks show a wall time (the later reading across a DST change). */
function wallTimeToInstant(p: LocalParts, ms: number, timeZone: string): Date {
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, ms);
  const first = asUtc - offsetMs(asUtc, timeZone);
  const second = asUtc - offsetMs(first, timeZone);
  return new Date(second);
}

/** The local calendar date of an instant, YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Whole calendar days from one YYYY-MM-DD date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** A YYYY-MM-DD date plus n days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The instant `months` calendar months after `anchor`, at the same local wall time, the day clamped to the month. */
export function addCalendarMonths(anchor: Date, months: number, timeZone: string): Date {
  const p = localParts(anchor, timeZone);
  const monthIndex = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return wallTimeToInstant({ ...p, year, month, day: Math.min(p.day, lastDay) }, anchor.getUTCMilliseconds(), timeZone);
}

/** The end of the billing period that follows one ending at `periodEnd`: the next whole month after the anchor. */
export function nextPeriodEnd(anchor: Date, periodEnd: Date, timeZone: string): Date {
  for (let months = 1; ; months++) {
    const candidate = addCalendarMonths(anchor, months, timeZone);
    // An hour of slack absorbs a DST shift between the two computations of the same boundary.
    if (candidate.getTime() > periodEnd.getTime() + 3_600_000) return candidate;
  }
}

/** The first instant of the local day after `instant`'s local day. */
export function startOfNextLocalDay(instant: Date, timeZone: string): Date {
  const [year, month, day] = addDays(localDate(instant, timeZone), 1).split('-').map(Number);
  return wallTimeToInstant({ year, month, day, hour: 0, minute: 0, second: 0 }, 0, timeZone);
}
