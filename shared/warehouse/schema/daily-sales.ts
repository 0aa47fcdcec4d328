import { defineTable } from './define';

/**
 * Completed sales and refunds summed per business day, source and location: what the dashboard reads instead of
 * every sale. A day is a calendar date in the time zone named on the row (BUSINESS_TIMEZONE when it was computed); a
 * sale counts on its own day, a refund on the refund's day. Kept equal to commerce.sales and commerce.sale_refunds by
 * the writers of sales (shared/sales-rollup), bucket by bucket, in the same job as the rows they write.
 */
export const dailySales = defineTable({
  dataset: 'commerce',
  name: 'daily_sales',
  description: 'Completed sales and refunds per business day, source and location (a maintained rollup)',
  columns: {
    business_date: { type: 'DATE', required: true, description: 'Calendar date in time_zone' },
    source: { type: 'STRING', required: true, description: 'POS source (square, lightspeed)' },
    location_id: { type: 'STRING', required: true, description: "The source's location (Square location, Lightspeed shop); '' when unknown" },
    gross_cents: { type: 'INT64', required: true, description: 'Completed sales of the day, in cents (Lightspeed returns count negative)' },
    refunds_cents: { type: 'INT64', required: true, description: 'Completed refunds made on the day, in cents, whenever their sale was' },
    completed_count: { type: 'INT64', required: true, description: 'Completed sales of the day: with net cents, the average order value' },
    time_zone: { type: 'STRING', required: true, description: 'IANA time zone the day is a date in' },
    updated_at: { type: 'TIMESTAMP', required: true, description: 'When the bucket was last recomputed' },
  },
  primaryKey: ['business_date', 'source', 'location_id'],
  partitionBy: 'business_date',
  clusterBy: ['location_id', 'source'],
});

/**
 * Each customer's completed sales per source and location: distinct customers cannot be summed across days, so they
 * are counted here, exactly, at a cost that grows with customers rather than sales. Maintained with daily_sales.
 */
export const customerSales = defineTable({
  dataset: 'commerce',
  name: 'customer_sales',
  description: 'Completed sales per customer, source and location (a maintained rollup)',
  columns: {
    source: { type: 'STRING', required: true, description: 'POS source' },
    location_id: { type: 'STRING', required: true, description: "Location; '' when unknown" },
    customer_id: { type: 'STRING', required: true, description: "The source's customer id" },
    first_sale_at: { type: 'TIMESTAMP', required: true, description: 'Time of the first completed sale' },
    completed_count: { type: 'INT64', required: true, description: 'Completed sales' },
    updated_at: { type: 'TIMESTAMP', required: true, description: 'When the row was last recomputed' },
  },
  primaryKey: ['source', 'location_id', 'customer_id'],
  partitionBy: 'first_sale_at',
  clusterBy: ['location_id', 'source'],
});
