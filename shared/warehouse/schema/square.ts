import { defineTable } from './define';

/** Square locations (every location, not just the main one). */
export const squareLocations = defineTable({
  dataset: 'commerce',
  name: 'square_locations',
  description: 'Square locations',
  columns: {
    id: { type: 'STRING', required: true, description: 'Square location id' },
    name: { type: 'STRING', description: 'Location name' },
    status: { type: 'STRING', description: 'ACTIVE | INACTIVE' },
    timezone: { type: 'STRING', description: 'IANA time zone of the location' },
    currency: { type: 'STRING', description: 'ISO 4217 currency' },
    created_at: { type: 'TIMESTAMP', required: true, description: 'When the location was created' },
    updated_at: { type: 'TIMESTAMP', required: true, description: 'When this row was last synced (locations carry no update time)' },
  },
  primaryKey: ['id'],
  version: 'updated_at',
  partitionBy: 'created_at',
  clusterBy: ['id'],
});

/** Square payments, upserted by id; the newest updated_at wins, so status changes and refunds are reflected. */
export const squarePayments = defineTable({
  dataset: 'commerce',
  name: 'square_payments',
  description: 'Square payments',
  columns: {
    id: { type: 'STRING', required: true, description: 'Square payment id' },
    location_id: { type: 'STRING', required: true, description: 'Location that took the payment' },
    customer_id: { type: 'STRING', description: 'Square customer id, when known' },
    order_id: { type: 'STRING', description: 'Square order id' },
    amount_cents: { type: 'INT64', required: true, description: 'amount_money in cents' },
    tip_cents: { type: 'INT64', required: true, description: 'tip_money in cents' },
    total_cents: { type: 'INT64', required: true, description: 'total_money in cents' },
    refunded_cents: { type: 'INT64', required: true, description: 'refunded_money in cents' },
    currency: { type: 'STRING', required: true, description: 'ISO 4217 currency' },
    status: { type: 'STRING', required: true, description: 'APPROVED | PENDING | COMPLETED | CANCELED | FAILED' },
    source_type: { type: 'STRING', description: 'CARD, CASH, EXTERNAL, WALLET, …' },
    card_brand: { type: 'STRING', description: 'Card brand for card payments' },
    receipt_url: { type: 'STRING', description: 'Square receipt URL' },
    created_at: { type: 'TIMESTAMP', required: true, description: 'When the payment was created' },
    updated_at: { type: 'TIMESTAMP', required: true, description: 'When the payment last changed' },
  },
  primaryKey: ['id'],
  version: 'updated_at',
  partitionBy: 'created_at',
  clusterBy: ['location_id', 'status'],
});

/** Square refunds, upserted by id. */
export const squareRefunds = defineTable({
  dataset: 'commerce',
  name: 'square_refunds',
  description: 'Square payment refunds',
  columns: {
    id: { type: 'STRING', required: true, description: 'Square refund id' },
    payment_id: { type: 'STRING', required: true, description: 'The refunded payment' },
    location_id: { type: 'STRING', description: 'Location of the payment' },
    amount_cents: { type: 'INT64', required: true, description: 'amount_money in cents' },
    currency: { type: 'STRING', required: true, description: 'ISO 4217 currency' },
    status: { type: 'STRING', required: true, description: 'PENDING | COMPLETED | REJECTED | FAILED' },
    reason: { type: 'STRING', description: 'Why the refund was made' },
    created_at: { type: 'TIMESTAMP', required: true, description: 'When the refund was created' },
    updated_at: { type: 'TIMESTAMP', required: true, description: 'When the refund last changed' },
  },
  primaryKey: ['id'],
  version: 'updated_at',
  partitionBy: 'created_at',
  clusterBy: ['payment_id', 'status'],
});

/** The Square catalog, one row per item variation (the sellable unit with its SKU and price). */
export const squareItems = defineTable({
  dataset: 'commerce',
  name: 'square_items',
  description: 'Square catalog: one row per item variation; deleted objects are kept and flagged',
  columns: {
    id: { type: 'STRING', required: true, description: 'Item variation id' },
    item_id: { type: 'STRING', required: true, description: 'The item the variation belongs to' },
    name: { type: 'STRING', required: true, description: 'Item name' },
    variation_name: { type: 'STRING', description: 'Variation name (size, strength, …)' },
    category: { type: 'STRING', description: 'Category name' },
    category_id: { type: 'STRING', description: 'Category id' },
    sku: { type: 'STRING', description: 'SKU' },
    price_cents: { type: 'INT64', description: 'Fixed price in cents; null for variable pricing' },
    currency: { type: 'STRING', description: 'ISO 4217 currency of the price' },
    available: { type: 'BOOL', required: true, description: 'Sellable: not deleted and available for sale' },
    is_deleted: { type: 'BOOL', required: true, description: 'Deleted in Square' },
    version: { type: 'INT64', description: 'Square catalog object version' },
    updated_at: { type: 'TIMESTAMP', required: true, description: 'When the catalog object last changed' },
  },
  primaryKey: ['id'],
  version: 'updated_at',
  partitionBy: 'updated_at',
  clusterBy: ['category', 'is_deleted'],
});

/**
 * Square customers. Names and email are personal data: they are stored sealed (AES-256-GCM under the versioned key),
 * with a keyed hash of the normalized email for matching.
 */
export const squareCustomers = defineTable({
  dataset: 'commerce',
  name: 'square_customers',
  description: 'Square customers (personal fields sealed)',
  columns: {
    id: { type: 'STRING', required: true, description: 'Square customer id' },
    given_name: { type: 'STRING', description: 'Given name, sealed' },
    family_name: { type: 'STRING', description: 'Family name, sealed' },
    email: { type: 'STRING', description: 'Email address, sealed' },
    email_hash: { type: 'STRING', description: 'Keyed hash of the lower-cased email' },
    phone: { type: 'STRING', description: 'Phone number, sealed' },
    created_at: { type: 'TIMESTAMP', required: true, description: 'When the customer was created' },
    updated_at: { type: 'TIMESTAMP', required: true, description: 'When the customer last changed' },
  },
  primaryKey: ['id'],
  version: 'updated_at',
  partitionBy: 'created_at',
  clusterBy: ['id'],
});

/** Square inventory counts per catalog object, location and state, from inventory.count.updated events. */
export const squareInventory = defineTable({
  dataset: 'commerce',
  name: 'square_inventory',
  description: 'Square inventory counts (catalog object, location, state), newest calculated_at wins',
  columns: {
    catalog_object_id: { type: 'STRING', required: true, description: 'The counted item variation' },
    catalog_object_type: { type: 'STRING', description: 'ITEM_VARIATION, …' },
    location_id: { type: 'STRING', required: true, description: 'Where it is counted' },
    state: { type: 'STRING', required: true, description: 'IN_STOCK, SOLD, WASTE, …' },
    quantity: { type: 'FLOAT64', required: true, description: 'Quantity in this state (Square sends a decimal string)' },
    calculated_at: { type: 'TIMESTAMP', required: true, description: 'When Square calculated the count' },
  },
  primaryKey: ['catalog_object_id', 'location_id', 'state'],
  version: 'calculated_at',
  partitionBy: 'calculated_at',
  clusterBy: ['location_id', 'catalog_object_id'],
});
