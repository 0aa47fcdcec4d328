import type { Bus } from './bus/port';
import { LocalBus } from './bus/local';
import { type Clock, systemClock } from './clock';
import { type Config, config } from './config';
import type { Kv } from './kv/port';
import { MemoryKv } from './kv/memory';
import { type Logger, createLogger } from './log';
import type { Secrets } from './secrets/port';
import { EnvSecrets } from './secrets/env';
import type { Warehouse } from './warehouse/port';
import { TABLES, VIEWS } from './warehouse/schema';

/** Everything a function needs from the outside world, chosen by configuration. */
export interface Runtime {
  readonly config: Config;
  readonly clock: Clock;
  readonly log: Logger;
  readonly warehouse: Warehouse;
  readonly kv: Kv;
  readonly bus: Bus;
  readonly secrets: Secrets;
}

/** Builds the adapters the configuration selects. Heavy cloud clients are loaded only when selected. */
export function createRuntime(cfg: Config = config(), overrides: Partial<Runtime> = {}): Runtime {
  const clock = overrides.clock ?? systemClock;
  const log = overrides.log ?? createLogger({ level: cfg.LOG_LEVEL, format: cfg.LOG_FORMAT, base: functionLabel() });
  const secrets = overrides.secrets ?? createSecrets(cfg);
  return {
    config: cfg,
    clock,
    log,
    secrets,
    warehouse: overrides.warehouse ?? createWarehouse(cfg),
    kv: overrides.kv ?? createKv(cfg, secrets, clock),
    bus: overrides.bus ?? createBus(cfg, log),
  };
}

function functionLabel() {
  const name = process.env.FUNCTION_TARGET ?? process.env.K_SERVICE;
  return name ? { function: name } : {};
}

function createWarehouse(cfg: Config): Warehouse {
  if (cfg.WAREHOUSE === 'bigquery') {
    // Loaded lazily: the BigQuery client is heavy and unused by the local stack.
    const { BigQueryWarehouse } = require('./warehouse/bigquery') as typeof import('./warehouse/bigquery');
    return new BigQueryWarehouse({
      projectId: cfg.GCP_PROJECT_ID,
      location: cfg.BQ_LOCATION,
      apiEndpoint: cfg.BIGQUERY_API_ENDPOINT,
      tables: TABLES,
      views: VIEWS,
    });
  }
  // Loaded lazily too: DuckDB is a native addon that deployed bundles do not ship (WAREHOUSE=bigquery there).
  const { DuckdbWarehouse } = require('./warehouse/duckdb') as typeof import('./warehouse/duckdb');
  return new DuckdbWarehouse(cfg.WAREHOUSE.slice('duckdb:'.length), TABLES, VIEWS);
}

function createKv(cfg: Config, secrets: Secrets, clock: Clock): Kv {
  if (cfg.KV === 'upstash') {
    if (!cfg.UPSTASH_REDIS_REST_URL) throw new Error('Invalid configuration: UPSTASH_REDIS_REST_URL is required when KV=upstash');
    const { UpstashKv } = require('./kv/upstash') as typeof import('./kv/upstash');
    return new UpstashKv({ url: cfg.UPSTASH_REDIS_REST_URL, token: () => secrets.get('upstash-redis-rest-token') });
  }
  return new MemoryKv(clock);
}

function createBus(cfg: Config, log: Logger): Bus {
  if (cfg.BUS === 'pubsub') {
    const { PubSubBus } = require('./bus/pubsub') as typeof import('./bus/pubsub');
    return new PubSubBus({ projectId: cfg.GCP_PROJECT_ID, apiEndpoint: cfg.PUBSUB_API_ENDPOINT });
  }
  return new LocalBus({
    maxDeliveryAttempts: cfg.BUS_MAX_DELIVERY_ATTEMPTS,
    minBackoffMs: cfg.BUS_MIN_BACKOFF_MS,
    maxBackoffMs: cfg.BUS_MAX_BACKOFF_MS,
    log,
  });
}

function createSecrets(cfg: Config): Secrets {
  if (cfg.SECRETS === 'secret-manager') {
    const { SecretManagerSecrets } = require('./secrets/secret-manager') as typeof import('./secrets/secret-manager');
    return new SecretManagerSecrets({ projectId: cfg.GCP_PROJECT_ID, apiEndpoint: cfg.SECRET_MANAGER_API_ENDPOINT });
  }
  return new EnvSecrets();
}

let current: Runtime | undefined;

/** The process-wide runtime, created on first use and reused across invocations. */
export function runtime(): Runtime {
  current ??= createRuntime();
  return current;
}

/** Installs a runtime for this process (the local stack wires its bus; tests use their own adapters). */
export function setRuntime(next: Runtime | undefined): void {
  current = next;
}
