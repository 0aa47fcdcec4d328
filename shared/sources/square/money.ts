import type { Square } from 'square';

/** Square money (the SDK's bigint amount) as integer cents; the one place where bigint becomes number. */
export function cents(money: Square.Money | undefined | null): number {
  if (!money || money.amount === undefined || money.amount === null) return 0;
  const value = Number(money.amount);
  if (!Number.isSafeInteger(value)) throw new Error(`Money amount out of range: ${String(money.amount)}`);
  return value;
}
