import type { Square, SquareClient } from 'square';
import type { Runtime } from '@shared/runtime';
import { createSquareClient, squareBaseUrl, squarePacerFor } from '@shared/sources/square/client';
import { MalformedRecordError, squareCatalogToRows, squarePaymentToRow } from '@shared/sources/square/rows';
import { createTransport } from '@shared/sources/transport';
import type { CatalogProduct } from './products-query';

/** A dashboard read is interactive: two attempts, each bounded, and the whole read bounded well under the function's timeout. */
const SQUARE_READ = { maxAttempts: 2, timeoutMs: 10_000, budgetMs: 25_000 };
const DAY_MS = 86_400_000;

/** The Square SDK client for one dashboard read: paced with the sync (one ceiling per process), retrying briefly. */
export async function squareClientFor(rt: Runtime): Promise<SquareClient> {
  const transport = createTransport({
    pacer: squarePacerFor(rt.config),
    maxAttempts: SQUARE_READ.maxAttempts,
    timeoutMs: SQUARE_READ.timeoutMs,
    deadline: Date.now() + SQUARE_READ.budgetMs,
  });
  return createSquareClient({ token: await rt.secrets.get('square-access-token'), baseUrl: squareBaseUrl(rt.config), fetch: transport.fetch });
}

/** Every page of a catalog search of one object type. */
async function searchAll(client: SquareClient, objectType: Square.CatalogObjectType): Promise<Square.CatalogObject[]> {
  const objects: Square.CatalogObject[] = [];
  let cursor: string | undefined;
  do {
    const response = await client.catalog.search({ objectTypes: [objectType], includeDeletedObjects: false, limit: 1000, cursor });
    objects.push(...(response.objects ?? []));
    cursor = response.cursor || undefined;
  } while (cursor);
  return objects;
}

/** The live Square catalog, one entry per item variation, mapped exactly as the sync maps it; deleted objects left out. */
export async function fetchSquareCatalog(client: SquareClient): Promise<CatalogProduct[]> {
  const [items, categoryObjects] = await Promise.all([searchAll(client, 'ITEM'), searchAll(client, 'CATEGORY')]);
  const categories = new Map<string, string>();
  for (const c of categoryObjects) {
    if (c.type === 'CATEGORY' && c.id && c.categoryData?.name) categories.set(c.id, c.categoryData.name);
  }
  // A malformed object (no id or times) is left out here as the sync leaves it out of the warehouse.
  return squareCatalogToRows(items, [], categories)
    .rows.filter((row) => !row.is_deleted)
    .map((row) => ({
      source: 'square' as const,
      id: row.id,
      itemId: row.item_id,
      name: row.name,
      variationName: row.variation_name,
      category: row.category,
      sku: row.sku,
      priceCents: row.price_cents,
      available: row.available,
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || (a.variationName ?? '').localeCompare(b.variationName ?? '') || a.id.localeCompare(b.id));
}

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

/** A payment as a row, or null for one Square sent without an id, location or amount (the sync skips those too). */
function mappedOrSkipped(payment: Square.Payment): ReturnType<typeof squarePaymentToRow> | null {
  try {
    return squarePaymentToRow(payment);
  } catch (error) {
    if (error instanceof MalformedRecordError) return null;
    throw error;
  }
}

/** Reads every payment created in the last seven days at every location (Square lists only one location per call). */
export async function fetchSquareTransactions(client: SquareClient, now: Date): Promise<SquareTransactionsSummary> {
  const from = new Date(now.getTime() - 7 * DAY_MS);
  const { locations = [] } = await client.locations.list();
  const payments: RecentPayment[] = [];
  for (const location of locations) {
    if (!location.id) continue;
    let page = await client.payments.list({ beginTime: from.toISOString(), endTime: now.toISOString(), locationId: location.id, sortOrder: 'DESC', limit: 100 });
    for (;;) {
      for (const payment of page.data) {
        const row = mappedOrSkipped(payment);
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
