/**
 * The emulator's ground truth: every object by id plus time indexes per location. All changes go through the
 * `change*` methods so that the indexes always match the objects' created_at and updated_at.
 */
import { parseDate } from './bound-globals';
import { TimeIndex, type IndexKey } from './time-index';
import type {
  SquareCatalogCategory, SquareCatalogItem, SquareCatalogObject, SquareCatalogVariation, SquareCustomer,
  SquareLocation, SquarePayment, SquareRefund,
} from './wire-types';

/** Index key meaning "every location". */
export const ALL_LOCATIONS = '*';

/** Created and updated indexes of one collection, per location and for all locations. */
export interface TimeIndexes {
  created: Map<string, TimeIndex>;
  updated: Map<string, TimeIndex>;
}

const keyOf = (ms: string, id: string): IndexKey => ({ ms: parseDate(ms), id });

function buildIndexes<T extends { id: string; location_id: string; created_at: string; updated_at: string }>(
  rows: readonly T[], locationIds: readonly string[],
): TimeIndexes {
  const createdMs = rows.map((r) => parseDate(r.created_at));
  const updatedMs = rows.map((r) => parseDate(r.updated_at));
  const ids = rows.map((r) => r.id);
  const created = new Map([[ALL_LOCATIONS, TimeIndex.build(createdMs, ids)]]);
  const updated = new Map([[ALL_LOCATIONS, TimeIndex.build(updatedMs, ids)]]);
  for (const loc of locationIds) {
    const mine: number[] = [];
    for (let i = 0; i < rows.length; i++) if (rows[i].location_id === loc) mine.push(i);
    const pick = <V>(values: readonly V[]): V[] => mine.map((i) => values[i]);
    created.set(loc, TimeIndex.build(pick(createdMs), pick(ids)));
    updated.set(loc, TimeIndex.build(pick(updatedMs), pick(ids)));
  }
  return { created, updated };
}

/** Everything the emulated Square account holds. Maps are live views: read them, change data only via mutate. */
export class SquareStore {
  private readonly paymentMap: Map<string, SquarePayment>;
  private readonly refundMap: Map<string, SquareRefund>;
  private readonly refundsByPayment = new Map<string, SquareRefund[]>();
  private readonly categoryMap: Map<string, SquareCatalogCategory>;
  private readonly itemMap: Map<string, SquareCatalogItem>;
  private readonly variationMap: Map<string, SquareCatalogVariation>;
  private readonly customerMap: Map<string, SquareCustomer>;
  /** Payment indexes by location. */
  readonly paymentIndexes: TimeIndexes;
  /** Refund indexes by location. */
  readonly refundIndexes: TimeIndexes;
  /** Every catalog object (any type, deleted or not) by updated_at. */
  readonly catalogIndex: TimeIndex;
  /** Customers by created_at and by updated_at. */
  readonly customerIndexes: { created: TimeIndex; updated: TimeIndex };

  constructor(
    /** Locations in Square's order; the first is the main location. */
    readonly locations: readonly SquareLocation[],
    data: {
      payments: readonly SquarePayment[]; refunds: readonly SquareRefund[]; categories: readonly SquareCatalogCategory[];
      items: readonly SquareCatalogItem[]; variations: readonly SquareCatalogVariation[]; customers: readonly SquareCustomer[];
    },
  ) {
    const byId = <T extends { id: string }>(rows: readonly T[]): Map<string, T> => {
      const map = new Map<string, T>();
      for (const r of rows) map.set(r.id, r);
      return map;
    };
    this.paymentMap = byId(data.payments);
    this.refundMap = byId(data.refunds);
    for (const r of data.refunds) this.refundsOf(r.payment_id).push(r);
    this.categoryMap = byId(data.categories);
    this.itemMap = byId(data.items);
    this.variationMap = byId(data.variations);
    this.customerMap = byId(data.customers);
    const locationIds = locations.map((l) => l.id);
    this.paymentIndexes = buildIndexes(data.payments, locationIds);
    this.refundIndexes = buildIndexes(data.refunds, locationIds);
    const catalog = [...data.categories, ...data.items, ...data.variations];
    this.catalogIndex = TimeIndex.build(catalog.map((o) => parseDate(o.updated_at)), catalog.map((o) => o.id));
    const customerIds = data.customers.map((c) => c.id);
    this.customerIndexes = {
      created: TimeIndex.build(data.customers.map((c) => parseDate(c.created_at)), customerIds),
      updated: TimeIndex.build(data.customers.map((c) => parseDate(c.updated_at)), customerIds),
    };
  }

