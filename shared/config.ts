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
  BUILD_VERSION: z.string().default('dev'),
  RATE_LIMIT_API_PER_MINUTE: positiveInt(100),
  RATE_LIMIT_WEBHOOKS_PER_MINUTE: positiveInt(1000),
  RATE_LIMIT_ADMIN_PER_MINUTE: positiveInt(50),
  BUS_MAX_DELIVERY_ATTEMPTS: positiveInt(5),
  BUS_MIN_BACKOFF_MS: z.coerce.number().int().min(0).default(10_000),
  BUS_MAX_BACKOFF_MS: z.coerce.number().int().min(0).default(600_000),
  SQUARE_BASE_URL: z.string().url().optional(),
  SQUARE_ENVIRONMENT: z.enum(['production', 'sandbox']).default('production'),
  SQUARE_MAX_RPS: z.coerce.number().positive().default(10),
  SQUARE_BACKFILL_DAYS: positiveInt(730),
  SYNC_MAX_ATTEMPTS: positiveInt(3),
  SYNC_OVERLAP_MINUTES: z.coerce.number().int().min(0).default(10),
  SYNC_RUN_TIMEOUT_SECONDS: positiveInt(480),
  SYNC_BACKFILL_WINDOWS: positiveInt(8),
  SYNC_BACKFILL_CONCURRENCY: positiveInt(4),
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
