import type { SquareClient } from 'square';
import { type CatalogProduct, byCatalogName } from '../catalog';
import { rowOrSkipped } from '../record-pages';
import { DAY_MS } from '../../calendar';
import { squareCatalogToRows, squarePaymentToRow } from './rows';
import { categoryNames, searchCatalog } from './streams';

/** A payment as the transactions summary lists it, amounts in cents. */
export interface RecentPayment {
  id: string;
  locationId: string;
  amountCents: number;
  refundedCents: number;
  status: string;
  sourceType: string | null;
  cardBrand: string | null;
  receiptUrl: string | null;
  createdAt: string;
}

/** The last seven days of Square payments: completed revenue net of refunds, counts, and the newest payments. */
export interface SquareTransactionsSummary {
  from: string;
  to: string;
  /** Completed payments' amounts less what has been refunded of them. */
  revenueCents: number;
  completedCount: number;
  /** Every payment in the window, whatever its status. */
  paymentCount: number;
  recent: RecentPayment[];
}

/** How many of the newest payments the summary lists. */
export const RECENT_PAYMENTS = 20;

/** Reads Square live for a person waiting: the catalog and the last week's payments, mapped exactly as the sync maps them. */
export class SquareLiveReads {
  constructor(
    private readonly client: SquareClient,
    private readonly source: string,
  ) {}

  /** The live catalog, one entry per item variation; deleted and malformed objects left out as the sync leaves them out. */
  async catalog(): Promise<CatalogProduct[]> {
    const [items, categories] = await Promise.all([searchCatalog(this.client, ['ITEM'], false), categoryNames(this.client, false)]);
    return squareCatalogToRows(items, [], categories)
      .rows.filter((row) => !row.is_deleted)
      .map((row) => ({
        source: this.source,
        id: row.id,
        itemId: row.item_id,
        name: row.name,
        variationName: row.variation_name,
        category: row.category,
        sku: row.sku,
        priceCents: row.price_cents,
        available: row.available,
      }))
      .sort(byCatalogName);
  }

  /** Every payment created in the seven days before `now` at every location (Square lists one location per call). */
  async recentPayments(now: Date): Promise<SquareTransactionsSummary> {
    const from = new Date(now.getTime() - 7 * DAY_MS);
    const { locations = [] } = await this.client.locations.list();
    const payments: RecentPayment[] = [];
    for (const location of locations) {
      if (!location.id) continue;
      let page = await this.client.payments.list({ beginTime: from.toISOString(), endTime: now.toISOString(), locationId: location.id, sortOrder: 'DESC', limit: 100 });
      for (;;) {
        for (const payment of page.data) {
          const row = rowOrSkipped(payment, squarePaymentToRow);
          if (!row) continue;
          payments.push({
            id: row.id,
            locationId: row.location_id,
            amountCents: row.amount_cents,
            refundedCents: row.refunded_cents,
            status: row.status,
            sourceType: row.source_type,
            cardBrand: row.card_brand,
            receiptUrl: row.receipt_url,
            createdAt: row.created_at,
          });
        }
        if (!page.hasNextPage()) break;
        page = await page.getNextPage();
      }
    }
    const completed = payments.filter((p) => p.status === 'COMPLETED');
    payments.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id.localeCompare(b.id)));
    return {
      from: from.toISOString(),
      to: now.toISOString(),
      revenueCents: completed.reduce((sum, p) => sum + p.amountCents - p.refundedCents, 0),
      completedCount: completed.length,
      paymentCount: payments.length,
      recent: payments.slice(0, RECENT_PAYMENTS),
    };
  }
}
