/**
 * Money is integer cents inside the product; dollars appear only at the edges (API answers, request bodies, gateway
 * wire amounts). Every conversion here works on digits or integers, never on float arithmetic, so it is exact for
 * every whole number of cents below 2^53. Rounding, where a result falls between cents, is half up (away from zero
 * for signed amounts) and applied once, to the final amount.
 */

function assertCents(cents: number): void {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Not a whole number of cents: ${cents}`);
}

/** Cents as two-decimal dollar text: 4750 → "47.50", 5 → "0.05", -1999 → "-19.99". */
export function centsToDollarText(cents: number): string {
  assertCents(cents);
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Cents as a dollar number for JSON answers, built from the digits so that it prints as exactly the cents:
 * 123450 → 1234.5, 7 → 0.07, -1999 → -19.99 (0.1 + 0.2 never appears).
 */
export function centsToDollars(cents: number): number {
  return Number(centsToDollarText(cents));
}

const DOLLARS = /^(\d{1,9})(?:\.(\d{1,2}))?$/;
/** The largest amount parseDollars reads: nine digits of dollars, far above any order and safe in integer cents. */
export const MAX_DOLLARS_TEXT = '999999999.99';

/** Parses non-negative dollar text ("12", "12.5", "12.34") into cents without floats; null when it is not one. */
export function parseDollars(text: string): number | null {
  const match = DOLLARS.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** numerator / denominator rounded half up, for non-negative safe integers. */
export function divideRoundHalfUp(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || numerator < 0 || denominator <= 0) {
    throw new Error(`divideRoundHalfUp needs non-negative integers and a positive divisor, got ${numerator}/${denominator}`);
  }
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** `percent` % of an amount in cents, rounded half up: 10 % of $0.05 is 1 cent; 30 % of $0.15 is 5 cents. */
export function percentOfCents(cents: number, percent: number): number {
  return divideRoundHalfUp(cents * percent, 100);
}

/** A price difference prorated by the days left of a period, rounded half up. */
export function prorateCents(cents: number, daysLeft: number, daysInPeriod: number): number {
  return divideRoundHalfUp(cents * daysLeft, daysInPeriod);
}

/** total ÷ count in whole cents, rounded half away from zero in integer arithmetic (sums may pass 2^53 / 2); 0 when count is 0. */
export function averageCents(totalCents: number, count: number): number {
  if (count === 0) return 0;
  const total = BigInt(totalCents);
  const n = BigInt(count);
  const magnitude = ((total < 0n ? -total : total) * 2n + n) / (2n * n);
  return Number(total < 0n ? -magnitude : magnitude);
}
