import type { Square } from 'square';
import type { KeyRing } from '../../privacy/keys';
import { keyedHash, seal } from '../../privacy/seal';
import { cents } from './money';
import type { squareCustomers, squareItems, squareLocations, squarePayments, squareRefunds } from '../../warehouse/schema/square';

/** A record the mapper cannot use (missing id or times); counted and logged by the sync, never fatal. */
export class MalformedRecordError extends Error {
  constructor(readonly recordId: string | undefined, reason: string) {
    super(`Malformed record ${recordId ?? '(no id)'}: ${reason}`);
    this.name = 'MalformedRecordError';
  }
}

const iso = (value: string | undefined | null, field: string, id?: string): string => {
  const ms = value ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new MalformedRecordError(id, `${field} is not a timestamp`);
  return new Date(ms).toISOString();
};

/** A Square payment as a warehouse row. */
export function squarePaymentToRow(p: Square.Payment): typeof squarePayments.row {
  if (!p.id) throw new MalformedRecordError(undefined, 'payment without id');
  if (!p.locationId) throw new MalformedRecordError(p.id, 'payment without location');
  if (!p.amountMoney) throw new MalformedRecordError(p.id, 'payment without amount_money');
  return {
    id: p.id,
    location_id: p.locationId,
    customer_id: p.customerId ?? null,
    order_id: p.orderId ?? null,
    amount_cents: cents(p.amountMoney),
    tip_cents: cents(p.tipMoney),
    total_cents: cents(p.totalMoney ?? p.amountMoney),
    refunded_cents: cents(p.refundedMoney),
    currency: p.amountMoney.currency ?? 'USD',
    status: p.status ?? 'UNKNOWN',
    source_type: p.sourceType ?? null,
    card_brand: p.cardDetails?.card?.cardBrand ?? null,
    receipt_url: p.receiptUrl ?? null,
    created_at: iso(p.createdAt, 'created_at', p.id),
    updated_at: iso(p.updatedAt ?? p.createdAt, 'updated_at', p.id),
  };
}

/** A Square refund as a warehouse row. */
export function squareRefundToRow(r: Square.PaymentRefund): typeof squareRefunds.row {
  if (!r.id) throw new MalformedRecordError(undefined, 'refund without id');
  if (!r.paymentId) throw new MalformedRecordError(r.id, 'refund without payment_id');
  return {
    id: r.id,
    payment_id: r.paymentId,
    location_id: r.locationId ?? null,
    amount_cents: cents(r.amountMoney),
    currency: r.amountMoney?.currency ?? 'USD',
    status: r.status ?? 'UNKNOWN',
    reason: r.reason ?? null,
    created_at: iso(r.createdAt, 'created_at', r.id),
    updated_at: iso(r.updatedAt ?? r.createdAt, 'updated_at', r.id),
  };
}

/** A Square location as a warehouse row, stamped with the sync time (locations carry no update time). */
export function squareLocationToRow(l: Square.Location, syncedAt: Date): typeof squareLocations.row {
  if (!l.id) throw new MalformedRecordError(undefined, 'location without id');
  return {
    id: l.id,
    name: l.name ?? null,
    status: l.status ?? null,
    timezone: l.timezone ?? null,
    currency: l.currency ?? null,
    created_at: iso(l.createdAt, 'created_at', l.id),
    updated_at: syncedAt.toISOString(),
  };
}

/**
 * A Square ITEM as one row per variation. A deleted item marks every variation deleted; a variation whose own
 * object is deleted is flagged too.
 */
export function squareItemToRows(item: Square.CatalogObject, categories: ReadonlyMap<string, string>): Array<typeof squareItems.row> {
  if (item.type !== 'ITEM') return [];
  if (!item.id) throw new MalformedRecordError(undefined, 'item without id');
  const data = item.itemData;
  const updatedAt = iso(item.updatedAt, 'updated_at', item.id);
  const categoryId = data?.categories?.[0]?.id ?? data?.categoryId ?? data?.reportingCategory?.id ?? null;
  const itemDeleted = item.isDeleted === true;
  const variations = (data?.variations ?? []).filter((v): v is Square.CatalogObject.ItemVariation => v.type === 'ITEM_VARIATION');
  return variations.map((v) => {
    const vd = v.itemVariationData;
    const deleted = itemDeleted || v.isDeleted === true;
    const variationUpdated = v.updatedAt ? iso(v.updatedAt, 'updated_at', v.id) : updatedAt;
    return {
      id: v.id,
      item_id: item.id,
      name: data?.name ?? '(unnamed item)',
      variation_name: vd?.name ?? null,
      category: categoryId ? (categories.get(categoryId) ?? null) : null,
      category_id: categoryId,
      sku: vd?.sku ?? null,
      price_cents: vd?.priceMoney ? cents(vd.priceMoney) : null,
      currency: vd?.priceMoney?.currency ?? null,
      available: !deleted && vd?.sellable !== false && data?.isArchived !== true,
      is_deleted: deleted,
      version: v.version !== undefined ? Number(v.version) : item.version !== undefined ? Number(item.version) : null,
      updated_at: variationUpdated > updatedAt ? variationUpdated : updatedAt,
    };
  });
}

/** A Square customer as a row with its personal fields sealed to the customer id. */
export function squareCustomerToRow(c: Square.Customer, keys: { pepper: string; ring: KeyRing }): typeof squareCustomers.row {
  if (!c.id) throw new MalformedRecordError(undefined, 'customer without id');
  const sealed = (value: string | null | undefined, field: string) => (value ? seal(keys.ring, value, `square_customers:${c.id}:${field}`) : null);
  const email = c.emailAddress?.trim().toLowerCase();
  return {
    id: c.id,
    given_name: sealed(c.givenName, 'given_name'),
    family_name: sealed(c.familyName, 'family_name'),
    email: sealed(c.emailAddress, 'email'),
    email_hash: email ? keyedHash(keys.pepper, 'email', email) : null,
    phone: sealed(c.phoneNumber, 'phone'),
    created_at: iso(c.createdAt, 'created_at', c.id),
    updated_at: iso(c.updatedAt ?? c.createdAt, 'updated_at', c.id),
  };
}
