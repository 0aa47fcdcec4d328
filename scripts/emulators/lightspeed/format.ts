/**
 * Lightspeed's wire formats. Money and numbers are strings with trailing zeros trimmed ("317.1", "280", "0"),
 * times are UTC to the second with an explicit offset ("2021-06-06T15:19:18+00:00").
 */

/** Integer cents as Lightspeed prints an amount: "12.34", "317.1", "280", "0". */
export function formatMoney(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  if (frac === 0) return `${sign}${whole}`;
  if (frac % 10 === 0) return `${sign}${whole}.${frac / 10}`;
  return `${sign}${whole}.${String(frac).padStart(2, '0')}`;
}

/** A plain number with at most two decimals, trailing zeros trimmed (bucket levels, rates). */
export function formatDecimal(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** Epoch seconds as Lightspeed prints a datetime. */
export function formatTime(epochSeconds: number): string {
  return `${new Date(epochSeconds * 1000).toISOString().slice(0, 19)}+00:00`;
}

const TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|([+-])(\d{2}):?(\d{2})?)?$/;

/**
 * Parses a datetime in the forms Lightspeed accepts in filters ('YYYY-MM-DDTHH:MM:SS-00:00', '+0400', 'Z', a bare
 * date) into epoch seconds, fractional when the input is. Without an offset the time is UTC, as Lightspeed stores it.
 * A '+' that arrived unencoded in a query string has become a space, so a space before the offset is taken as '+'.
 */
export function parseLightspeedTime(raw: string): number | undefined {
  const value = raw.trim().replace(/ (\d{2}:?\d{2})$/, '+$1');
  const m = TIME_PATTERN.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone, sign, oh = '0', om = '0'] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const check = new Date(ms);
  // Date.UTC rolls 2024-13-01 over into 2025; Lightspeed would reject it, so do we.
  if (Number.isNaN(ms) || check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  const offsetMinutes = zone && zone !== 'Z' ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) : 0;
  return ms / 1000 + (frac ? Number(frac) : 0) - offsetMinutes * 60;
}
