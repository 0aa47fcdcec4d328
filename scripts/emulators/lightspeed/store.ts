/**
 * The emulator's ground truth: every category, item and sale, archived ones included, plus the clock that stamps
 * changes. Tests compare what the API serves with what is here.
 */
import { RecordIndex } from './record-index';
import type { GeneratedShop } from './generate-shop';
import type { CategoryRecord, ItemRecord, SaleRecord } from './types';

/** All records of the emulated account, indexed for paging. */
export class LightspeedStore {
  /** Categories in id and time order. */
  readonly categoryIndex: RecordIndex<CategoryRecord>;
  /** Items in id and time order. */
  readonly itemIndex: RecordIndex<ItemRecord>;
  /** Sales in id and time order. */
  readonly saleIndex: RecordIndex<SaleRecord>;
  private lastStamp: number;
  private nextLineID: number;

  constructor(
    readonly accountId: string,
    shop: GeneratedShop,
    private readonly clock: () => Date,
  ) {
    this.categoryIndex = new RecordIndex((c) => c.categoryID, shop.categories);
    this.itemIndex = new RecordIndex((i) => i.itemID, shop.items);
    this.saleIndex = new RecordIndex((s) => s.saleID, shop.sales);
    this.nextLineID = shop.nextSaleLineID;
    this.lastStamp = Math.max(
      0,
      ...[this.categoryIndex, this.itemIndex, this.saleIndex].map((index) => {
        const newest = index.inTimeOrder[index.inTimeOrder.length - 1];
        return newest ? newest.timeStamp : 0;
      }),
    );
  }

  /** Every sale, archived included, ascending by saleID. */
  get sales(): readonly SaleRecord[] {
    return this.saleIndex.all;
  }

  /** Every item, archived included, ascending by itemID. */
  get items(): readonly ItemRecord[] {
    return this.itemIndex.all;
  }

  /** Every category, ascending by categoryID. */
  get categories(): readonly CategoryRecord[] {
    return this.categoryIndex.all;
  }

  /** The emulator clock, in epoch seconds. */
  nowSeconds(): number {
    return Math.floor(this.clock().getTime() / 1000);
  }

  /**
   * The timeStamp for a change happening now: the clock's second, but always later than every stamp already in the
   * store, so an incremental reader filtering on `timeStamp > last seen` can never miss a change.
   */
  nextStamp(): number {
    this.lastStamp = Math.max(this.nowSeconds(), this.lastStamp + 1);
    return this.lastStamp;
  }

  /** Reserves ids for new sale lines. */
  takeSaleLineIDs(count: number): number {
    const first = this.nextLineID;
    this.nextLineID += count;
    return first;
  }
}
