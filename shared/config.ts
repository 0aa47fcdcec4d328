import { z } from 'zod';

/** How the product is configured: parsed once from the environment, frozen, failing fast on a bad value. */
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  WAREHOUSE: z
    .string()
    .default('duckdb:.data/warehouse.duckdb')
    .refine((v) => v === 'bigquery' || v.startsWith('duckdb:'), 'must be "bigquery" or "duckdb:<path>"'),
  KV: z.enum(['memory', 'upstash']).default('memory'),
  BUS: z.enum(['local', 'pubsub']).default('local'),
  SECRETS: z.enum(['env', 'secret-manager']).default('env'),
  GCP_PROJECT_ID: z.string().default('local-project'),
  BQ_LOCATION: z.string().default('US'),
  BIGQUERY_API_ENDPOINT: z.string().url().optional(),
  UPSTASH_REDIS_REST_URL: z.string().url().optional(),
  PUBSUB_API_ENDPOINT: z.string().optional(),
  SECRET_MANAGER_API_ENDPOINT: z.string().optional(),
  BUSINESS_TIMEZONE: z
    .string()
    .default('America/Chicago')
    .refine(isTimeZone, 'must be an IANA time zone such as America/Chicago'),
  JWT_AUDIENCE: z.string().min(1).default('commerce-api'),
  JWT_ISSUER: z.string().min(1).default('commerce-backend'),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean)),
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  PORT: positiveInt(8080),
  LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARNING', 'ERROR']).default('INFO'),
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  BUILD_VERSION: z.string().default('dev'),
  RATE_LIMIT_API_PER_MINUTE: positiveInt(100),
  RATE_LIMIT_WEBHOOKS_PER_MINUTE: positiveInt(1000),
  RATE_LIMIT_ADMIN_PER_MINUTE: positiveInt(50),
  /** Health and liveness paths count apart from the API, so API traffic from one NAT never fails a health check. */
  RATE_LIMIT_HEALTH_PER_MINUTE: positiveInt(600),
  BUS_MAX_DELIVERY_ATTEMPTS: positiveInt(5),
  BUS_MIN_BACKOFF_MS: z.coerce.number().int().min(0).default(10_000),
  BUS_MAX_BACKOFF_MS: z.coerce.number().int().min(0).default(600_000),
  /** Dashboard answers are served from cache without a warehouse query for this long. */
  DASHBOARD_CACHE_FRESH_SECONDS: positiveInt(30),
  /** …then served stale for up to this long while one background refresh runs. */
  DASHBOARD_CACHE_STALE_SECONDS: z.coerce.number().int().min(0).default(60),
  SQUARE_BASE_URL: z.string().url().optional(),
  SQUARE_ENVIRONMENT: z.enum(['production', 'sandbox']).default('production'),
  SQUARE_MAX_RPS: z.coerce.number().positive().default(10),
  SQUARE_BACKFILL_DAYS: positiveInt(730),
  LIGHTSPEED_BASE_URL: z.string().url().optional(),
  /** Lightspeed's token endpoint lives on another host than its API (cloud. vs api.lightspeedapp.com). */
  LIGHTSPEED_TOKEN_URL: z.string().url().optional(),
  LIGHTSPEED_ACCOUNT_ID: z.string().regex(/^\d+$/, 'must be the numeric Lightspeed account ID').optional(),
  /** Set for OAuth2 (client secret and refresh token are secrets); unset means the legacy API key. */
  LIGHTSPEED_CLIENT_ID: z.string().min(1).optional(),
  LIGHTSPEED_BACKFILL_DAYS: positiveInt(730),
  /** The leaky bucket assumed until Lightspeed's first X-LS-API-Bucket-Level header tells the real one. */
  LIGHTSPEED_BUCKET_SIZE: z.coerce.number().positive().default(90),
  LIGHTSPEED_DRIP_PER_SECOND: z.coerce.number().positive().default(1),
  /** Drips left free for other clients of the account (other instances, other apps). */
  LIGHTSPEED_BUCKET_HEADROOM: z.coerce.number().min(0).default(10),
  SYNC_MAX_ATTEMPTS: positiveInt(3),
  SYNC_OVERLAP_MINUTES: z.coerce.number().int().min(0).default(10),
  SYNC_RUN_TIMEOUT_SECONDS: positiveInt(480),
  SYNC_BACKFILL_WINDOWS: positiveInt(8),
  SYNC_BACKFILL_CONCURRENCY: positiveInt(4),
  /** Rows gathered from pages before one warehouse merge. */
  SYNC_WRITE_BATCH_ROWS: positiveInt(2000),
  /** Authorize.Net host: sandbox (apitest.authorize.net) or production (api.authorize.net). */
  AUTHORIZE_NET_ENVIRONMENT: z.enum(['sandbox', 'production']).default('sandbox'),
  /** Overrides the environment's host, e.g. the local emulator (http://127.0.0.1:8081). */
  AUTHORIZE_NET_BASE_URL: z.string().url().optional(),
  /** The merchant's API Login ID; the Transaction Key is the secret authorize-net-transaction-key. */
  AUTHORIZE_NET_API_LOGIN_ID: z.string().min(1).optional(),
  /** How long to wait for each gateway answer before reconciling. */
  AUTHORIZE_NET_TIMEOUT_MS: positiveInt(20_000),
  /** How long age-verification events and attempts are kept for the audit trail (default 7 years). */
  AGE_VERIFICATION_RETENTION_DAYS: positiveInt(2555),
});

export type Config = Readonly<z.infer<typeof schema>>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Parses an environment into a Config; throws an Error naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(defined);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return Object.freeze(result.data);
}

let loaded: Config | undefined;

/** The process configuration, parsed from process.env on first use. */
export function config(): Config {
  loaded ??= parseConfig(process.env);
  return loaded;
}
