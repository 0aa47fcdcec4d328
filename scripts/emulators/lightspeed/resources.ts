/**
 * What the emulator knows about each endpoint: its collection, id field, which fields can be filtered on (and as what
 * type), whether it has an archived flag, and how a record is rendered.
 */
import type { RecordIndex, Stamped } from './record-index';
import { categoryToJson, itemToJson, saleToJson, type Json, type Relations } from './serialize';
import type { LightspeedStore } from './store';
import type { CategoryRecord, ItemRecord, SaleRecord } from './types';

/** How a filter operand is read: as a datetime, a number or a string. */
export type FieldKind = 'time' | 'number' | 'string';

/** A field that query parameters may filter on. */
export interface FieldDef<T> {
  kind: FieldKind;
  get(record: T): string | number;
}

/** One endpoint (Sale, Item, Category). */
export interface ResourceDef<T extends Stamped> {
  /** The endpoint and the response key, e.g. 'Sale'. */
  name: string;
  /** The primary key field, the default sort, e.g. 'saleID'. */
  idField: string;
  index(store: LightspeedStore): RecordIndex<T>;
  /** Absent for entities without an archived flag (Category): `archived=` is then ignored. */
  isArchived?(record: T): boolean;
  fields: Record<string, FieldDef<T>>;
  /** Relations that `load_relations=all` loads. */
  allRelations: readonly string[];
  toJson(record: T, relations: Relations, store: LightspeedStore): Json;
}

const time = <T>(get: (r: T) => number): FieldDef<T> => ({ kind: 'time', get });
const num = <T>(get: (r: T) => number): FieldDef<T> => ({ kind: 'number', get });
const str = <T>(get: (r: T) => string): FieldDef<T> => ({ kind: 'string', get });
const flag = <T>(get: (r: T) => boolean): FieldDef<T> => str((r) => (get(r) ? 'true' : 'false'));
const dollars = (cents: number): number => cents / 100;

/** GET /Sale.json */
export const saleResource: ResourceDef<SaleRecord> = {
  name: 'Sale',
  idField: 'saleID',
  index: (store) => store.saleIndex,
  isArchived: (sale) => sale.archived,
  fields: {
    saleID: num((s) => s.saleID),
    timeStamp: time((s) => s.timeStamp),
    updatetime: time((s) => s.timeStamp),
    createTime: time((s) => s.createTime),
    // An open sale has no completion time; NaN matches no comparison.
    completeTime: time((s) => s.completeTime ?? Number.NaN),
    completed: flag((s) => s.completed),
    voided: flag((s) => s.voided),
    archived: flag((s) => s.archived),
    customerID: num((s) => s.customerID),
    shopID: num((s) => s.shopID),
    registerID: num((s) => s.registerID),
    employeeID: num((s) => s.employeeID),
    referenceNumber: str((s) => s.referenceNumber),
    referenceNumberSource: str((s) => s.referenceNumberSource),
    ticketNumber: str((s) => `22${String(s.saleID).padStart(10, '0')}`),
    calcSubtotal: num((s) => dollars(s.subtotalCents)),
    calcDiscount: num((s) => dollars(s.discountCents)),
    calcTax1: num((s) => dollars(s.tax1Cents)),
    calcTotal: num((s) => dollars(s.totalCents)),
    total: num((s) => dollars(s.totalCents)),
  },
  allRelations: ['SaleLines'],
  toJson: (sale, relations) => saleToJson(sale, relations),
};

/** GET /Item.json */
export const itemResource: ResourceDef<ItemRecord> = {
  name: 'Item',
  idField: 'itemID',
  index: (store) => store.itemIndex,
  isArchived: (item) => item.archived,
  fields: {
    itemID: num((i) => i.itemID),
    timeStamp: time((i) => i.timeStamp),
    createTime: time((i) => i.createTime),
    description: str((i) => i.description),
    systemSku: str((i) => i.systemSku),
    customSku: str((i) => i.customSku),
    categoryID: num((i) => i.categoryID),
    manufacturerID: num((i) => i.manufacturerID),
    archived: flag((i) => i.archived),
    defaultCost: num((i) => dollars(i.defaultCostCents)),
    avgCost: num((i) => dollars(i.avgCostCents)),
  },
  allRelations: ['Category', 'ItemShops', 'ItemECommerce'],
  toJson: itemToJson,
};

/** GET /Category.json */
export const categoryResource: ResourceDef<CategoryRecord> = {
  name: 'Category',
  idField: 'categoryID',
  index: (store) => store.categoryIndex,
  fields: {
    categoryID: num((c) => c.categoryID),
    timeStamp: time((c) => c.timeStamp),
    createTime: time((c) => c.createTime),
    name: str((c) => c.name),
    fullPathName: str((c) => c.fullPathName),
    parentID: num((c) => c.parentID),
    nodeDepth: num((c) => c.nodeDepth),
  },
  allRelations: ['Parent'],
  toJson: categoryToJson,
};
