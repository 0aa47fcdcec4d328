import { ageOn, birthdayIn } from '../../../functions/age-verification/age';
import { calendarDateIn, parseCalendarDate } from '@shared/calendar';
import { normalizeFullName } from '../../../functions/age-verification/full-name';
import { judgeAge } from '../../../functions/age-verification/self-attestation';
import { verificationRequestSchema } from '../../../functions/age-verification/verification-request';
import { call } from '../../support/http';
import { tokenFor } from '../../support/runtime';
import { type AgeVerificationServer, claim, startAgeVerification } from './support';

const valid = claim('c1');

describe('malformed requests: 400 naming the field', () => {
  const cases: Array<[label: string, overrides: Record<string, unknown>, field: string]> = [
    ['a one-part name', { fullName: 'Madonna' }, 'fullName'],
    ['a one-part name padded with spaces', { fullName: '  Cher  ' }, 'fullName'],
    ['a one-character name', { fullName: 'A' }, 'fullName'],
    ['a 101-character name', { fullName: `${'A'.repeat(50)} ${'B'.repeat(50)}` }, 'fullName'],
    ['digits in the name', { fullName: 'Alice Sm1th' }, 'fullName'],
    ['an underscore', { fullName: 'Alice_Smith Jones' }, 'fullName'],
    ['a tab between parts', { fullName: 'Alice\tSmith' }, 'fullName'],
    ['a part with no letter', { fullName: "Alice - '" }, 'fullName'],
    ['an emoji', { fullName: 'Alice Smith 😀' }, 'fullName'],
    ['a name that is not text', { fullName: 42 }, 'fullName'],
    ['a missing name', { fullName: undefined }, 'fullName'],
    ['30 February', { dateOfBirth: '1990-02-30' }, 'dateOfBirth'],
    ['29 February of a common year', { dateOfBirth: '2001-02-29' }, 'dateOfBirth'],
    ['29 February 1900 (not a leap year)', { dateOfBirth: '1900-02-29' }, 'dateOfBirth'],
    ['month 13', { dateOfBirth: '1990-13-01' }, 'dateOfBirth'],
    ['month 0', { dateOfBirth: '1990-00-10' }, 'dateOfBirth'],
    ['day 0', { dateOfBirth: '1990-01-00' }, 'dateOfBirth'],
    ['31 April', { dateOfBirth: '1990-04-31' }, 'dateOfBirth'],
    ['slashes', { dateOfBirth: '1990/01/01' }, 'dateOfBirth'],
    ['no zero padding', { dateOfBirth: '1990-1-1' }, 'dateOfBirth'],
    ['a time part', { dateOfBirth: '1990-01-01T00:00:00Z' }, 'dateOfBirth'],
    ['a number', { dateOfBirth: 19900101 }, 'dateOfBirth'],
    ['a territory', { state: 'PR' }, 'state'],
    ['an unknown code', { state: 'XX' }, 'state'],
    ['a state name', { state: 'Texas' }, 'state'],
    ['three digits', { idNumberLast4: '123' }, 'idNumberLast4'],
    ['five digits', { idNumberLast4: '12345' }, 'idNumberLast4'],
    ['a letter', { idNumberLast4: '12a4' }, 'idNumberLast4'],
    ['a number (leading zeros would be lost)', { idNumberLast4: 1234 }, 'idNumberLast4'],
    ['Arabic-Indic digits', { idNumberLast4: '١٢٣٤' }, 'idNumberLast4'],
    ['an empty customer id', { customerId: '' }, 'customerId'],
  ];

  test.each(cases)('%s → %s', (_label, overrides, field) => {
    const result = verificationRequestSchema.safeParse({ ...valid, ...overrides });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual([field]);
  });

  const accepted: Array<[label: string, overrides: Record<string, unknown>]> = [
    ['Spanish accents', { fullName: 'José Álvarez' }],
    ['apostrophe and hyphen', { fullName: "Zoë O'Connor-Smith" }],
    ['typographic apostrophe', { fullName: 'D’Angelo Russell' }],
    ['Hawaiian ʻokina', { fullName: 'Kaʻiulani Cleghorn' }],
    ['Vietnamese', { fullName: 'Nguyễn Văn An' }],
    ['Cyrillic', { fullName: 'Ольга Петрова' }],
    ['Arabic', { fullName: 'محمد علي' }],
    ['Chinese', { fullName: '李 小龍' }],
    ['combining marks (decomposed accents)', { fullName: 'Jose\u0301 Garci\u0301a' }],
    ['three parts with a double space', { fullName: 'Mary Ann  Smith' }],
    ['exactly 100 characters', { fullName: `${'A'.repeat(49)} ${'B'.repeat(50)}` }],
    ['29 February of a leap year', { dateOfBirth: '2004-02-29' }],
    ['29 February 2000 (divisible by 400)', { dateOfBirth: '2000-02-29' }],
    ['DC', { state: 'DC' }],
    ['a lower-case state with spaces', { state: ' tx ' }],
    ['leading zeros in the digits', { idNumberLast4: '0007' }],
  ];

  test.each(accepted)('accepts %s', (_label, overrides) => {
    const result = verificationRequestSchema.safeParse({ ...valid, ...overrides });
    expect(result.error?.issues).toBeUndefined();
  });

  test('the state is normalized to its upper-case code and the date parsed', () => {
    const parsed = verificationRequestSchema.parse({ ...valid, state: ' dc ', dateOfBirth: '2004-02-29' });
    expect(parsed.state).toBe('DC');
    expect(parsed.dateOfBirth).toEqual({ year: 2004, month: 2, day: 29 });
  });

  test('names typed differently normalize alike (for the keyed hash)', () => {
    expect(normalizeFullName('  JOSÉ  Álvarez ')).toBe(normalizeFullName('Jose\u0301 a\u0301lvarez'));
    expect(normalizeFullName('D’Angelo Russell')).toBe(normalizeFullName("d'angelo russell"));
  });
});

