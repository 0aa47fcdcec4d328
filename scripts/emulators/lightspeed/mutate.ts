/**
 * Live changes to the running shop, so incremental syncs have something to find. Every record changed by one call
 * gets the same new timeStamp, later than any stamp before it.
 */
import type { SeededRandom } from './random';
import { ONLINE_SHARE, buildSale, drawSaleContext, drawSaleLines, webOrderNumber } from './sale-builder';
import { formatTime } from './format';
import type { LightspeedStore } from './store';
import type { ItemRecord, SaleRecord } from './types';

/** Changes to apply. A count picks that many eligible records; an array names them (ineligible ids are skipped). */
export interface LightspeedMutation {
  /** New completed sales rung up now. */
  addSales?: number;
  /** Parked (incomplete, not archived) sales to complete; a count takes the newest ones. */
  completeSales?: number | number[];
  /** Completed sales to void; a count takes the newest ones. */
  voidSales?: number | number[];
  /** Live items to archive (their stock is zeroed, as Lightspeed does); a count picks at random. */
  archiveItems?: number | number[];
  /** Live items to reprice and restock; a count picks at random. */
  updateItems?: number | number[];
}

/** Exactly which records changed, and the timeStamp they all now carry ('' when nothing changed). */
export interface LightspeedMutationResult {
  timeStamp: string;
  addedSales: number[];
  completedSales: number[];
  voidedSales: number[];
  archivedItems: number[];
  updatedItems: number[];
}

/** Applies `mutation` to the store; `rng` makes the picks and the new sales deterministic. */
export function applyMutation(
  store: LightspeedStore,
  rng: SeededRandom,
  mutation: LightspeedMutation,
): LightspeedMutationResult {
  let stamp: number | undefined;
  // One stamp per call, taken only if something actually changes.
  const now = (): number => (stamp ??= store.nextStamp());
  const sales = store.saleIndex;
  const items = store.itemIndex;

  const isLive = (item: ItemRecord): boolean => !item.archived;
  const archivedItems = choose(items.all, mutation.archiveItems, isLive, items.idOf, 'random', rng);
  for (const item of archivedItems) {
    const t = now();
    item.archived = true;
    for (const shop of item.shops) Object.assign(shop, { qoh: 0, timeStamp: t });
    items.touch(item, t);
  }

  const updatedItems = choose(items.all, mutation.updateItems, isLive, items.idOf, 'random', rng);
  for (const item of updatedItems) {
    const t = now();
    const factor = rng.pick([0.9, 1.05, 1.1]);
    const newPrice = Math.max(99, Math.round((item.priceCents * factor) / 100) * 100 - 1);
    item.defaultCostCents = Math.max(1, Math.round((item.defaultCostCents * newPrice) / item.priceCents));
    item.priceCents = newPrice;
    item.msrpCents = newPrice;
    for (const shop of item.shops) Object.assign(shop, { qoh: shop.qoh + rng.int(5, 20), timeStamp: t });
    items.touch(item, t);
  }

  const canVoid = (sale: SaleRecord): boolean => sale.completed && !sale.voided && !sale.archived;
  const voidedSales = choose(sales.all, mutation.voidSales, canVoid, sales.idOf, 'newest', rng);
  for (const sale of voidedSales) {
    sale.voided = true;
    sales.touch(sale, now());
  }

  const canComplete = (sale: SaleRecord): boolean => !sale.completed && !sale.voided && !sale.archived;
  const completedSales = choose(sales.all, mutation.completeSales, canComplete, sales.idOf, 'newest', rng);
  for (const sale of completedSales) {
    const t = now();
    sale.completed = true;
    sale.completeTime = t;
    sales.touch(sale, t);
  }

  const addedSales: SaleRecord[] = [];
  const liveItems = items.all.filter(isLive);
  const addCount = liveItems.length > 0 ? Math.max(0, Math.floor(mutation.addSales ?? 0)) : 0;
  for (let i = 0; i < addCount; i++) {
    const t = now();
    const online = rng.chance(ONLINE_SHARE);
    const saleID = sales.maxId + 1;
    const lines = drawSaleLines(rng, () => rng.pick(liveItems));
    const sale = buildSale(
      {
        saleID,
        createTime: t - rng.int(30, 600),
        completeTime: t,
        timeStamp: t,
        completed: true,
        voided: false,
        archived: false,
        ...drawSaleContext(rng, online),
        referenceNumber: online ? webOrderNumber(saleID) : '',
        referenceNumberSource: online ? 'webstore' : '',
        lines,
      },
      store.takeSaleLineIDs(lines.length),
    );
    sales.add(sale);
    addedSales.push(sale);
  }

  const ids = <T>(records: T[], idOf: (r: T) => number): number[] => records.map(idOf);
  return {
    timeStamp: stamp === undefined ? '' : formatTime(stamp),
    addedSales: ids(addedSales, sales.idOf),
    completedSales: ids(completedSales, sales.idOf),
    voidedSales: ids(voidedSales, sales.idOf),
    archivedItems: ids(archivedItems, items.idOf),
    updatedItems: ids(updatedItems, items.idOf),
  };
}

function choose<T>(
  all: readonly T[],
  selector: number | number[] | undefined,
  eligible: (record: T) => boolean,
  idOf: (record: T) => number,
  how: 'newest' | 'random',
  rng: SeededRandom,
): T[] {
  if (selector === undefined) return [];
  if (Array.isArray(selector)) {
    const wanted = new Set(selector);
    return all.filter((record) => wanted.has(idOf(record)) && eligible(record));
  }
  const count = Math.max(0, Math.floor(selector));
  if (how === 'newest') {
    const chosen: T[] = [];
    for (let i = all.length - 1; i >= 0 && chosen.length < count; i--) {
      const record = all[i] as T;
      if (eligible(record)) chosen.push(record);
    }
    return chosen;
  }
  const pool = all.filter(eligible);
  // Partial Fisher-Yates: `count` distinct picks.
  for (let i = 0; i < Math.min(count, pool.length); i++) {
    const j = i + Math.floor(rng.next() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
  }
  return pool.slice(0, count);
}