  /** The main location: the one ListPayments answers for when no location_id is given. */
  get mainLocationId(): string {
    return this.locations[0].id;
  }

  /** Payments by id. */
  get payments(): ReadonlyMap<string, SquarePayment> { return this.paymentMap; }
  /** Refunds by id. */
  get refunds(): ReadonlyMap<string, SquareRefund> { return this.refundMap; }
  /** CATEGORY objects by id. */
  get categories(): ReadonlyMap<string, SquareCatalogCategory> { return this.categoryMap; }
  /** ITEM objects by id, deleted ones included. */
  get items(): ReadonlyMap<string, SquareCatalogItem> { return this.itemMap; }
  /** ITEM_VARIATION objects by id, deleted ones included. */
  get variations(): ReadonlyMap<string, SquareCatalogVariation> { return this.variationMap; }
  /** Customers by id. */
  get customers(): ReadonlyMap<string, SquareCustomer> { return this.customerMap; }

  /** Any catalog object by id. */
  catalogObject(id: string): SquareCatalogObject | undefined {
    return this.itemMap.get(id) ?? this.variationMap.get(id) ?? this.categoryMap.get(id);
  }

  /** The refunds of a payment, oldest first (a live array). */
  refundsOf(paymentId: string): SquareRefund[] {
    let list = this.refundsByPayment.get(paymentId);
    if (!list) { list = []; this.refundsByPayment.set(paymentId, list); }
    return list;
  }

  /** Adds a new payment. */
  addPayment(p: SquarePayment): void {
    this.paymentMap.set(p.id, p);
    addToIndexes(this.paymentIndexes, p);
  }

  /** Applies `change` to a payment and re-indexes its updated_at. */
  changePayment(p: SquarePayment, change: () => void): void {
    reindexUpdated(this.paymentIndexes, p, change);
  }

  /** Adds a new refund. */
  addRefund(r: SquareRefund): void {
    this.refundMap.set(r.id, r);
    this.refundsOf(r.payment_id).push(r);
    addToIndexes(this.refundIndexes, r);
  }

  /** Applies `change` to a refund and re-indexes its updated_at. */
  changeRefund(r: SquareRefund, change: () => void): void {
    reindexUpdated(this.refundIndexes, r, change);
  }

  /** Applies `change` to catalog objects and re-indexes all of them. */
  changeCatalog(objects: readonly SquareCatalogObject[], change: () => void): void {
    const unique = [...new Set(objects)];
    for (const o of unique) this.catalogIndex.remove(keyOf(o.updated_at, o.id));
    change();
    for (const o of unique) this.catalogIndex.insert(keyOf(o.updated_at, o.id));
  }

  /** Adds a new customer. */
  addCustomer(c: SquareCustomer): void {
    this.customerMap.set(c.id, c);
    this.customerIndexes.created.insert(keyOf(c.created_at, c.id));
    this.customerIndexes.updated.insert(keyOf(c.updated_at, c.id));
  }

  /** Applies `change` to a customer and re-indexes its updated_at. */
  changeCustomer(c: SquareCustomer, change: () => void): void {
    this.customerIndexes.updated.remove(keyOf(c.updated_at, c.id));
    change();
    this.customerIndexes.updated.insert(keyOf(c.updated_at, c.id));
  }
}

type Located = { id: string; location_id: string; created_at: string; updated_at: string };

function addToIndexes(indexes: TimeIndexes, row: Located): void {
  for (const loc of [ALL_LOCATIONS, row.location_id]) {
    indexes.created.get(loc)?.insert(keyOf(row.created_at, row.id));
    indexes.updated.get(loc)?.insert(keyOf(row.updated_at, row.id));
  }
}

function reindexUpdated(indexes: TimeIndexes, row: Located, change: () => void): void {
  const before = keyOf(row.updated_at, row.id);
  change();
  const after = keyOf(row.updated_at, row.id);
  for (const loc of [ALL_LOCATIONS, row.location_id]) {
    const index = indexes.updated.get(loc);
    index?.remove(before);
    index?.insert(after);
  }
}
