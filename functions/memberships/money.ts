/**
 * Exact money arithmetic in integer cents. Rounding rule: half up (a result of exactly half a cent rounds to the
 * larger cent), applied once, to the final amount.
 */

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

const DOLLARS = /^(\d{1,9})(?:\.(\d{1,2}))?$/;
/** The largest amount parseDollars reads: nine digits of dollars, far above any order and safe in integer cents. */
export const MAX_DOLLARS_TEXT = '999999999.99';

/** Parses a dollar amount as text ("12", "12.5", "12.34") into cents without floats; null when it is not one. */
export function parseDollars(text: string): number | null {
  const match = DOLLARS.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** Cents as dollars for the API edge (4750 → 47.5); exact for every whole number of cents below 2^53. */
export function centsToDollars(cents: number): number {
  return cents / 100;
}
