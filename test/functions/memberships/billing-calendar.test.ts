import { addCalendarMonths, daysBetween, localDate, startOfNextLocalDay } from '@shared/calendar';
import { nextPeriodEnd } from '../../../functions/memberships/billing-calendar';
import { dunningAction, nextDunningDate } from '../../../functions/memberships/dunning';
import type { MembershipRow } from '../../../functions/memberships/membership-record';

const tz = 'America/Chicago';

describe('billing calendar in the business time zone', () => {
  it.each([
    // anchor, months, expected: same local wall time, day clamped to the month, DST respected
    ['2026-01-15T18:00:00Z', 1, '2026-02-15T18:00:00.000Z'],
    ['2026-02-15T18:00:00Z', 1, '2026-03-15T17:00:00.000Z'], // noon CST → noon CDT
    ['2026-10-15T17:00:00Z', 1, '2026-11-15T18:00:00.000Z'], // and back
    ['2026-01-31T18:00:00Z', 1, '2026-02-28T18:00:00.000Z'],
    ['2028-01-31T18:00:00Z', 1, '2028-02-29T18:00:00.000Z'], // leap year
    ['2026-01-31T18:00:00Z', 2, '2026-03-31T17:00:00.000Z'], // from the anchor, not from 28 February
    ['2026-12-10T18:00:00Z', 1, '2027-01-10T18:00:00.000Z'],
    ['2026-04-01T04:30:00Z', 1, '2026-05-01T04:30:00.000Z'], // 31 March 23:30 local → 30 April 23:30 local
  ])('%s + %i month(s) = %s', (anchor, months, expected) => {
    expect(addCalendarMonths(new Date(anchor), months, tz).toISOString()).toBe(expected);
  });

  it('keeps periods on the anchor day after a short month', () => {
    const anchor = new Date('2026-01-31T18:00:00Z');
    const feb = nextPeriodEnd(anchor, anchor, tz);
    const mar = nextPeriodEnd(anchor, feb, tz);
    const apr = nextPeriodEnd(anchor, mar, tz);
    expect([feb, mar, apr].map((d) => localDate(d, tz))).toEqual(['2026-02-28', '2026-03-31', '2026-04-30']);
  });

  it('counts local calendar days', () => {
    expect(localDate(new Date('2026-03-16T04:59:00Z'), tz)).toBe('2026-03-15');
    expect(localDate(new Date('2026-03-16T05:00:00Z'), tz)).toBe('2026-03-16');
    expect(daysBetween('2026-02-01', '2026-03-01')).toBe(28);
    expect(daysBetween('2026-03-01', '2026-02-27')).toBe(-2);
    expect(startOfNextLocalDay(new Date('2026-03-07T20:00:00Z'), tz).toISOString()).toBe('2026-03-08T06:00:00.000Z');
    expect(startOfNextLocalDay(new Date('2026-03-08T20:00:00Z'), tz).toISOString()).toBe('2026-03-09T05:00:00.000Z');
  });
});

describe('dunning schedule', () => {
  const row = (status: string, failed: number): MembershipRow =>
    ({ status, failed_attempts: failed, past_due_since: '2026-03-01T12:00:00.000Z' }) as MembershipRow;
  const on = (date: string) => new Date(`${date}T12:00:00Z`);

  it.each([
    ['past_due', 1, '2026-03-03', { kind: 'wait' }],
    ['past_due', 1, '2026-03-04', { kind: 'retry', attempt: 2 }],
    ['past_due', 1, '2026-03-06', { kind: 'retry', attempt: 2 }], // a missed run catches up
    ['past_due', 2, '2026-03-07', { kind: 'wait' }],
    ['past_due', 2, '2026-03-08', { kind: 'retry', attempt: 3 }],
    ['suspended', 3, '2026-03-14', { kind: 'wait' }],
    ['suspended', 3, '2026-03-15', { kind: 'cancel' }],
    ['active', 0, '2026-03-15', { kind: 'wait' }],
  ])('%s after %i failures on %s: %j', (status, failed, date, action) => {
    expect(dunningAction(row(status, failed), on(date), tz)).toEqual(action);
  });

  it('names the date of the next step', () => {
    expect(nextDunningDate(row('past_due', 1), tz)).toBe('2026-03-04');
    expect(nextDunningDate(row('past_due', 2), tz)).toBe('2026-03-08');
    expect(nextDunningDate(row('suspended', 3), tz)).toBe('2026-03-15');
  });
});
