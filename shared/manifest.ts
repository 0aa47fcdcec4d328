import type { TopicMessage, TopicName } from './bus/topics';
import { JOBS } from './jobs';
import type { SecretName } from './secrets/port';
import { CONNECTORS } from './sources/registry';
import { ageVerificationAttempts, ageVerifications } from './warehouse/schema/age-verification';
import { customerSales, dailySales } from './warehouse/schema/daily-sales';
import type { Dataset, TableRef } from './warehouse/schema/define';
import { membershipEvents, paymentsTaken } from './warehouse/schema/memberships';
import { notificationDeliveries, notificationOutbox } from './warehouse/schema/notifications';
import { raffleEntries, raffleEvents, raffleTransactions } from './warehouse/schema/raffles';
import { integrationChecks, syncRuns, syncState } from './warehouse/schema/ops';
import { squareCustomers, squareInventory, squarePayments, squareRefunds } from './warehouse/schema/square';
import { webhookEvents } from './warehouse/schema/webhooks';
import { WEBHOOK_PROVIDERS } from './webhooks/providers';

/** How a function is invoked: HTTP under public path prefixes, or a Pub/Sub topic. */
export type Trigger = { kind: 'http'; paths: string[] } | { kind: 'topic'; topic: TopicName };

/**
 * What a function may touch; Terraform grants exactly this to the function's own service account. A test reads each
 * function's code and checks that `reads` and `writes` cover what it queries and writes, and that nothing it does
 * not write is listed in `writes`.
 */
export interface Access {
  /** Datasets whose tables and views it queries: dataViewer on each (and BigQuery jobUser to run the queries). */
  reads: readonly Dataset[];
  /**
   * Tables it appends to, upserts into or changes with DML: dataEditor on these tables alone, so only the functions
   * that append to a ledger can change it. Writers also get the staging dataset their loads go through.
   */
  writes: readonly TableRef[];
  publishes: TopicName[];
  /** Secrets it adds versions to (rotated tokens), beyond reading its `secrets`. */
  writesSecrets: SecretName[];
}

/** How a function's instances serve: requests at once per instance, vCPUs, and instances kept warm. */
export interface Scaling {
  /**
   * Requests one instance serves at once. HTTP handlers mostly wait on BigQuery, Upstash or a gateway, so one
   * instance serves many; 2nd gen's default of 1 would start an instance per concurrent request.
   */
  concurrency: number;
  /** vCPUs per instance; Cloud Run needs at least 1 to serve more than one request at once. Null: sized by memory. */
  cpu: '1' | '2' | '4' | null;
  /** Instances kept warm, for functions a customer waits on at the till (no cold start in the checkout path). */
  minInstances: number;
}

/** One Cloud Function. Its name is the folder under functions/, the registered name and the Terraform key. */
export interface FunctionSpec {
  name: string;
  description: string;
  trigger: Trigger;
  secrets: SecretName[];
  memory: '256Mi' | '512Mi' | '1Gi' | '2Gi';
  timeoutSeconds: number;
  maxInstances: number;
  /** Overrides of the defaults of its kind (see scalingOf). */
  scaling?: Partial<Scaling>;
  access: Access;
}

/**
 * The defaults by kind: an HTTP function serves 40 requests at once on 1 vCPU with nothing kept warm; an event
 * function takes one message per instance (a sync run or a job fills an instance on its own) sized by its memory.
 */
const DEFAULT_SCALING: Record<Trigger['kind'], Scaling> = {
  http: { concurrency: 40, cpu: '1', minInstances: 0 },
  topic: { concurrency: 1, cpu: null, minInstances: 0 },
};

/** A function's scaling: the defaults of its kind with its own overrides. */
export function scalingOf(spec: FunctionSpec): Scaling {
  return { ...DEFAULT_SCALING[spec.trigger.kind], ...spec.scaling };
}

/** A Cloud Scheduler job publishing a message to a topic; the message is typed (and tested) by its topic's schema. */
export type ScheduleSpec = {
  [T in TopicName]: {
    name: string;
    description: string;
    cron: string;
    timeZone: string;
    topic: T;
    message: TopicMessage<T>;
  };
}[TopicName];

const readsTokens: SecretName[] = ['jwt-secret', 'upstash-redis-rest-token'];

/**
 * What probing every integration takes (the every-minute job and an operator's test): each connector's credentials,
 * the gateway's key, and storing a Lightspeed refresh token a probe's token refresh rotated.
 */
const probesIntegrations = {
  secrets: [...CONNECTORS.flatMap((c) => c.secrets), 'authorize-net-transaction-key'] as SecretName[],
  writesSecrets: CONNECTORS.flatMap((c) => c.writesSecrets) as SecretName[],
};

