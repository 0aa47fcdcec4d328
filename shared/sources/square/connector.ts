import { squareItems, squareLocations, squarePayments, squareRefunds } from '../../warehouse/schema/square';
import type { Connector } from '../connector';
import { probeEndpoint } from '../probe';
import { squareBaseUrl } from './client';
import { SQUARE_STREAMS } from './streams';

const PUBLIC_API = { production: 'https://connect.squareup.com', sandbox: 'https://connect.squareupsandbox.com' };

/** The API version the probe speaks: the one the SDK the sync uses sends. */
const SQUARE_VERSION = '2026-09-16';

/** Square: payments, refunds, catalog, customers and locations through the official SDK. */
export const squareConnector = {
  name: 'square',
  label: 'Square',
  streams: SQUARE_STREAMS,
  // The pepper and keys seal customers' personal fields as they are mapped.
  secrets: ['square-access-token', 'pii-pepper', 'pii-encryption-keys'],
  writesSecrets: [],

  mode(cfg) {
    const url = squareBaseUrl(cfg);
    if (url === PUBLIC_API.production) return 'production';
    if (url === PUBLIC_API.sandbox) return 'sandbox';
    return 'emulator';
  },

  backfillDays: (cfg) => cfg.SQUARE_BACKFILL_DAYS,

  /**
   * Lists the locations (GET /v2/locations): the smallest authenticated read Square has. Square publishes no rate
   * limit, so the headroom is only what a 429's Retry-After says; personal access tokens do not expire.
   */
  async probe(rt, options = {}) {
    return probeEndpoint({
      source: 'square',
      mode: this.mode(rt.config),
      url: `${squareBaseUrl(rt.config)}/v2/locations`,
      authorization: async () => `Bearer ${await rt.secrets.get('square-access-token')}`,
      headers: { 'Square-Version': SQUARE_VERSION },
      now: () => rt.clock.now(),
      timeoutMs: options.timeoutMs,
    });
  },

  // Item variations: the sellable unit with its SKU and price. Deleted ones are never listed.
  catalogQuery: {
    reads: [squareItems],
    sql: (d) => `
SELECT 'square' AS source, id, item_id, name, variation_name, category, sku, price_cents, available
FROM ${d.table(squareItems)}
WHERE updated_at <= ${d.param('now')} AND NOT is_deleted AND (${d.param('all')} OR available)`,
  },

  // amount_money is tax included and tips excluded; refunds are subtracted through commerce.sale_refunds.
  salesQuery: {
    reads: [squarePayments],
    sql: (d) => `
SELECT 'square' AS source, id, location_id, customer_id, amount_cents, refunded_cents,
  CASE status WHEN 'COMPLETED' THEN 'completed' WHEN 'CANCELED' THEN 'canceled' WHEN 'FAILED' THEN 'failed' ELSE 'pending' END AS status,
  created_at, updated_at
FROM ${d.table(squarePayments)}`,
  },

  locationsQuery: {
    reads: [squareLocations],
    sql: (d) => `
SELECT 'square' AS source, id, name
FROM ${d.table(squareLocations)}`,
  },

  refundsQuery: {
    reads: [squareRefunds],
    sql: (d) => `
SELECT 'square' AS source, id, payment_id AS sale_id, location_id, amount_cents, created_at, updated_at
FROM ${d.table(squareRefunds)}
WHERE status = 'COMPLETED'`,
  },
} satisfies Connector<'square'>;
