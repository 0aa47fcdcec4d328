import {
  averageCents,
  centsToDollarText,
  centsToDollars,
  divideRoundHalfUp,
  parseDollars,
  percentOfCents,
  prorateCents,
} from '@shared/money';

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
  ])('%i cents print as %s', (cents, printed) => expect(JSON.stringify(centsToDollars(cents))).toBe(printed));

  it('refuses fractions of a cent', () => expect(() => centsToDollars(10.5)).toThrow(RangeError));

  it.each([
    [1000, 3, 333],
    [1001, 2, 501], // half a cent rounds away from zero
    [-1001, 2, -501],
    [999, 2, 500],
    [5, 0, 0],
    [9_007_199_254_740, 7, 1_286_742_750_677],
  ])('%i cents over %i sales average %i cents', (total, count, average) => expect(averageCents(total, count)).toBe(average));
});

describe('money helpers', () => {
  it.each([
    ['12', 1200],
    ['12.5', 1250],
    ['12.34', 1234],
    ['0.29', 29],
    [' 7.05 ', 705],
    ['12.345', null],
    ['-1', null],
    ['1e3', null],
    ['', null],
    ['abc', null],
  ])('parseDollars(%j) = %j', (text, cents) => {
    expect(parseDollars(text)).toBe(cents);
  });

  it('rounds half up and refuses what it cannot do exactly', () => {
    expect([divideRoundHalfUp(5, 10), divideRoundHalfUp(4, 10), divideRoundHalfUp(15, 10), divideRoundHalfUp(25, 10)]).toEqual([1, 0, 2, 3]);
    expect(percentOfCents(333, 30)).toBe(100); // 99.9
    expect(prorateCents(10000, 18, 28)).toBe(6429); // 6428.57…
    expect(prorateCents(10000, 14, 28)).toBe(5000);
    expect(() => divideRoundHalfUp(1, 0)).toThrow();
    expect(() => divideRoundHalfUp(1.5, 2)).toThrow();
  });
});

describe('dollar text for gateways', () => {
  it.each([
    [6429, '64.29'],
    [5, '0.05'],
    [19700, '197.00'],
    [-1999, '-19.99'],
  ])('%i cents are sent as %s', (cents, text) => expect(centsToDollarText(cents)).toBe(text));

  it('every text it writes parses back to the same cents', () => {
    for (const cents of [0, 1, 9, 10, 99, 100, 101, 4750, 99_999_999_999]) expect(parseDollars(centsToDollarText(cents))).toBe(cents);
  });
});