/** THE list of functions. esbuild entries, the local server and Terraform all come from it. */
export const FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: 'console',
    description: 'The staff console: its page at / and its script and stylesheet; every figure comes from the APIs',
    // The page is / alone; its assets are under /console.
    trigger: { kind: 'http', paths: ['/console', '/'] },
    secrets: readsTokens,
    memory: '256Mi',
    timeoutSeconds: 30,
    maxInstances: 5,
    // It queries nothing; the shared runtime it imports names the commerce views, and the access test counts those.
    access: { reads: ['commerce'], writes: [], publishes: [], writesSecrets: [] },
  },
  {
    name: 'ops',
    description: 'Health of every port and integration, and operator controls',
    trigger: { kind: 'http', paths: ['/health', '/api/sync', '/api/integrations', '/metrics'] },
    secrets: [...new Set([...readsTokens, ...probesIntegrations.secrets])],
    memory: '256Mi',
    timeoutSeconds: 30,
    maxInstances: 10,
    access: { reads: ['commerce', 'ops'], writes: [integrationChecks], publishes: ['sync-requests'], writesSecrets: probesIntegrations.writesSecrets },
  },
  {
    name: 'sync',
    description: 'Copies Square and Lightspeed into the warehouse, one stream per invocation',
    trigger: { kind: 'topic', topic: 'sync-requests' },
    secrets: [...new Set([...CONNECTORS.flatMap((c) => c.secrets), 'upstash-redis-rest-token' as const])],
    memory: '1Gi',
    timeoutSeconds: 540,
    maxInstances: 10,
    access: {
      reads: ['commerce', 'ops'],
      // Its run records, every table a connector's stream writes, and the sales rollups written with them.
      writes: [syncRuns, syncState, ...CONNECTORS.flatMap((c) => c.streams.map((stream) => stream.table)), dailySales, customerSales],
      publishes: ['sync-requests'],
      // Rotated credentials (a Lightspeed refresh returns a new refresh token) are stored as new secret versions.
      writesSecrets: CONNECTORS.flatMap((c) => c.writesSecrets),
    },
  },
  {
    name: 'jobs',
    description: 'Scheduled jobs: billing, notices, housekeeping',
    trigger: { kind: 'topic', topic: 'jobs' },
    secrets: [...new Set([...probesIntegrations.secrets, 'pii-pepper', 'pii-encryption-keys', 'authorize-net-transaction-key', 'upstash-redis-rest-token', 'smtp-password'] as const)],
    memory: '512Mi',
    timeoutSeconds: 540,
    maxInstances: 3,
    access: {
      reads: ['commerce', 'ops'],
      // Billing appends to the membership and payment ledgers; retention deletes expired age-verification records;
      // raffle refunds append to the raffle entry and transaction ledgers; integration probes append their checks.
      writes: [membershipEvents, paymentsTaken, notificationOutbox, notificationDeliveries, ageVerifications, ageVerificationAttempts, raffleEntries, raffleTransactions, integrationChecks],
      // Jobs that queue notices nudge the notifications job.
      publishes: ['jobs'],
      writesSecrets: probesIntegrations.writesSecrets,
    },
  },
  {
    name: 'age-verification',
    description: '21+ age verification with a privacy-preserving audit trail, status, statistics and erasure',
    trigger: { kind: 'http', paths: ['/api/age-verification', '/api/compliance', '/health/age-verification'] },
    secrets: ['jwt-secret', 'pii-pepper', 'pii-encryption-keys', 'upstash-redis-rest-token'],
    memory: '256Mi',
    timeoutSeconds: 30,
    maxInstances: 20,
    // The till waits on the check while the customer stands there: one instance stays warm.
    scaling: { minInstances: 1 },
    access: {
      reads: ['commerce', 'ops'],
      writes: [ageVerifications, ageVerificationAttempts],
      publishes: [],
      writesSecrets: [],
    },
  },
  {
    name: 'dashboard',
    description: 'Revenue dashboard API: warehouse figures behind a stale-while-revalidate cache, live Square reads',
    trigger: { kind: 'http', paths: ['/api/bigquery', '/api/square'] },
    secrets: ['jwt-secret', 'square-access-token', 'upstash-redis-rest-token'],
    memory: '512Mi',
    timeoutSeconds: 60,
    maxInstances: 20,
    // Almost every request is served from the cache or waits on BigQuery: many at once per instance.
    scaling: { concurrency: 80 },
    access: { reads: ['commerce', 'ops'], writes: [], publishes: [], writesSecrets: [] },
  },
  {
    name: 'memberships',
    description: 'Paid membership tiers: subscribe, change, cancel, checkout discount and statistics, billed through Authorize.Net',
    trigger: { kind: 'http', paths: ['/api/memberships'] },
    secrets: ['jwt-secret', 'authorize-net-transaction-key', 'pii-encryption-keys', 'upstash-redis-rest-token'],
    memory: '256Mi',
    timeoutSeconds: 60,
    maxInstances: 20,
    // The checkout discount is looked up while the customer waits: one instance stays warm.
    scaling: { minInstances: 1 },
    access: {
      reads: ['commerce', 'ops'],
      writes: [membershipEvents, paymentsTaken, notificationOutbox],
      // Queued notices nudge the notifications job.
      publishes: ['jobs'],
      writesSecrets: [],
    },
  },
  {
    name: 'raffles',
    description: 'Charitable raffles and sweepstakes under the jurisdiction profile: capped ticket sales, free entries, verifiable draws, refunds',
    trigger: { kind: 'http', paths: ['/api/raffles'] },
    secrets: ['jwt-secret', 'authorize-net-transaction-key', 'pii-pepper', 'pii-encryption-keys', 'upstash-redis-rest-token'],
    // A draw holds the frozen manifest of up to millions of tickets in memory.
    memory: '1Gi',
    timeoutSeconds: 120,
    maxInstances: 20,
    access: {
      reads: ['commerce', 'ops'],
      writes: [raffleEvents, raffleEntries, raffleTransactions, paymentsTaken, notificationOutbox],
      // Queued notices nudge the notifications job.
      publishes: ['jobs'],
      writesSecrets: [],
    },
  },
  {
    name: 'webhooks',
    description: 'Webhook ingress from Square, Stripe, Shopify and Zettle: verified, stored once, queued; admin views and replays',
    trigger: { kind: 'http', paths: ['/api/webhooks'] },
    secrets: [...WEBHOOK_PROVIDERS.map((p) => p.secret), 'jwt-secret', 'pii-encryption-keys', 'upstash-redis-rest-token'],
    memory: '256Mi',
    timeoutSeconds: 30,
    maxInstances: 20,
    // Deliveries are answered as soon as they are stored and queued: many at once per instance.
    scaling: { concurrency: 80 },
    // Its bundle carries the connectors' views through the topic registry, so it reads commerce as every publisher does.
    access: { reads: ['commerce', 'ops'], writes: [webhookEvents], publishes: ['webhook-events'], writesSecrets: [] },
  },
  {
    name: 'webhook-processor',
    description: 'Applies webhook events to the warehouse through the connectors\' mappers; records each outcome',
    trigger: { kind: 'topic', topic: 'webhook-events' },
    secrets: ['square-access-token', 'pii-pepper', 'pii-encryption-keys', 'upstash-redis-rest-token'],
    memory: '512Mi',
    timeoutSeconds: 120,
    maxInstances: 10,
    // Events are small and mostly wait on the warehouse: several at once per instance.
    scaling: { concurrency: 10, cpu: '1' },
    access: {
      reads: ['commerce', 'ops'],
      writes: [webhookEvents, squarePayments, squareRefunds, squareCustomers, squareInventory, dailySales, customerSales],
      publishes: ['sync-requests'],
      writesSecrets: [],
    },
  },
  {
    name: 'notifications',
    description: 'The notices sent to customers and their delivery status; resend and template preview for admins',
    trigger: { kind: 'http', paths: ['/api/notifications'] },
    secrets: ['jwt-secret', 'upstash-redis-rest-token'],
    memory: '256Mi',
    timeoutSeconds: 30,
    maxInstances: 5,
    // Reads ops; commerce as every publisher does (its bundle carries the connectors' views through the topic registry).
    // A resend is a step in the delivery ledger, and nudges the notifications job.
    access: { reads: ['commerce', 'ops'], writes: [notificationDeliveries], publishes: ['jobs'], writesSecrets: [] },
  },
];

