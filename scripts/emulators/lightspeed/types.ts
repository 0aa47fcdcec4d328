/**
 * Ground-truth records as the emulator stores them: times in epoch seconds, money in integer cents. The wire shapes
 * (strings everywhere) are produced from these by serialize.ts.
 */

/** One line of a sale, priced when the sale was rung up. */
export interface SaleLineRecord {
  saleLineID: number;
  itemID: number;
  unitQuantity: number;
  unitPriceCents: number;
  /** The item's average cost when sold, for calcAvgCost. */
  unitCostCents: number;
}

/** A sale. `timeStamp` is the last modification, which is what Lightspeed filters and sorts on. */
export interface SaleRecord {
  saleID: number;
  createTime: number;
  completeTime: number | null;
  timeStamp: number;
  completed: boolean;
  voided: boolean;
  archived: boolean;
  customerID: number;
  shopID: number;
  registerID: number;
  employeeID: number;
  referenceNumber: string;
  referenceNumberSource: string;
  lines: SaleLineRecord[];
  subtotalCents: number;
  discountCents: number;
  tax1Cents: number;
  /** subtotal - discount + tax, Lightspeed's `total` and `calcTotal`. */
  totalCents: number;
}

/** Stock of one item in one shop (Lightspeed's ItemShop). */
export interface ItemShopRecord {
  itemShopID: number;
  shopID: number;
  qoh: number;
  reorderPoint: number;
  reorderLevel: number;
  timeStamp: number;
}

/** A catalog item. Archived items keep their row (Lightspeed never deletes items) with stock zeroed. */
export interface ItemRecord {
  itemID: number;
  systemSku: string;
  customSku: string;
  description: string;
  shortDescription: string;
  longDescription: string;
  categoryID: number;
  manufacturerID: number;
  defaultCostCents: number;
  avgCostCents: number;
  priceCents: number;
  msrpCents: number;
  weightGrams: number;
  archived: boolean;
  createTime: number;
  timeStamp: number;
  shops: ItemShopRecord[];
}

/** A category in the nested-set tree Lightspeed uses (leftNode/rightNode). */
export interface CategoryRecord {
  categoryID: number;
  name: string;
  parentID: number;
  nodeDepth: number;
  fullPathName: string;
  leftNode: number;
  rightNode: number;
  createTime: number;
  timeStamp: number;
}
