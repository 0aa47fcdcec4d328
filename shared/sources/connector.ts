import type { Config } from '../config';
import type { Runtime } from '../runtime';
import type { SecretName } from '../secrets/port';
import type { Sql } from '../warehouse/port';
import type { TableDef } from '../warehouse/schema/define';
import type { Columns, SourceSession, StreamSpec } from './stream';
import type { ProbeOptions, ProbeResult } from './probe';

/** Where a source's data comes from: the provider's API, its sandbox, the local emulator, or nowhere yet. */
export type SourceMode = 'production' | 'sandbox' | 'emulator' | 'not-configured';

/**
 * A query a connector contributes to a query over every source. It selects the common columns, in their order,
 * from the connector's own tables (`reads`, so views are created after them); the callers put the connectors'
 * queries together with UNION ALL.
 */
export interface SourceQuery {
  readonly reads: readonly TableDef[];
  readonly sql: Sql;
}

/** The columns every connector's catalog query selects, in this order (the products query reads them). */
export const CATALOG_COLUMNS = ['source', 'id', 'item_id', 'name', 'variation_name', 'category', 'sku', 'price_cents', 'available'] as const;

/**
 * What the product knows of one POS system without connecting to it. Everything that spans sources (the sync's
 * fan-out, health, the operator routes, the schedules, the views over every source) is derived from these.
 * Opening a session is the other half of a connector (`./sessions`), kept apart so that functions that never read
 * a source do not bundle its SDK.
 */
export interface Connector<Name extends string = string> {
  /** The source's id in messages, run records, routes and the `source` column. */
  readonly name: Name;
  /** The product's name for people (logs, errors). */
  readonly label: string;
  /** Its streams, in the order a source-level sync runs them. */
  readonly streams: ReadonlyArray<StreamSpec<never, Columns>>;
  /** The secrets a sync of it reads. */
  readonly secrets: readonly SecretName[];
  /** The secrets a sync of it stores new versions of (rotated credentials). */
  readonly writesSecrets: readonly SecretName[];
  /** Which API the configuration points at. */
  mode(cfg: Config): SourceMode;
  /** How far back a first sync (or a full one) reads its sales. */
  backfillDays(cfg: Config): number;
  /** A cheap authenticated read that says whether the source answers, accepts our credentials and has room. */
  probe(rt: Runtime, options?: ProbeOptions): Promise<ProbeResult>;
  /** Its sellable catalog as of `now` (CATALOG_COLUMNS), available entries only unless `all`. */
  readonly catalogQuery: SourceQuery;
  /** Its sales for commerce.sales: source, id, location_id, customer_id, amount_cents, refunded_cents, status, created_at, updated_at. */
  readonly salesQuery: SourceQuery;
  /** Its locations for commerce.locations (source, id, name); null when it has no table of them. */
  readonly locationsQuery: SourceQuery | null;
  /** Its completed refunds dated by the refund (source, id, sale_id, location_id, amount_cents, created_at, updated_at), for commerce.sale_refunds; null when its returns are negative sales. */
  readonly refundsQuery: SourceQuery | null;
}

/** A read a person waits for: two attempts, each bounded, the whole read well under an HTTP function's timeout. */
export const INTERACTIVE_READ = { maxAttempts: 2, timeoutMs: 10_000, budgetMs: 25_000 };

/** How a connector opens sessions: a sync run's (paced, retrying, counted) and an interactive read's (brief). */
export interface SessionOpeners<Interactive = unknown> {
  /** The connector's name. */
  readonly source: string;
  /** A session for one stream run that must end by `deadline` (epoch ms). */
  openSync(rt: Runtime, deadline: number): Promise<SourceSession>;
  /** A client for a read a person is waiting for: few attempts, a short budget. */
  openInteractive(rt: Runtime): Promise<Interactive>;
}
