import { datesBetween, monthsBetween } from '../../../functions/dashboard/calendar';
import { averageCents, dollars } from '../../../functions/dashboard/money';

describe('cents become dollars exactly at the API edge', () => {
  it.each([
    [0, '0'],
    [7, '0.07'],
    [10, '0.1'],
    [123450, '1234.5'],
    [-1999, '-19.99'],
    [-5, '-0.05'],
    [30, '0.3'], // 0.1 + 0.2 would print 0.30000000000000004
    [900719925474099, '9007199254740.99'],
  ])('%i cents print as %s', (cents, printed) => expect(JSON.stringify(dollars(cents))).toBe(printed));

  it('refuses fractions of a cent', () => expect(() => dollars(10.5)).toThrow(RangeError));

  it.each([
    [1000, 3, 333],
    [1001, 2, 501], // half a cent rounds away from zero
    [-1001, 2, -501],
    [999, 2, 500],
    [5, 0, 0],
    [9_007_199_254_740, 7, 1_286_742_750_677],
  ])('%i cents over %i sales average %i cents', (total, count, average) => expect(averageCents(total, count)).toBe(average));
});

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
