import { z } from 'zod';
import { QUICKNET_URL } from './beacon/quicknet';

/**
 * How the product is configured: one definition per environment variable (its parser, what it means, and where a
 * deployment takes its value from), parsed once from the environment, frozen, failing fast on a bad value.
 * `npm run generate` turns these definitions into the README's configuration table, the deployed functions'
 * environment (terraform/configuration.tf.json: fixed values and one typed Terraform variable per operator setting)
 * and the matching cloudbuild.yaml substitutions, so adding a variable here is all it takes.
 */

/** Where a deployment takes a variable's value from. */
export type Deployment =
  /** Terraform sets this value in every deployed function. */
  | { kind: 'fixed'; value: string }
  /** Terraform derives it (an HCL expression of the root module), e.g. the project deployed into. */
  | { kind: 'derived'; expression: string; source: string }
  /** The function module sets it per function from that function's bundle. */
  | { kind: 'per-function'; source: string }
  /**
   * The operator's choice: a typed Terraform variable named like the variable in lower case, set in Cloud Build by
   * the substitution `_<NAME>`. Required ones have no default; otherwise the code's default applies unless
   * `default` says what a deployment should start from instead.
   */
  | { kind: 'operator'; required?: boolean; default?: string | number; example: string }
  /** Never set by a deployment: the local stack, tests and emulators use it, production keeps the default. */
  | { kind: 'local'; why: string };

/** One environment variable: its parser, what it means, and where a deployment sets it. */
export interface VariableDef<S extends z.ZodType = z.ZodType> {
  schema: S;
  meaning: string;
  deploy: Deployment;
  /** How the README shows the default when the parsed value does not say it well. */
  defaultText?: string;
}

const variable = <S extends z.ZodType>(schema: S, meaning: string, deploy: Deployment, defaultText?: string): VariableDef<S> => ({
  schema,
  meaning,
  deploy,
  ...(defaultText === undefined ? {} : { defaultText }),
});
const fixed = (value: string): Deployment => ({ kind: 'fixed', value });
const operator = (example: string, options: { required?: boolean; default?: string | number } = {}): Deployment => ({
  kind: 'operator',
  example,
  ...options,
});
const local = (why: string): Deployment => ({ kind: 'local', why });

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const emulatorOverride = local('points the client at an emulator or test double; production uses the provider\'s own host');

