/**
 * Money leaves the warehouse as integer cents and becomes dollars only here, at the API edge. The dollars are built
 * from the digits of the cents (never by dividing floats), so the number a client parses prints as exactly the cents:
 * 123450 cents → 1234.5, 7 → 0.07, -1999 → -19.99.
 */
export function dollars(cents: number): number {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Not a whole number of cents: ${cents}`);
  const abs = Math.abs(cents);
  const text = `${cents < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return Number(text);
}

/** total ÷ count in whole cents, rounded half away from zero with integer arithmetic; 0 when count is 0. */
export function averageCents(totalCents: number, count: number): number {
  if (count === 0) return 0;
  const total = BigInt(totalCents);
  const n = BigInt(count);
  const magnitude = ((total < 0n ? -total : total) * 2n + n) / (2n * n);
  return Number(total < 0n ? -magnitude : magnitude);
}
