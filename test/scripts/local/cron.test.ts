import { cronMatches } from '../../../scripts/local/cron';

describe('cron matching for the local scheduler', () => {
  test.each([
    ['*/15 * * * *', '2026-03-15T17:30:00Z', 'UTC', true],
    ['*/15 * * * *', '2026-03-15T17:31:00Z', 'UTC', false],
    ['0 6 * * *', '2026-03-15T11:00:00Z', 'America/Chicago', true], // 06:00 CDT
    ['0 6 * * *', '2026-01-15T11:00:00Z', 'America/Chicago', false], // 05:00 CST
    ['0 6 * * *', '2026-01-15T12:00:00Z', 'America/Chicago', true],
    ['30 2 * * 1-5', '2026-03-16T02:30:00Z', 'UTC', true], // Monday
    ['30 2 * * 1-5', '2026-03-15T02:30:00Z', 'UTC', false], // Sunday
    ['0 0 1 * *', '2026-04-01T00:00:00Z', 'UTC', true],
  ])('%s at %s in %s → %s', (cron, at, tz, expected) => {
    expect(cronMatches(cron, new Date(at), tz)).toBe(expected);
  });
});