/** Every environment variable the product reads, in the order the README lists them. */
export const VARIABLES = {
  NODE_ENV: variable(
    z.enum(['development', 'test', 'production']).default('development'),
    '`production` hides internal error messages from answers',
    fixed('production'),
  ),
  NODE_OPTIONS: variable(
    z.string().optional(),
    'Node.js options; deployments turn on source maps so stack traces point at the TypeScript sources',
    fixed('--enable-source-maps'),
  ),
  WAREHOUSE: variable(
    z
      .string()
      .default('duckdb:.data/warehouse.duckdb')
      .refine((v) => v === 'bigquery' || v.startsWith('duckdb:'), 'must be "bigquery" or "duckdb:<path>"'),
    '`bigquery`, or `duckdb:<path>` (`duckdb::memory:` in tests)',
    fixed('bigquery'),
  ),
  KV: variable(
    z.enum(['memory', 'upstash']).default('memory'),
    '`upstash` (with `UPSTASH_REDIS_REST_URL` and the `upstash-redis-rest-token` secret) or `memory`',
    fixed('upstash'),
  ),
  BUS: variable(
    z.enum(['local', 'pubsub']).default('local'),
    '`pubsub`, or `local` (in-process delivery with Pub/Sub\'s retry and dead-letter rules)',
    fixed('pubsub'),
  ),
  SECRETS: variable(
    z.enum(['env', 'secret-manager']).default('env'),
    '`secret-manager`, or `env` (secret `jwt-secret` is read from `JWT_SECRET`, and so on)',
    fixed('secret-manager'),
  ),
  GCP_PROJECT_ID: variable(z.string().default('local-project'), 'Google Cloud project', {
    kind: 'derived',
    expression: 'var.project',
    source: 'the project deployed into',
  }),
  BQ_LOCATION: variable(z.string().default('US'), 'BigQuery location of the datasets and of every query job', operator('EU')),
  BIGQUERY_API_ENDPOINT: variable(z.string().url().optional(), 'another BigQuery endpoint; no credentials are sent there', emulatorOverride),
  PUBSUB_API_ENDPOINT: variable(z.string().optional(), 'another Pub/Sub endpoint (`host:port`); no credentials are sent there', emulatorOverride),
  SECRET_MANAGER_API_ENDPOINT: variable(
    z.string().optional(),
    'another Secret Manager endpoint (`host:port`); outside googleapis.com no credentials are sent there',
    emulatorOverride,
  ),
  UPSTASH_REDIS_REST_URL: variable(
    z.string().url().optional(),
    'REST URL of the Upstash Redis database (its token is the secret `upstash-redis-rest-token`)',
    operator('https://shop.upstash.io', { required: true }),
  ),
  BUSINESS_TIMEZONE: variable(
    z
      .string()
      .default('America/Chicago')
      .refine(isTimeZone, 'must be an IANA time zone such as America/Chicago'),
    'the shop\'s time zone: "today", weeks, months, ages and billing dates',
    operator('America/Denver'),
  ),
  JWT_AUDIENCE: variable(z.string().min(1).default('commerce-api'), 'audience every JWT must carry', operator('shop-api')),
  JWT_ISSUER: variable(z.string().min(1).default('commerce-backend'), 'issuer every JWT must carry', operator('shop-auth')),
  CORS_ORIGINS: variable(
    z
      .string()
      .default('')
      .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean)),
    'comma-separated origins allowed to call the API from a browser (a list in Terraform)',
    operator('https://shop.example,https://admin.shop.example'),
    'none',
  ),
  TRUST_PROXY_HOPS: variable(
    z.coerce.number().int().min(0).max(5).default(0),
    'proxies in front whose X-Forwarded-For entries are trusted: the client IP is read that far from the end (Google\'s load balancer appends two)',
    operator('2', { default: 2 }),
  ),
  PORT: variable(positiveInt(8080), 'the local server\'s port; the emulators take the next three', local('Cloud Functions sets its own')),
  LOG_LEVEL: variable(z.enum(['DEBUG', 'INFO', 'WARNING', 'ERROR']).default('INFO'), 'lowest severity logged', operator('WARNING')),
  LOG_FORMAT: variable(
    z.enum(['json', 'pretty']).default('json'),
    '`pretty` prints one readable line per event (the default of `npm start` on a terminal)',
    local('Cloud Logging reads the JSON lines'),
  ),
  BUILD_VERSION: variable(z.string().default('dev'), 'version reported by `/health` and in every log line', {
    kind: 'per-function',
    source: 'the first 12 hex digits of the SHA-256 of the function\'s deployed archive, so it changes only when the bundle does',
  }),
  RATE_LIMIT_API_PER_MINUTE: variable(positiveInt(100), 'requests a minute per IP on the API', operator('200')),
  RATE_LIMIT_WEBHOOKS_PER_MINUTE: variable(positiveInt(1000), 'requests a minute per IP on webhooks', operator('2000')),
  RATE_LIMIT_ADMIN_PER_MINUTE: variable(positiveInt(50), 'requests a minute per IP on admin routes', operator('100')),
  RATE_LIMIT_HEALTH_PER_MINUTE: variable(
    positiveInt(600),
    'requests a minute per IP on health and liveness paths, counted apart so API traffic from one NAT never fails a health check',
    operator('1200'),
  ),
  BUS_MAX_DELIVERY_ATTEMPTS: variable(
    positiveInt(5),
    'local bus: deliveries of an event before it is dead-lettered',
    local('Terraform gives Pub/Sub the default (terraform/generated/messaging.json)'),
  ),
  BUS_MIN_BACKOFF_MS: variable(
    z.coerce.number().int().min(0).default(10_000),
    'local bus: first redelivery delay',
    local('Terraform gives Pub/Sub the default (terraform/generated/messaging.json)'),
  ),
  BUS_MAX_BACKOFF_MS: variable(
    z.coerce.number().int().min(0).default(600_000),
    'local bus: longest redelivery delay',
    local('Terraform gives Pub/Sub the default (terraform/generated/messaging.json)'),
  ),
  DASHBOARD_CACHE_FRESH_SECONDS: variable(
    positiveInt(30),
    'dashboard answers are served from cache without a warehouse query for this long',
    operator('60'),
  ),
  DASHBOARD_CACHE_STALE_SECONDS: variable(
    z.coerce.number().int().min(0).default(60),
    '…then served stale for up to this long while one background refresh runs',
    operator('120'),
  ),
  SQUARE_BASE_URL: variable(z.string().url().optional(), 'Square endpoint', emulatorOverride, 'Square\'s API for `SQUARE_ENVIRONMENT` (the emulator under `npm start`)'),
  SQUARE_ENVIRONMENT: variable(
    z.enum(['production', 'sandbox']).default('production'),
    '`sandbox` reads Square\'s sandbox; the token is the secret `square-access-token`',
    operator('sandbox'),
  ),
  SQUARE_MAX_RPS: variable(z.coerce.number().positive().default(10), 'request ceiling towards Square, for every stream and window together', operator('5')),
  SQUARE_BACKFILL_DAYS: variable(positiveInt(730), 'how far back the first sync of Square payments and refunds reaches', operator('365')),
  SQUARE_WEBHOOK_NOTIFICATION_URL: variable(
    z.string().url().optional(),
    'the notification URL exactly as registered with Square for webhooks (Square signs it with each body); unset, Square deliveries are refused with 401',
    operator('https://shop.example.com/api/webhooks/square'),
    'none (the local server\'s own URL under `npm start`)',
  ),
  LIGHTSPEED_BASE_URL: variable(z.string().url().optional(), 'Lightspeed API', emulatorOverride, 'api.lightspeedapp.com'),
  LIGHTSPEED_TOKEN_URL: variable(
    z.string().url().optional(),
    'Lightspeed\'s OAuth token endpoint (another host than its API)',
    emulatorOverride,
    'cloud.lightspeedapp.com',
  ),
  LIGHTSPEED_ACCOUNT_ID: variable(
    z.string().regex(/^\d+$/, 'must be the numeric Lightspeed account ID').optional(),
    'the Lightspeed Retail account; unset means Lightspeed is not configured (nothing to sync)',
    operator('123456'),
  ),
  LIGHTSPEED_CLIENT_ID: variable(
    z.string().min(1).optional(),
    'set for OAuth2 (secrets `lightspeed-client-secret`, `lightspeed-refresh-token`); unset means the legacy API key (`lightspeed-api-key`)',
    operator('shop-oauth-client'),
  ),
  LIGHTSPEED_BACKFILL_DAYS: variable(positiveInt(730), 'how far back the first sync of Lightspeed sales reaches', operator('365')),
  LIGHTSPEED_BUCKET_SIZE: variable(
    z.coerce.number().positive().default(90),
    'the leaky bucket assumed until Lightspeed\'s first X-LS-API-Bucket-Level header tells the real one',
    operator('180'),
  ),
  LIGHTSPEED_DRIP_PER_SECOND: variable(z.coerce.number().positive().default(1), 'the bucket\'s assumed drip rate', operator('2')),
  LIGHTSPEED_BUCKET_HEADROOM: variable(
    z.coerce.number().min(0).default(10),
    'drips left free for other clients of the account (other instances, other apps)',
    operator('20'),
  ),
  SYNC_MAX_ATTEMPTS: variable(positiveInt(3), 'attempts per request on 5xx or network failure (429s are waited out)', operator('5')),
  SYNC_OVERLAP_MINUTES: variable(
    z.coerce.number().int().min(0).default(10),
    'each incremental run re-reads this much before its watermark (sources are eventually consistent)',
    operator('15'),
  ),
  SYNC_RUN_TIMEOUT_SECONDS: variable(positiveInt(480), 'a run\'s time bound; past it the run fails cleanly and its watermark stays', operator('420')),
  SYNC_BACKFILL_WINDOWS: variable(positiveInt(8), 'a backfill\'s time windows', operator('16')),
  SYNC_BACKFILL_CONCURRENCY: variable(positiveInt(4), 'backfill windows run at once', operator('2')),
  SYNC_WRITE_BATCH_ROWS: variable(positiveInt(2000), 'rows gathered from pages before one warehouse merge', operator('5000')),
  AUTHORIZE_NET_ENVIRONMENT: variable(
    z.enum(['sandbox', 'production']).default('sandbox'),
    'the gateway\'s host: `sandbox` (apitest.authorize.net) or `production` (api.authorize.net, real charges); a deployment must say which',
    operator('production', { required: true }),
  ),
  AUTHORIZE_NET_BASE_URL: variable(
    z.string().url().optional(),
    'overrides the environment\'s host, e.g. the local emulator (http://127.0.0.1:8081)',
    emulatorOverride,
  ),
  AUTHORIZE_NET_API_LOGIN_ID: variable(
    z.string().min(1).optional(),
    'the merchant\'s API Login ID (the Transaction Key is the secret `authorize-net-transaction-key`); unset, memberships answer 503',
    operator('5KP3u95bQpv', { required: true }),
  ),
  AUTHORIZE_NET_TIMEOUT_MS: variable(positiveInt(20_000), 'wait for a gateway answer before reconciling', operator('15000')),
  AGE_VERIFICATION_RETENTION_DAYS: variable(
    positiveInt(2555),
    'how long age-verification events and attempts are kept for the audit trail (7 years)',
    operator('3650'),
  ),
  RAFFLE_JURISDICTION: variable(
    z.enum(['TX']).default('TX'),
    'the jurisdiction profile raffles and sweepstakes are checked against (functions/raffles/jurisdictions.ts; the product\'s reading of the law, not legal advice)',
    operator('TX'),
  ),
  RAFFLE_BEACON_URL: variable(
    z.union([z.literal('none'), z.string().url()]).optional(),
    'the randomness beacon of raffle draws: a drand HTTP endpoint serving quicknet, or `none` for draws without a beacon; unset, drand\'s quicknet relay in production and a fixed local beacon elsewhere',
    operator(QUICKNET_URL, { default: QUICKNET_URL }),
    'quicknet in production, the local beacon elsewhere',
  ),
  SMTP_URL: variable(
    z
      .string()
      .url()
      .refine((v) => /^smtps?:$/.test(new URL(v).protocol), 'must be an smtp:// or smtps:// URL')
      .optional(),
    'the SMTP relay notices go through: `smtp://user@host:587` (STARTTLS) or `smtps://user@host:465`, the password being the secret `smtp-password`; `npm start` points it at its embedded catcher; unset, notices wait in the outbox',
    operator('smtp://apikey@smtp.sendgrid.net:587', { required: true }),
  ),
  MAIL_FROM: variable(z.string().min(3).default('Shop <notices@localhost>'), 'the sender of notices; its domain also names their Message-IDs', operator('Lone Star Hemp <hello@lonestarhemp.example>', { required: true })),
  SHOP_NAME: variable(z.string().min(1).default('The shop'), 'the shop\'s name, as notices print it', operator('Lone Star Hemp', { required: true })),
  SHOP_ADDRESS: variable(
    z.string().min(1).default('Address not configured'),
    'the shop\'s postal address printed in every notice\'s footer (commercial email must carry one); `;` separates lines',
    operator('101 Congress Ave; Austin, TX 78701', { required: true }),
  ),
  NOTIFICATIONS_MAX_ATTEMPTS: variable(positiveInt(8), 'sends of a notice tried on transient SMTP failures (with backoff from 1 minute to 1 hour) before it is failed', operator('8')),
  SMTP_TIMEOUT_MS: variable(positiveInt(30_000), 'wait for the relay at each step of a send', operator('30000')),
};

export type VariableName = keyof typeof VARIABLES;

const schema = z.object(
  Object.fromEntries(Object.entries(VARIABLES).map(([name, def]) => [name, def.schema])) as {
    [K in VariableName]: (typeof VARIABLES)[K]['schema'];
  },
);

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
