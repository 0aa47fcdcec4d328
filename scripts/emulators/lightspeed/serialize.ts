/**
 * Records to Lightspeed's JSON: every scalar a string, booleans "true"/"false", absent foreign keys "0", and the
 * XML-born quirk that a nested collection holding exactly one element is an object rather than an array.
 */
import { TAX1_RATE } from './catalog-data';
import { formatMoney, formatTime } from './format';
import type { LightspeedStore } from './store';
import type { CategoryRecord, ItemRecord, SaleLineRecord, SaleRecord } from './types';

/** Which relations a request asked for (`load_relations`). */
export interface Relations {
  has(name: string): boolean;
}

/** JSON value as the emulator emits it. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** One element alone is an object, several are an array: how Lightspeed renders a collection. */
export function lightspeedCollection(list: Json[]): Json {
  return list.length === 1 ? (list[0] as Json) : list;
}

const bool = (value: boolean): string => (value ? 'true' : 'false');

/** A Sale as GET /Sale.json returns it; SaleLines when asked for. */
export function saleToJson(sale: SaleRecord, relations: Relations): Json {
  const taxable = sale.subtotalCents - sale.discountCents;
  const avgCost = sale.lines.reduce((sum, line) => sum + line.unitQuantity * line.unitCostCents, 0);
  const payments = sale.completed ? sale.totalCents : 0;
  const json: { [key: string]: Json } = {
    saleID: String(sale.saleID),
    timeStamp: formatTime(sale.timeStamp),
    discountPercent: '0',
    completed: bool(sale.completed),
    archived: bool(sale.archived),
    voided: bool(sale.voided),
    enablePromotions: 'true',
    isTaxInclusive: 'false',
    createTime: formatTime(sale.createTime),
    updatetime: formatTime(sale.timeStamp),
  };
  // The docs only show completed sales; an open sale has no completion time, so the field is left out.
  if (sale.completeTime !== null) json.completeTime = formatTime(sale.completeTime);
  Object.assign(json, {
    referenceNumber: sale.referenceNumber,
    referenceNumberSource: sale.referenceNumberSource,
    tax1Rate: TAX1_RATE,
    tax2Rate: '0',
    change: '0',
    tipEnabled: 'false',
    receiptPreference: sale.referenceNumber ? 'email' : 'printed',
    displayableSubtotal: formatMoney(sale.subtotalCents),
    ticketNumber: `22${String(sale.saleID).padStart(10, '0')}`,
    calcDiscount: formatMoney(sale.discountCents),
    calcTotal: formatMoney(sale.totalCents),
    calcSubtotal: formatMoney(sale.subtotalCents),
    calcTaxable: formatMoney(taxable),
    calcNonTaxable: '0',
    calcAvgCost: formatMoney(avgCost),
    calcFIFOCost: formatMoney(avgCost),
    calcTax1: formatMoney(sale.tax1Cents),
    calcTax2: '0',
    calcPayments: formatMoney(payments),
    calcTips: '0',
    total: formatMoney(sale.totalCents),
    totalDue: formatMoney(sale.totalCents),
    displayableTotal: formatMoney(sale.totalCents),
    balance: formatMoney(sale.totalCents - payments),
    customerID: String(sale.customerID),
    discountID: '0',
    employeeID: String(sale.employeeID),
    tipEmployeeID: '0',
    quoteID: '0',
    registerID: String(sale.registerID),
    shipToID: '0',
    shopID: String(sale.shopID),
    taxCategoryID: '1',
    taxTotal: formatMoney(sale.tax1Cents),
  });
  if (relations.has('SaleLines') && sale.lines.length > 0) {
    json.SaleLines = { SaleLine: lightspeedCollection(saleLinesToJson(sale)) };
  }
  return json;
}

function saleLinesToJson(sale: SaleRecord): Json[] {
  // The sale-level member discount is spread over the lines in proportion, the remainder on the last line.
  let discountLeft = sale.discountCents;
  return sale.lines.map((line: SaleLineRecord, i) => {
    const subtotal = line.unitQuantity * line.unitPriceCents;
    const lineDiscount =
      i === sale.lines.length - 1
        ? discountLeft
        : Math.floor((sale.discountCents * subtotal) / Math.max(1, sale.subtotalCents));
    discountLeft -= lineDiscount;
    return {
      saleLineID: String(line.saleLineID),
      createTime: formatTime(sale.createTime),
      timeStamp: formatTime(sale.timeStamp),
      unitQuantity: String(line.unitQuantity),
      unitPrice: formatMoney(line.unitPriceCents),
      normalUnitPrice: formatMoney(line.unitPriceCents),
      discountAmount: '0',
      discountPercent: '0',
      avgCost: formatMoney(line.unitCostCents),
      fifoCost: formatMoney(line.unitCostCents),
      tax: 'true',
      tax1Rate: TAX1_RATE,
      tax2Rate: '0',
      calcLineDiscount: '0',
      calcTransactionDiscount: formatMoney(lineDiscount),
      calcSubtotal: formatMoney(subtotal),
      calcTotal: formatMoney(subtotal - lineDiscount),
      customerID: String(sale.customerID),
      employeeID: String(sale.employeeID),
      itemID: String(line.itemID),
      shopID: String(sale.shopID),
      saleID: String(sale.saleID),
      taxClassID: '1',
    };
  });
}

