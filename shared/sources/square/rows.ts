import type { Square } from 'square';
import type { KeyRing } from '../../privacy/keys';
import { keyedHash, seal } from '../../privacy/seal';
import { MalformedRecordError } from '../record-pages';
import { cents } from './money';
import type { squareCustomers, squareItems, squareLocations, squarePayments, squareRefunds } from '../../warehouse/schema/square';

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

type ItemObject = Square.CatalogObject.Item;
type VariationObject = Square.CatalogObject.ItemVariation;

/** A variation of an item as a catalog row; deleted when the item or the variation is. */
export function squareVariationToRow(
  variation: VariationObject,
  item: ItemObject | undefined,
  categories: ReadonlyMap<string, string>,
): typeof squareItems.row {
  if (!variation.id) throw new MalformedRecordError(undefined, 'variation without id');
  const vd = variation.itemVariationData;
  const data = item?.itemData;
  const itemId = vd?.itemId ?? item?.id;
  if (!itemId) throw new MalformedRecordError(variation.id, 'variation without item_id');
  const categoryId = data?.categories?.[0]?.id ?? data?.categoryId ?? data?.reportingCategory?.id ?? null;
  const deleted = item?.isDeleted === true || variation.isDeleted === true;
  const times = [variation.updatedAt, item?.updatedAt].filter((t): t is string => Boolean(t)).map((t) => iso(t, 'updated_at', variation.id));
  if (times.length === 0) throw new MalformedRecordError(variation.id, 'updated_at is not a timestamp');
  const version = variation.version ?? item?.version;
  return {
    id: variation.id,
    item_id: itemId,
    name: data?.name ?? '(unknown item)',
    variation_name: vd?.name ?? null,
    category: categoryId ? (categories.get(categoryId) ?? null) : null,
    category_id: categoryId,
    sku: vd?.sku ?? null,
    price_cents: vd?.priceMoney ? cents(vd.priceMoney) : null,
    currency: vd?.priceMoney?.currency ?? null,
    available: !deleted && vd?.sellable !== false && data?.isArchived !== true,
    is_deleted: deleted,
    version: version !== undefined ? Number(version) : null,
    updated_at: times.sort().at(-1) as string,
  };
}

/**
 * Catalog objects (ITEMs with nested variations, and ITEM_VARIATIONs on their own, such as deleted ones that Square
 * drops from their item) as one row per variation. Parents of lone variations come from `related`.
 */
export function squareCatalogToRows(
  objects: readonly Square.CatalogObject[],
  related: readonly Square.CatalogObject[],
  categories: ReadonlyMap<string, string>,
): { rows: Array<typeof squareItems.row>; malformed: MalformedRecordError[] } {
  const items = new Map<string, ItemObject>();
  for (const o of [...related, ...objects]) if (o.type === 'ITEM' && o.id) items.set(o.id, o);
  const rows: Array<typeof squareItems.row> = [];
  const malformed: MalformedRecordError[] = [];
  const attempt = (map: () => void) => {
    try {
      map();
    } catch (error) {
      if (!(error instanceof MalformedRecordError)) throw error;
      malformed.push(error);
    }
  };
  for (const o of objects) {
    if (o.type === 'ITEM') {
      if (!o.updatedAt) malformed.push(new MalformedRecordError(o.id, 'item without updated_at'));
      else for (const v of o.itemData?.variations ?? []) if (v.type === 'ITEM_VARIATION') attempt(() => rows.push(squareVariationToRow(v, o, categories)));
    } else if (o.type === 'ITEM_VARIATION') {
      attempt(() => rows.push(squareVariationToRow(o, items.get(o.itemVariationData?.itemId ?? ''), categories)));
    }
  }
  return { rows, malformed };
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
