import {
  DAY_MS,
  calendarDateIn,
  localDate,
  monthsBetween,
  datesBetween,
  startOfLocalDay,
  startOfLocalMonth,
  startOfLocalWeek,
  startOfNextLocalDay,
} from '@shared/calendar';

const tz = 'America/Chicago';

describe('calendar stepping for zero-filled series', () => {
  it('steps days across month ends, a leap day and the DST dates without skipping or repeating', () => {
    expect(datesBetween('2024-02-27', '2024-03-02')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01', '2024-03-02']);
    expect(datesBetween('2026-03-07', '2026-03-09')).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
    expect(datesBetween('2026-03-09', '2026-03-08')).toEqual([]);
  });

  it('steps months across a year end', () => {
    expect(monthsBetween('2025-11-17', '2026-02-01')).toEqual(['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01']);
  });
});

describe('local days, weeks and months in the business time zone', () => {
  it.each([
    // instant, local date, start of its local day, of the next, of its week (Monday), of its month
    ['2026-03-08T12:00:00Z', '2026-03-08', '2026-03-08T06:00:00.000Z', '2026-03-09T05:00:00.000Z', '2026-03-02T06:00:00.000Z', '2026-03-01T06:00:00.000Z'], // the 23-hour day clocks spring forward
    ['2026-03-11T15:00:00Z', '2026-03-11', '2026-03-11T05:00:00.000Z', '2026-03-12T05:00:00.000Z', '2026-03-09T05:00:00.000Z', '2026-03-01T06:00:00.000Z'],
    ['2026-04-01T03:00:00Z', '2026-03-31', '2026-03-31T05:00:00.000Z', '2026-04-01T05:00:00.000Z', '2026-03-30T05:00:00.000Z', '2026-03-01T06:00:00.000Z'], // still March in Chicago
    ['2026-11-01T12:00:00Z', '2026-11-01', '2026-11-01T05:00:00.000Z', '2026-11-02T06:00:00.000Z', '2026-10-26T05:00:00.000Z', '2026-11-01T05:00:00.000Z'], // the 25-hour day clocks fall back
    ['2027-01-01T12:00:00Z', '2027-01-01', '2027-01-01T06:00:00.000Z', '2027-01-02T06:00:00.000Z', '2026-12-28T06:00:00.000Z', '2027-01-01T06:00:00.000Z'], // a week across the year end
  ])('%s is %s locally', (at, date, day, nextDay, week, month) => {
    const instant = new Date(at);
    expect(localDate(instant, tz)).toBe(date);
    expect(calendarDateIn(instant, tz)).toEqual({ year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) });
    expect(startOfLocalDay(instant, tz).toISOString()).toBe(day);
    expect(startOfNextLocalDay(instant, tz).toISOString()).toBe(nextDay);
    expect(startOfLocalWeek(instant, tz).toISOString()).toBe(week);
    expect(startOfLocalMonth(instant, tz).toISOString()).toBe(month);
  });

  it('a local day lasts 23, 24 or 25 hours; DAY_MS is only the 24', () => {
    const length = (at: string) => (startOfNextLocalDay(new Date(at), tz).getTime() - startOfLocalDay(new Date(at), tz).getTime()) / 3_600_000;
    expect([length('2026-03-08T12:00:00Z'), length('2026-06-01T12:00:00Z'), length('2026-11-01T12:00:00Z')]).toEqual([23, 24, 25]);
    expect(DAY_MS / 3_600_000).toBe(24);
  });
});
