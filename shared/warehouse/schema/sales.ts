import { defineView } from './define';

/**
 * Every sale of every source, one row each, amounts in cents, status normalized to completed / pending / canceled /
 * failed / voided. Square: amount_money (tax included, tips excluded). Lightspeed: calcTotal (tax included); returns
 * are sales with negative totals. The dashboard reads this view, never the source tables.
 */
export const salesView = defineView({
  dataset: 'commerce',
  name: 'sales',
  description: 'All sales of every source, normalized',
  dependsOn: ['commerce.square_payments', 'analytics.lightspeed_transactions'],
  sql: (d) => `
SELECT 'square' AS source, id, location_id, customer_id, amount_cents, refunded_cents,
  CASE status WHEN 'COMPLETED' THEN 'completed' WHEN 'CANCELED' THEN 'canceled' WHEN 'FAILED' THEN 'failed' ELSE 'pending' END AS status,
  created_at, updated_at
FROM ${d.table('commerce.square_payments')}
UNION ALL
SELECT 'lightspeed' AS source, id, shop_id AS location_id, customer_id, total_cents AS amount_cents, 0 AS refunded_cents,
  CASE status WHEN 'completed' THEN 'completed' WHEN 'voided' THEN 'voided' ELSE 'pending' END AS status,
  COALESCE(completed_at, created_at) AS created_at, updated_at
FROM ${d.table('analytics.lightspeed_transactions')}`,
});

/** Completed refunds of every source, dated by the refund's own time (a late refund counts when it is made). */
export const saleRefundsView = defineView({
  dataset: 'commerce',
  name: 'sale_refunds',
  description: 'Completed refunds of every source',
  dependsOn: ['commerce.square_refunds'],
  sql: (d) => `
SELECT 'square' AS source, id, payment_id AS sale_id, location_id, amount_cents, created_at, updated_at
FROM ${d.table('commerce.square_refunds')}
WHERE status = 'COMPLETED'`,
});
