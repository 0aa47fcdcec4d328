import type { lightspeedProducts, lightspeedTransactions } from '../../warehouse/schema/lightspeed';
import { MalformedRecordError } from '../record-pages';
import { asList } from './collection';

/** A Lightspeed record as the API sends it: every scalar a string, relations nested objects. */
export type LightspeedRecord = Record<string, unknown>;

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * A Lightspeed amount ("317.1", "280", "-12.345") as integer cents, computed on the digits so no binary fraction
 * creeps in; a third decimal (averaged costs have them) rounds half away from zero.
 */
export function lightspeedCents(value: unknown, field: string, id?: string): number {
  const match = typeof value === 'string' ? DECIMAL.exec(value.trim()) : null;
  if (!match) throw new MalformedRecordError(id, `${field} is not an amount: ${JSON.stringify(value)}`);
  const [, sign, whole, fraction = ''] = match;
  const digits = `${fraction}000`;
  const roundUp = Number(digits[2]) >= 5 ? 1 : 0;
  const cents = Number(whole) * 100 + Number(digits.slice(0, 2)) + roundUp;
  if (!Number.isSafeInteger(cents)) throw new MalformedRecordError(id, `${field} is out of range: ${value}`);
  return sign === '-' && cents !== 0 ? -cents : cents;
}

/** A Lightspeed datetime ("2021-06-06T15:19:18+00:00") as an ISO-8601 UTC string. */
export function lightspeedTimestamp(value: unknown, field: string, id?: string): string {
  const ms = typeof value === 'string' && value ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new MalformedRecordError(id, `${field} is not a timestamp`);
  return new Date(ms).toISOString();
}

/** A Lightspeed id: a positive integer as a string; "0" (Lightspeed's "none") and absence are null. */
function optionalId(value: unknown): string | null {
  return typeof value === 'string' && /^\d+$/.test(value) && value !== '0' ? value : null;
}

function requiredId(record: LightspeedRecord, field: string): string {
  const id = optionalId(record[field]);
  if (!id) throw new MalformedRecordError(undefined, `no ${field}`);
  return id;
}

const isTrue = (value: unknown): boolean => value === 'true' || value === '1';
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);

/** The sale's state: a voided sale stays completed in Lightspeed, so voided is checked first. */
export function lightspeedSaleStatus(sale: LightspeedRecord): 'completed' | 'open' | 'voided' {
  if (isTrue(sale.voided)) return 'voided';
  return isTrue(sale.completed) ? 'completed' : 'open';
}

/** A Lightspeed Sale as a warehouse row. */
export function lightspeedSaleToRow(sale: LightspeedRecord): typeof lightspeedTransactions.row {
  const id = requiredId(sale, 'saleID');
  const tax2 = sale.calcTax2 === undefined ? 0 : lightspeedCents(sale.calcTax2, 'calcTax2', id);
  return {
    id,
    shop_id: optionalId(sale.shopID),
    amount_cents: lightspeedCents(sale.calcSubtotal, 'calcSubtotal', id),
    tax_cents: lightspeedCents(sale.calcTax1 ?? '0', 'calcTax1', id) + tax2,
    total_cents: lightspeedCents(sale.calcTotal ?? sale.total, 'calcTotal', id),
    customer_id: optionalId(sale.customerID),
    status: lightspeedSaleStatus(sale),
    is_archived: isTrue(sale.archived),
    completed_at: sale.completeTime ? lightspeedTimestamp(sale.completeTime, 'completeTime', id) : null,
    created_at: lightspeedTimestamp(sale.createTime, 'createTime', id),
    updated_at: lightspeedTimestamp(sale.timeStamp, 'timeStamp', id),
  };
}

/** The item's default price: the ItemPrice whose use type is Default. */
function defaultPriceCents(item: LightspeedRecord, id: string): number | null {
  const prices = asList((item.Prices as LightspeedRecord | undefined)?.ItemPrice as LightspeedRecord | LightspeedRecord[] | undefined);
  const price = prices.find((p) => p.useType === 'Default' || p.useTypeID === '1');
  return price ? lightspeedCents(price.amount, 'Prices.Default', id) : null;
}

/** Quantity on hand across shops: Lightspeed's account-wide ItemShop (shopID 0) when present, else the sum. */
function quantityOnHand(item: LightspeedRecord, id: string): number | null {
  const shops = asList((item.ItemShops as LightspeedRecord | undefined)?.ItemShop as LightspeedRecord | LightspeedRecord[] | undefined);
  if (shops.length === 0) return null;
  const qoh = (shop: LightspeedRecord): number => {
    const value = Number(shop.qoh);
    if (!Number.isInteger(value)) throw new MalformedRecordError(id, `ItemShop qoh is not a whole number: ${String(shop.qoh)}`);
    return value;
  };
  const summary = shops.find((shop) => shop.shopID === '0');
  return summary ? qoh(summary) : shops.reduce((sum, shop) => sum + qoh(shop), 0);
}

/** A Lightspeed Item (with ItemShops and ItemECommerce loaded) as a warehouse row, its category named. */
export function lightspeedItemToRow(item: LightspeedRecord, categories: ReadonlyMap<string, string>): typeof lightspeedProducts.row {
  const id = requiredId(item, 'itemID');
  const name = text(item.description);
  if (!name) throw new MalformedRecordError(id, 'item without description');
  const categoryId = optionalId(item.categoryID);
  const ecommerce = item.ItemECommerce as LightspeedRecord | undefined;
  return {
    id,
    name,
    description: text(ecommerce?.longDescription),
    category: categoryId ? (categories.get(categoryId) ?? null) : null,
    sku: text(item.customSku) ?? text(item.systemSku),
    price_cents: defaultPriceCents(item, id),
    cost_cents: item.defaultCost === undefined ? null : lightspeedCents(item.defaultCost, 'defaultCost', id),
    avg_cost_cents: item.avgCost === undefined ? null : lightspeedCents(item.avgCost, 'avgCost', id),
    quantity: quantityOnHand(item, id),
    is_archived: isTrue(item.archived),
    created_at: lightspeedTimestamp(item.createTime, 'createTime', id),
    updated_at: lightspeedTimestamp(item.timeStamp, 'timeStamp', id),
  };
}
