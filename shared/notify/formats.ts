/** How notices print money, dates and times: dollars, and dates in the business time zone. */

const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** Integer cents as dollars: 4700 → "$47.00", 6429 → "$64.29". */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`not a whole number of cents: ${cents}`);
  return dollars.format(cents / 100);
}

/** A business-local calendar date (YYYY-MM-DD) in words: "Wednesday, March 4, 2026". */
export function formatLocalDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  // Noon UTC of that date is the same calendar day in UTC, which is the zone used to print it.
  const noon = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12));
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(noon);
}

/** An instant as the shop's clock shows it: "Wednesday, April 1, 2026 at 12:00 PM CDT". */
export function formatInstant(iso: string, timeZone: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) throw new Error(`not an instant: ${iso}`);
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(instant);
}

/** The business-local date of an instant in words (for "expires on"). */
export function formatInstantDate(iso: string, timeZone: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) throw new Error(`not an instant: ${iso}`);
  return new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(instant);
}

/** Ticket numbers as a reader counts them: "#3", "#3 and #4", "#3, #4 and #9". */
export function formatTickets(numbers: readonly number[]): string {
  const labels = numbers.map((n) => `#${n}`);
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

/** A tier code as a word: GOLD → "Gold". */
export function formatTier(tier: string): string {
  return tier.charAt(0) + tier.slice(1).toLowerCase();
}