/** Scheduled messages: the syncs, then every job. */
export const SCHEDULES: readonly ScheduleSpec[] = [
  ...CONNECTORS.map(
    (c): ScheduleSpec => ({
      name: `sync-${c.name}`,
      description: `Incremental ${c.label} sync every 15 minutes`,
      cron: '*/15 * * * *',
      timeZone: 'Etc/UTC',
      topic: 'sync-requests',
      message: { source: c.name, mode: 'incremental', requestedBy: 'scheduler' },
    }),
  ),
  // One schedule per declared job (shared/jobs.ts), named after it.
  ...Object.entries(JOBS).map(([job, { description, schedule }]): ScheduleSpec => ({
    name: job,
    description,
    ...schedule,
    topic: 'jobs',
    message: { job: job as keyof typeof JOBS },
  })),
];

/** The function of a name; throws for an unknown one. */
export function functionSpec(name: string): FunctionSpec {
  const spec = FUNCTIONS.find((f) => f.name === name);
  if (!spec) throw new Error(`Unknown function ${name}`);
  return spec;
}

/** The HTTP function serving a path: the longest matching prefix wins (`/health/age-verification` over `/health`). */
export function functionForPath(pathname: string): FunctionSpec | undefined {
  let best: { spec: FunctionSpec; length: number } | undefined;
  for (const spec of FUNCTIONS) {
    if (spec.trigger.kind !== 'http') continue;
    for (const prefix of spec.trigger.paths) {
      const matches = pathname === prefix || (prefix !== '/' && pathname.startsWith(prefix + '/'));
      if (matches && (!best || prefix.length > best.length)) best = { spec, length: prefix.length };
    }
  }
  return best?.spec;
}

/**
 * The URL patterns a path prefix answers at the load balancer: the prefix and everything under it, except the root
 * `/`, which is the site's page alone (everything else must not fall to the function that serves it).
 */
export function prefixPatterns(prefix: string): string[] {
  return prefix === '/' ? ['/'] : [prefix, `${prefix}/*`];
}
