/** Dollars appear only on the wire; inside, every amount is integer cents. */

const DECIMAL_DOLLARS = /^\d{1,13}(\.\d{1,2})?$/;

/**
 * Parses an API amount ("47", "47.5", 47.5) into cents, or undefined when it is not a positive amount with at most
 * two decimals. Parsing the string form avoids float arithmetic: "0.29" must be 29 cents, not 28.999….
 */
export function dollarsToCents(value: unknown): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  if (!DECIMAL_DOLLARS.test(text)) return undefined;
  const [whole, fraction = ''] = text.split('.');
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return cents > 0 ? cents : undefined;
}

/** Cents as the number of dollars the JSON API reports in reporting calls (4750 → 47.5). */
export function centsToDollars(cents: number): number {
  return cents / 100;
}

/** Cents as a two-decimal dollar string ("47.50"), the form the API uses in request examples. */
export function centsToDollarString(cents: number): string {
  return (cents / 100).toFixed(2);
}