/** An Item as GET /Item.json returns it; Category, ItemShops and ItemECommerce when asked for. */
export function itemToJson(item: ItemRecord, relations: Relations, store: LightspeedStore): Json {
  const json: { [key: string]: Json } = {
    itemID: String(item.itemID),
    systemSku: item.systemSku,
    defaultCost: formatMoney(item.defaultCostCents),
    avgCost: formatMoney(item.avgCostCents),
    discountable: 'true',
    tax: 'true',
    archived: bool(item.archived),
    itemType: 'default',
    serialized: 'false',
    description: item.description,
    modelYear: '0',
    upc: '',
    ean: '',
    customSku: item.customSku,
    manufacturerSku: '',
    createTime: formatTime(item.createTime),
    timeStamp: formatTime(item.timeStamp),
    publishToEcom: 'true',
    categoryID: String(item.categoryID),
    taxClassID: '1',
    departmentID: '0',
    itemMatrixID: '0',
    manufacturerID: String(item.manufacturerID),
    seasonID: '0',
    defaultVendorID: '0',
  };
  if (relations.has('Category')) {
    const category = store.categoryIndex.get(item.categoryID);
    if (category) json.Category = categoryToJson(category, NO_RELATIONS, store);
  }
  if (relations.has('ItemShops')) json.ItemShops = { ItemShop: lightspeedCollection(itemShopsToJson(item)) };
  if (relations.has('ItemECommerce')) {
    json.ItemECommerce = {
      itemECommerceID: String(item.itemID),
      longDescription: item.longDescription,
      shortDescription: item.shortDescription,
      weight: String(item.weightGrams),
      width: '0',
      height: '0',
      length: '0',
      listOnStore: bool(!item.archived),
    };
  }
  json.Prices = {
    ItemPrice: [
      { amount: formatMoney(item.priceCents), useTypeID: '1', useType: 'Default' },
      { amount: formatMoney(item.msrpCents), useTypeID: '2', useType: 'MSRP' },
      { amount: formatMoney(item.priceCents), useTypeID: '3', useType: 'Online' },
    ],
  };
  return json;
}

function itemShopsToJson(item: ItemRecord): Json[] {
  const totalQoh = item.shops.reduce((sum, shop) => sum + shop.qoh, 0);
  const row = (itemShopID: number, shopID: number, qoh: number, reorder: [number, number], timeStamp: number): Json => ({
    itemShopID: String(itemShopID),
    qoh: String(qoh),
    sellable: String(Math.max(0, qoh)),
    backorder: '0',
    componentQoh: '0',
    componentBackorder: '0',
    reorderPoint: String(reorder[0]),
    reorderLevel: String(reorder[1]),
    timeStamp: formatTime(timeStamp),
    itemID: String(item.itemID),
    shopID: String(shopID),
  });
  const rows = item.shops.map((shop) =>
    row(shop.itemShopID, shop.shopID, shop.qoh, [shop.reorderPoint, shop.reorderLevel], shop.timeStamp),
  );
  // shopID 0 is Lightspeed's account-wide summary row.
  const newest = Math.max(item.timeStamp, ...item.shops.map((shop) => shop.timeStamp));
  rows.push(row(100_000_000 + item.itemID, 0, totalQoh, [0, 0], newest));
  return rows;
}

/** A Category as GET /Category.json returns it; Parent when asked for. */
export function categoryToJson(category: CategoryRecord, relations: Relations, store: LightspeedStore): Json {
  const json: { [key: string]: Json } = {
    categoryID: String(category.categoryID),
    name: category.name,
    nodeDepth: String(category.nodeDepth),
    fullPathName: category.fullPathName,
    leftNode: String(category.leftNode),
    rightNode: String(category.rightNode),
    createTime: formatTime(category.createTime),
    timeStamp: formatTime(category.timeStamp),
    parentID: String(category.parentID),
  };
  const parent = category.parentID ? store.categoryIndex.get(category.parentID) : undefined;
  if (relations.has('Parent') && parent) json.Parent = categoryToJson(parent, NO_RELATIONS, store);
  return json;
}

const NO_RELATIONS: Relations = { has: () => false };
