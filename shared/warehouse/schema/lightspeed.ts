import { defineTable } from './define';

/** Lightspeed Retail sales, upserted by sale id; archived and voided sales are kept with their status. */
export const lightspeedTransactions = defineTable({
  dataset: 'commerce',
  name: 'lightspeed_transactions',
  description: 'Lightspeed Retail sales',
  columns: {
    id: { type: 'STRING', required: true, description: 'Lightspeed saleID' },
    shop_id: { type: 'STRING', description: 'Lightspeed shopID (the location)' },
    amount_cents: { type: 'INT64', required: true, description: 'calcSubtotal in cents (before tax)' },
    tax_cents: { type: 'INT64', required: true, description: 'calcTax1 + calcTax2 in cents' },
    total_cents: { type: 'INT64', required: true, description: 'calcTotal in cents' },
    customer_id: { type: 'STRING', description: 'Lightspeed customerID; null when none ("0")' },
    status: { type: 'STRING', required: true, description: 'completed | open | voided' },
    is_archived: { type: 'BOOL', required: true, description: 'Archived in Lightspeed' },
    completed_at: { type: 'TIMESTAMP', description: 'completeTime' },
    created_at: { type: 'TIMESTAMP', required: true, description: 'createTime' },
    updated_at: { type: 'TIMESTAMP', required: true, description: 'timeStamp (last change)' },
  },
  primaryKey: ['id'],
  version: 'updated_at',
  partitionBy: 'created_at',
  clusterBy: ['status', 'shop_id'],
  formerly: ['analytics.lightspeed_transactions'],
});

/** Lightspeed Retail items, upserted by item id; archived items are kept and flagged. */
export const lightspeedProducts = defineTable({
  dataset: 'commerce',
  name: 'lightspeed_products',
  description: 'Lightspeed Retail items',
  columns: {
    id: { type: 'STRING', required: true, description: 'Lightspeed itemID' },
    name: { type: 'STRING', required: true, description: 'description (the item name in Lightspeed)' },
    description: { type: 'STRING', description: 'longDescription (ItemECommerce)' },
    category: { type: 'STRING', description: 'Category name' },
    sku: { type: 'STRING', description: 'systemSku / customSku' },
    price_cents: { type: 'INT64', description: 'Default price in cents' },
    cost_cents: { type: 'INT64', description: 'defaultCost in cents' },
    avg_cost_cents: { type: 'INT64', description: 'avgCost in cents' },
    quantity: { type: 'INT64', description: 'Quantity on hand across shops' },
    is_archived: { type: 'BOOL', required: true, description: 'Archived in Lightspeed' },
    created_at: { type: 'TIMESTAMP', required: true, description: 'createTime' },
    updated_at: { type: 'TIMESTAMP', required: true, description: 'timeStamp (last change)' },
  },
  primaryKey: ['id'],
  version: 'updated_at',
  partitionBy: 'updated_at',
  clusterBy: ['category', 'is_archived'],
  formerly: ['analytics.lightspeed_products'],
});
