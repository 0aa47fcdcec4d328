import { formatMoney, formatTime, parseLightspeedTime } from '../../../../scripts/emulators/lightspeed/format';

describe('Lightspeed wire formats', () => {
  it.each([
    [31710, '317.1'],
    [28000, '280'],
    [0, '0'],
    [1234, '12.34'],
    [5, '0.05'],
    [-250, '-2.5'],
  ])('prints %i cents as "%s", trailing zeros trimmed like the API', (cents, text) => {
    expect(formatMoney(cents)).toBe(text);
  });

  it('prints times to the second in UTC with +00:00', () => {
    expect(formatTime(Date.parse('2021-06-06T15:19:18Z') / 1000)).toBe('2021-06-06T15:19:18+00:00');
  });

  const utc = Date.parse('2024-01-01T05:00:00Z') / 1000;
  it.each([
    ['2024-01-01T05:00:00-00:00', utc],
    ['2024-01-01T05:00:00+00:00', utc],
    ['2024-01-01T05:00:00Z', utc],
    ['2024-01-01T00:00:00-0500', utc],
    ['2024-01-01T00:00:00-05:00', utc],
    ['2024-01-01T05:00:00 00:00', utc],
    ['2024-01-01T05:00:00', utc],
    ['2024-01-01T05:00:00.5Z', utc + 0.5],
    ['2024-01-01', utc - 5 * 3600],
  ])('reads filter time %s', (text, seconds) => {
    expect(parseLightspeedTime(text)).toBe(seconds);
  });

  it.each(['yesterday', '2024-13-01T00:00:00', '2024-02-30', '2024-01-01T24:00:00', '', '01/02/2024'])('rejects %p', (text) => {
    expect(parseLightspeedTime(text)).toBeUndefined();
  });
});