describe('age rules in the business time zone (America/Chicago)', () => {
  const tz = 'America/Chicago';
  const judge = (dateOfBirth: string, at: string, timeZone = tz) =>
    judgeAge({ ...valid, dateOfBirth: parseCalendarDate(dateOfBirth)!, state: 'TX' }, { now: new Date(at), timeZone });

  const cases: Array<[label: string, dateOfBirth: string, at: string, expected: object]> = [
    // 15 March 2026 00:00 CDT is 05:00 UTC.
    ['one second before the 21st birthday’s midnight (CDT)', '2005-03-15', '2026-03-15T04:59:59Z', { passed: false, age: 20, code: 'UNDER_AGE' }],
    ['at the 21st birthday’s midnight (CDT)', '2005-03-15', '2026-03-15T05:00:00Z', { passed: true, age: 21 }],
    ['birthday already begun in UTC but not in Chicago', '2005-03-15', '2026-03-15T02:00:00Z', { passed: false, age: 20 }],
    // 10 January 2026 00:00 CST is 06:00 UTC.
    ['one second before the 21st birthday’s midnight (CST)', '2005-01-10', '2026-01-10T05:59:59Z', { passed: false, age: 20 }],
    ['at the 21st birthday’s midnight (CST)', '2005-01-10', '2026-01-10T06:00:00Z', { passed: true, age: 21 }],
    // Born 29 February 2004: the 21st birthday falls in 2025, a common year, so it is 1 March.
    ['29 Feb birthday, 28 Feb of a common year, late evening', '2004-02-29', '2025-03-01T05:59:59Z', { passed: false, age: 20 }],
    ['29 Feb birthday, 1 March of a common year, midnight', '2004-02-29', '2025-03-01T06:00:00Z', { passed: true, age: 21 }],
    ['just under 21 by a day', '2005-03-16', '2026-03-15T17:00:00Z', { passed: false, age: 20 }],
    ['exactly 120', '1905-03-16', '2026-03-15T17:00:00Z', { passed: true, age: 120 }],
    ['121 today', '1905-03-15', '2026-03-15T17:00:00Z', { passed: false, age: 121, code: 'OVER_MAX_AGE' }],
    ['born today', '2026-03-15', '2026-03-15T17:00:00Z', { passed: false, age: 0, code: 'UNDER_AGE' }],
    ['born tomorrow', '2026-03-16', '2026-03-15T17:00:00Z', { passed: false, age: null, code: 'FUTURE_BIRTH_DATE' }],
  ];

  test.each(cases)('%s', (_label, dateOfBirth, at, expected) => {
    expect(judge(dateOfBirth, at)).toMatchObject(expected);
  });

  test('the reasons a customer reads', () => {
    expect(judge('2010-01-01', '2026-03-15T17:00:00Z')).toMatchObject({ reason: 'Must be at least 21 years old' });
    expect(judge('1890-01-01', '2026-03-15T17:00:00Z')).toMatchObject({ reason: expect.stringContaining('over 120') });
    expect(judge('2027-01-01', '2026-03-15T17:00:00Z')).toMatchObject({ reason: 'Date of birth cannot be in the future' });
  });

  test('the same instant is another day in another business time zone', () => {
    // 2026-03-15T11:00Z is already the 16th in Auckland (UTC+13) but still the 15th in Chicago.
    expect(judge('2005-03-16', '2026-03-15T11:00:00Z', 'Pacific/Auckland')).toMatchObject({ passed: true, age: 21 });
    expect(judge('2005-03-16', '2026-03-15T11:00:00Z')).toMatchObject({ passed: false, age: 20 });
    expect(calendarDateIn(new Date('2026-03-15T11:00:00Z'), 'Pacific/Auckland')).toEqual({ year: 2026, month: 3, day: 16 });
  });

  test.each([
    [2025, { year: 2025, month: 3, day: 1 }],
    [2028, { year: 2028, month: 2, day: 29 }],
    [2100, { year: 2100, month: 3, day: 1 }],
  ])('a 29 February birthday in %i falls on %o', (year, expected) => {
    expect(birthdayIn(year, { year: 2004, month: 2, day: 29 })).toEqual(expected);
  });

  test.each([
    ['2025-02-28', 20],
    ['2025-03-01', 21],
    ['2028-02-28', 23],
    ['2028-02-29', 24],
  ])('born 2004-02-29, on %s the age is %i', (today, age) => {
    expect(ageOn({ year: 2004, month: 2, day: 29 }, parseCalendarDate(today)!)).toBe(age);
  });
});

