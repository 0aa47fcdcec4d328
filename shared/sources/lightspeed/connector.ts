import { lightspeedProducts, lightspeedTransactions } from '../../warehouse/schema/lightspeed';
import type { Connector } from '../connector';
import { notConfigured, probeEndpoint } from '../probe';
import { readBucketHeaders } from './bucket-pacing';
import { lightspeedApiBaseUrl } from './client';
import { lightspeedAccountId, lightspeedAuthFor } from './account';
import { LIGHTSPEED_STREAMS } from './streams';

const PUBLIC_API = 'https://api.lightspeedapp.com';

/** Lightspeed Retail (R-Series, API V3): sales and items, through the leaky bucket, with API key or rotating OAuth. */
export const lightspeedConnector = {
  name: 'lightspeed',
  label: 'Lightspeed Retail',
  streams: LIGHTSPEED_STREAMS,
  // The encryption keys seal the access token shared between instances.
  secrets: ['lightspeed-api-key', 'lightspeed-client-secret', 'lightspeed-refresh-token', 'pii-encryption-keys'],
  // Every token refresh returns a new refresh token, stored as a new secret version.
  writesSecrets: ['lightspeed-refresh-token'],

  mode(cfg) {
    if (!cfg.LIGHTSPEED_ACCOUNT_ID) return 'not-configured';
    return lightspeedApiBaseUrl(cfg) === PUBLIC_API ? 'production' : 'emulator';
  },

  backfillDays: (cfg) => cfg.LIGHTSPEED_BACKFILL_DAYS,

  /**
   * Reads the account (GET /API/V3/Account/{id}.json): one drip, and its answer carries the bucket level, so the
   * probe also says how much of the rate limit is left. With OAuth it refreshes the access token when it is due,
   * as a sync would, and reports when the token in use expires.
   */
  async probe(rt, options = {}) {
    const mode = this.mode(rt.config);
    if (mode === 'not-configured') return notConfigured('lightspeed', rt.clock.now());
    const auth = lightspeedAuthFor(rt);
    return probeEndpoint({
      source: 'lightspeed',
      mode,
      url: `${lightspeedApiBaseUrl(rt.config)}/API/V3/Account/${lightspeedAccountId(rt.config)}.json`,
      authorization: () => auth.authorization(),
      // Lightspeed checks credentials before the bucket: a 429 means they were good.
      authCheckedBeforeRateLimit: true,
      rateLimit: (response) => {
        const bucket = readBucketHeaders(response.headers);
        return bucket ? { remaining: Math.max(0, bucket.size - bucket.level), limit: bucket.size } : null;
      },
      tokenExpiresAt: () => auth.expiresAt(),
      now: () => rt.clock.now(),
      timeoutMs: options.timeoutMs,
    });
  },

  // Items have no variations: each is its own sellable unit. Archived ones are listed only when `all`.
  catalogQuery: {
    reads: [lightspeedProducts],
    sql: (d) => `
SELECT 'lightspeed' AS source, id, id AS item_id, name, CAST(NULL AS STRING) AS variation_name,
  category, sku, price_cents, NOT is_archived AS available
FROM ${d.table(lightspeedProducts)}
WHERE updated_at <= ${d.param('now')} AND (${d.param('all')} OR NOT is_archived)`,
  },

  // calcTotal is tax included; returns are sales with negative totals, so there is no separate refunds query.
  salesQuery: {
    reads: [lightspeedTransactions],
    sql: (d) => `
SELECT 'lightspeed' AS source, id, shop_id AS location_id, customer_id, total_cents AS amount_cents, 0 AS refunded_cents,
  CASE status WHEN 'completed' THEN 'completed' WHEN 'voided' THEN 'voided' ELSE 'pending' END AS status,
  COALESCE(completed_at, created_at) AS created_at, updated_at
FROM ${d.table(lightspeedTransactions)}`,
  },

  refundsQuery: null,

  locationsQuery: null,
} satisfies Connector<'lightspeed'>;
