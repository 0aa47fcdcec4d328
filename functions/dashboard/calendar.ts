/**
 * Calendar arithmetic on YYYY-MM-DD dates. The business time zone decides which date an instant falls on (in SQL);
 * stepping from one date to the next involves no time zone at all, so it is done on UTC dates, which have no DST.
 */
const DAY_MS = 86_400_000;

function parse(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(ms)) throw new RangeError(`Not a date: ${date}`);
  return ms;
}

const format = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Every date from `first` to `last`, both included. */
export function datesBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let ms = parse(first), end = parse(last); ms <= end; ms += DAY_MS) out.push(format(ms));
  return out;
}

/** The first day of every month from the month of `first` to the month of `last`, both included. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  const start = new Date(parse(first));
  const end = new Date(parse(last));
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth();
  while (year < end.getUTCFullYear() || (year === end.getUTCFullYear() && month <= end.getUTCMonth())) {
    out.push(format(Date.UTC(year, month, 1)));
    month++;
    if (month === 12) {
      month = 0;
      year++;
    }
  }
  return out;
}
