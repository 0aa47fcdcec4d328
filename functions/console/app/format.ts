const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const counts = new Intl.NumberFormat('en-US');

export const formatDollars = (value: number): string => dollars.format(value);
export const formatCount = (value: number): string => counts.format(value);

/** A change against the previous period as a signed percentage, or a dash when there was nothing before. */
export function formatChange(current: number, previous: number): string {
  if (previous === 0) return current === 0 ? '±0%' : 'n/a';
  const change = ((current - previous) / Math.abs(previous)) * 100;
  return `${change >= 0 ? '+' : '−'}${Math.abs(change).toFixed(1)}%`;
}

/** A business date (YYYY-MM-DD, already in the business time zone) as "Mon 3 Dec". */
export function formatDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-US', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric' });
}

const compactDollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 });
/** Dollars on a chart axis: $950, $12.5K. */
export const formatAxisDollars = (value: number): string => compactDollars.format(value);

/** An instant in the business's own locale, or a dash. */
export function formatTime(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}

/** A 0–1 rate as a percentage, or a dash when there was nothing to rate. */
export function formatRate(rate: number | null | undefined): string {
  return typeof rate === 'number' ? `${(rate * 100).toFixed(1)}%` : '—';
}
