/**
 * Building one sale: who rang it up where, what was in the basket, and the totals Lightspeed would compute. Shared by
 * the initial generator and by live mutations, so sales added later look like the historical ones.
 */
import { SHOPS, TAX1_RATE_PER_10000 } from './catalog-data';
import type { SeededRandom } from './random';
import type { ItemRecord, SaleLineRecord, SaleRecord } from './types';

/** Loyalty customers of the shop; a sale without one has customerID 0. */
export const CUSTOMER_COUNT = 1700;
/** Staff who ring up sales (employeeID 1..N). */
export const EMPLOYEE_COUNT = 8;
/** Share of sales that come from the web store. */
export const ONLINE_SHARE = 0.15;

/** Where and for whom a sale is rung up. */
export interface SaleContext {
  shopID: number;
  registerID: number;
  employeeID: number;
  customerID: number;
  /** Member discount as a fraction (0.1, 0.2, 0.3) or 0. */
  discountRate: number;
}

/** Draws the shop, register, clerk, customer and member discount of a sale. */
export function drawSaleContext(rng: SeededRandom, online: boolean): SaleContext {
  const shop = online ? SHOPS[2] : rng.chance(0.7) ? SHOPS[0] : SHOPS[1];
  const hasCustomer = online || rng.chance(0.4);
  const customerID = hasCustomer ? rng.int(1, CUSTOMER_COUNT) : 0;
  // Membership tiers give 10/20/30 % off; only identified customers can be members.
  const discountRate = customerID > 0 && rng.chance(0.15) ? rng.pick([0.1, 0.1, 0.2, 0.3]) : 0;
  return {
    shopID: shop.shopID,
    registerID: rng.pick(shop.registers),
    employeeID: online ? 1 : rng.int(2, EMPLOYEE_COUNT),
    customerID,
    discountRate,
  };
}

/** Draws the basket: 1-4 lines, mostly single units, of items chosen by `pickItem`. */
export function drawSaleLines(rng: SeededRandom, pickItem: () => ItemRecord): Array<Omit<SaleLineRecord, 'saleLineID'>> {
  const r = rng.next();
  const count = r < 0.55 ? 1 : r < 0.83 ? 2 : r < 0.95 ? 3 : 4;
  const lines: Array<Omit<SaleLineRecord, 'saleLineID'>> = [];
  for (let i = 0; i < count; i++) {
    const item = pickItem();
    const existing = lines.find((line) => line.itemID === item.itemID);
    if (existing) {
      existing.unitQuantity += 1;
      continue;
    }
    lines.push({
      itemID: item.itemID,
      unitQuantity: rng.chance(0.85) ? 1 : rng.int(2, 3),
      unitPriceCents: item.priceCents,
      unitCostCents: item.avgCostCents,
    });
  }
  return lines;
}

/** Everything about a sale except the derived totals: the discount rate they come from, and lines not yet numbered. */
export interface SaleDraft extends Omit<SaleRecord, 'lines' | 'subtotalCents' | 'discountCents' | 'tax1Cents' | 'totalCents'> {
  discountRate: SaleContext['discountRate'];
  lines: Array<Omit<SaleLineRecord, 'saleLineID'>>;
}

/** Web-store sales carry the store's order number, as Lightspeed's eCom integration records it. */
export function webOrderNumber(saleID: number): string {
  return `WEB-${100000 + saleID}`;
}

/** Turns a draft into a sale with Lightspeed's totals: tax on the discounted subtotal, rounded half up per sale. */
export function buildSale(draft: SaleDraft, firstLineID: number): SaleRecord {
  const lines = draft.lines.map((line, i) => ({ ...line, saleLineID: firstLineID + i }));
  const subtotalCents = lines.reduce((sum, line) => sum + line.unitQuantity * line.unitPriceCents, 0);
  const discountCents = Math.round(subtotalCents * draft.discountRate);
  const taxable = subtotalCents - discountCents;
  const tax1Cents = Math.floor((taxable * TAX1_RATE_PER_10000 + 5000) / 10000);
  return {
    saleID: draft.saleID,
    createTime: draft.createTime,
    completeTime: draft.completeTime,
    timeStamp: draft.timeStamp,
    completed: draft.completed,
    voided: draft.voided,
    archived: draft.archived,
    customerID: draft.customerID,
    shopID: draft.shopID,
    registerID: draft.registerID,
    employeeID: draft.employeeID,
    referenceNumber: draft.referenceNumber,
    referenceNumberSource: draft.referenceNumberSource,
    lines,
    subtotalCents,
    discountCents,
    tax1Cents,
    totalCents: taxable + tax1Cents,
  };
}
