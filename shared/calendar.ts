/**
 * The business calendar. Instants are UTC; which calendar date an instant falls on, and where a local day, week or
 * month begins, depend on the shop's time zone (BUSINESS_TIMEZONE) and are computed here. Stepping from one date to
 * the next involves no time zone at all, so YYYY-MM-DD arithmetic is done on UTC dates, which have no DST.
 */

/** Milliseconds in 24 hours. A local day is not always this long (DST); use the local-day functions for those. */
export const DAY_MS = 86_400_000;

/** A calendar date with no time or zone: a birth date, or "today" somewhere. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

interface WallTime extends CalendarDate {
  hour: number;
  minute: number;
  second: number;
}

/** Whether a year has 29 February (Gregorian rules). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The number of days in a month of a year. */
export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses YYYY-MM-DD into a real calendar date; null for another shape or a day that does not exist (2023-02-29). */
export function parseCalendarDate(text: string): CalendarDate | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** YYYY-MM-DD. */
export function formatCalendarDate(date: CalendarDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Negative, zero or positive as a is before, on or after b. */
export function compareCalendarDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** What the zone's clocks show at an instant. */
function wallTime(instant: Date, timeZone: string): WallTime {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const p of formatter.formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetMs(instant: number, timeZone: string): number {
  const p = wallTime(new Date(instant), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
}

/** The instant at which the zone's clocks show a wall time (the later reading across a DST change). */
function wallTimeToInstant(p: WallTime, ms: number, timeZone: string): Date {
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, ms);
  const first = asUtc - offsetMs(asUtc, timeZone);
  return new Date(asUtc - offsetMs(first, timeZone));
}

/** The calendar date an instant falls on in a time zone (the shop's "today"). */
export function calendarDateIn(instant: Date, timeZone: string): CalendarDate {
  const { year, month, day } = wallTime(instant, timeZone);
  return { year, month, day };
}

/** The local calendar date of an instant, YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: string): string {
  return formatCalendarDate(calendarDateIn(instant, timeZone));
}

function utcMs(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (!ISO_DATE.test(date) || Number.isNaN(ms)) throw new RangeError(`Not a date: ${date}`);
  return ms;
}

const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Whole calendar days from one YYYY-MM-DD date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMs(to) - utcMs(from)) / DAY_MS);
}

/** A YYYY-MM-DD date plus n days. */
export function addDays(date: string, days: number): string {
  return utcDate(utcMs(date) + days * DAY_MS);
}

/** Every date from `first` to `last`, both included. */
export function datesBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let ms = utcMs(first), end = utcMs(last); ms <= end; ms += DAY_MS) out.push(utcDate(ms));
  return out;
}

/** The first day of every month from the month of `first` to the month of `last`, both included. */
export function monthsBetween(first: string, last: string): string[] {
  const monthIndex = (date: string) => {
    const d = new Date(utcMs(date));
    return d.getUTCFullYear() * 12 + d.getUTCMonth();
  };
  const out: string[] = [];
  for (let index = monthIndex(first), end = monthIndex(last); index <= end; index++) {
    out.push(utcDate(Date.UTC(Math.floor(index / 12), index % 12, 1)));
  }
  return out;
}

/** The first instant of a YYYY-MM-DD date in a time zone. */
export function startOfDateIn(date: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  return wallTimeToInstant({ year, month, day, hour: 0, minute: 0, second: 0 }, 0, timeZone);
}

/** The first instant of the local day `instant` falls on. */
export function startOfLocalDay(instant: Date, timeZone: string): Date {
  return startOfDateIn(localDate(instant, timeZone), timeZone);
}

/** The first instant of the local day after `instant`'s local day. */
export function startOfNextLocalDay(instant: Date, timeZone: string): Date {
  return startOfDateIn(addDays(localDate(instant, timeZone), 1), timeZone);
}

/** The first instant of the local week (weeks begin on Monday) that `instant` falls in. */
export function startOfLocalWeek(instant: Date, timeZone: string): Date {
  const date = localDate(instant, timeZone);
  const sinceMonday = (new Date(utcMs(date)).getUTCDay() + 6) % 7;
  return startOfDateIn(addDays(date, -sinceMonday), timeZone);
}

/** The first instant of the local month that `instant` falls in. */
export function startOfLocalMonth(instant: Date, timeZone: string): Date {
  return startOfDateIn(`${localDate(instant, timeZone).slice(0, 8)}01`, timeZone);
}

/** The instant `months` calendar months after `anchor`, at the same local wall time, the day clamped to the month. */
export function addCalendarMonths(anchor: Date, months: number, timeZone: string): Date {
  const p = wallTime(anchor, timeZone);
  const monthIndex = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  return wallTimeToInstant({ ...p, year, month, day: Math.min(p.day, daysInMonth(year, month)) }, anchor.getUTCMilliseconds(), timeZone);
}