describe('validation over HTTP', () => {
  let av: AgeVerificationServer;

  afterEach(() => av.close());

  test('the server counts days in BUSINESS_TIMEZONE: a midnight birthday passes at local midnight, not before', async () => {
    av = await startAgeVerification({}, '2026-03-15T04:59:59Z');
    const body = claim('midnight', { dateOfBirth: '2005-03-15' });
    expect((await av.verify('midnight', body)).body).toMatchObject({ verified: false, reasonCode: 'UNDER_AGE', attemptsRemaining: 2 });
    av.rt.clock.set('2026-03-15T05:00:00Z');
    expect((await av.verify('midnight', body)).body).toMatchObject({ verified: true, age: 21 });
  });

  test('a configured time zone moves the midnight', async () => {
    av = await startAgeVerification({ BUSINESS_TIMEZONE: 'Pacific/Auckland' }, '2026-03-15T11:00:00Z');
    expect((await av.verify('kiwi', claim('kiwi', { dateOfBirth: '2005-03-16' }))).body).toMatchObject({ verified: true, age: 21 });
  });

  test('each malformed field is named in the 400', async () => {
    av = await startAgeVerification();
    for (const [overrides, field] of [
      [{ fullName: 'Prince' }, 'fullName'],
      [{ dateOfBirth: '2001-02-29' }, 'dateOfBirth'],
      [{ state: 'GU' }, 'state'],
      [{ idNumberLast4: '999' }, 'idNumberLast4'],
    ] as const) {
      const res = await av.verify('c1', claim('c1', overrides));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ success: false, code: 'VALIDATION_ERROR', details: { field } });
    }
    const invalidJson = await call(`${av.url}/api/age-verification/verify`, {
      method: 'POST',
      token: await tokenFor(av.rt, 'c1'),
      headers: { 'content-type': 'application/json' },
      body: '{"customerId": "c1", "fullName": ',
    });
    expect(invalidJson.status).toBe(400);
    expect(invalidJson.body.code).toBe('INVALID_JSON');
    // None of these was an attempt: the customer still has all three.
    expect((await av.verify('c1', claim('c1', { dateOfBirth: '2010-01-01' }))).body.attemptsRemaining).toBe(2);
  });
});
