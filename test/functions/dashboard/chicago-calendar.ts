import { DAY_MS } from '@shared/calendar';
/**
 * America/Chicago by hand, for an independent recomputation of the dashboard: no Intl, no Temporal, no time-zone
 * database. Since 2007 the US rule is: daylight time (UTC−5) from the second Sunday of March at 02:00 standard time
 * (08:00 UTC) to the first Sunday of November at 02:00 daylight time (07:00 UTC); standard time (UTC−6) otherwise.
 */
const HOUR_MS = 3_600_000;

/** 0 = Sunday … 6 = Saturday, for a UTC midnight (1 January 1970 was a Thursday). */
function weekday(utcMidnightMs: number): number {
  return (((Math.floor(utcMidnightMs / DAY_MS) + 4) % 7) + 7) % 7;
}

/** The day of the month of the n-th Sunday of a month. */
function nthSunday(year: number, monthIndex: number, n: number): number {
  const firstWeekday = weekday(Date.UTC(year, monthIndex, 1));
  return 1 + ((7 - firstWeekday) % 7) + 7 * (n - 1);
}

/** The instants (UTC ms) at which daylight time begins and ends in a year. */
export function chicagoDaylightTime(year: number): { starts: number; ends: number } {
  return {
    starts: Date.UTC(year, 2, nthSunday(year, 2, 2), 8),
    ends: Date.UTC(year, 10, nthSunday(year, 10, 1), 7),
  };
}

/** Chicago's offset from UTC at an instant, in ms (−5 h or −6 h). */
export function chicagoOffsetMs(instantMs: number): number {
  const { starts, ends } = chicagoDaylightTime(new Date(instantMs).getUTCFullYear());
  return instantMs >= starts && instantMs < ends ? -5 * HOUR_MS : -6 * HOUR_MS;
}

/** The Chicago calendar date (YYYY-MM-DD) of an instant. */
export function chicagoDate(instant: string | number | Date): string {
  const ms = new Date(instant).getTime();
  return new Date(ms + chicagoOffsetMs(ms)).toISOString().slice(0, 10);
}

/** The instant of a Chicago wall-clock time that exists and is not ambiguous (e.g. '2026-03-01T00:00:00'). */
export function chicagoInstant(wallClock: string): Date {
  const asUtc = Date.parse(`${wallClock}Z`);
  // Try standard time first, then daylight time; the one whose offset agrees is the instant.
  for (const offset of [-6 * HOUR_MS, -5 * HOUR_MS]) {
    const candidate = asUtc - offset;
    if (chicagoOffsetMs(candidate) === offset) return new Date(candidate);
  }
  throw new Error(`${wallClock} does not exist in Chicago (spring-forward gap)`);
}

/** The Monday that starts the week of a date. */
export function mondayOf(date: string): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  const sinceMonday = (weekday(ms) + 6) % 7;
  return new Date(ms - sinceMonday * DAY_MS).toISOString().slice(0, 10);
}

/** The first day of the month, and of the year, of a date. */
export const monthOf = (date: string) => `${date.slice(0, 7)}-01`;
export const yearOf = (date: string) => `${date.slice(0, 4)}-01-01`;

/** A date plus n days. */
export function plusDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}
