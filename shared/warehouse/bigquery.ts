import { randomBytes } from 'node:crypto';
import type { BigQuery, JobLoadMetadata, Table } from '@google-cloud/bigquery';
import { dedupeByKey } from './dedupe';
import { type Dialect, bigqueryDialect } from './dialect';
import type { QueryOptions, Sql, Warehouse, WriteCompanion } from './port';
import type { ColumnSpec, TableDef, ViewDef } from './schema/define';
import { type BigQueryFieldSchema, bigqueryParams, rowFromBigQuery } from './bigquery-values';
import {
  STAGING_DATASET,
  STAGING_TABLE_TTL_MS,
  type StagedWrite,
  stagedMergeScript,
  stagingNdjson,
  transactionScript,
  stagingSchema,
} from './bigquery-staging';

type Row = Record<string, unknown>;

/** Settings of the BigQuery warehouse. */
export interface BigQueryWarehouseOptions {
  projectId: string;
  /** The datasets' location (`US`, `EU`, a region); every job runs there. */
  location: string;
  /** Another endpoint (an emulator or a test fake): requests go there with no Google credentials. */
  apiEndpoint?: string;
  tables: readonly TableDef[];
  views: readonly ViewDef[];
}

/**
 * The production warehouse. Reads are parameterised query jobs; writes load the rows into an expiring staging
 * table and MERGE them in one script job. Never streaming inserts: their buffer blocks MERGE for about 30 minutes.
 */
export class BigQueryWarehouse implements Warehouse {
  readonly backend = 'bigquery' as const;
  readonly dialect: Dialect;
  private bigquery?: BigQuery;

  constructor(private readonly options: BigQueryWarehouseOptions) {
    this.dialect = bigqueryDialect(options.projectId);
  }

  /** The client, created on first use (it is heavy) and reused across invocations. */
  private client(): BigQuery {
    if (!this.bigquery) {
      const { BigQuery } = require('@google-cloud/bigquery') as typeof import('@google-cloud/bigquery');
      const { projectId, location, apiEndpoint } = this.options;
      this.bigquery = new BigQuery({ projectId, location, ...(apiEndpoint ? { apiEndpoint, authClient: anonymousAuth() } : {}) });
    }
    return this.bigquery;
  }

  async query<T = Row>(sql: Sql, options: QueryOptions = {}): Promise<T[]> {
    const text = sql(this.dialect);
    try {
      return (await this.run(text, options)) as T[];
    } catch (error) {
      throw wrapped(`query ${excerpt(text)}`, error);
    }
  }

  /** Runs one query job (a script too) and converts its rows; the client follows pages and waits for the job. */
  private async run(text: string, options: QueryOptions = {}): Promise<Row[]> {
    const client = this.client();
    const { params, types } = options;
    const started = performance.now();
    const typed = params && Object.keys(params).length > 0 ? bigqueryParams(params, types ?? {}, client) : undefined;
    const response = (await client.query({
      query: text,
      location: this.options.location,
      params: typed?.params,
      types: typed?.types,
      // BigQueryInt keeps the digits, so an INT64 beyond 2^53 is an error instead of a silently rounded number.
      wrapIntegers: true,
    })) as unknown as [Row[], unknown, { schema?: { fields?: BigQueryFieldSchema[] | null } | null; totalBytesProcessed?: string } | undefined];
    const [rows, , last] = response;
    options.onCost?.({
      backend: 'bigquery',
      // What the query processed, as the job's statistics say (on-demand billing rounds it up per query).
      bytesProcessed: last?.totalBytesProcessed === undefined ? null : Number(last.totalBytesProcessed),
      rowsScanned: null,
      ms: performance.now() - started,
    });
    if (rows.length === 0) return [];
    const fields = last?.schema?.fields;
    if (!fields) throw new Error('query results arrived without a schema');
    return rows.map((row) => rowFromBigQuery(row, fields));
  }

  async upsert<C extends Record<string, ColumnSpec>>(
    table: TableDef<C>,
    rows: ReadonlyArray<TableDef<C>['row']>,
    options: { companion?: WriteCompanion } = {},
  ) {
    const def: TableDef = table;
    const unique = dedupeByKey(def, rows);
    if (unique.length === 0) return { rows: 0 };
    await this.writeThroughStaging(def, unique, 'upsert', options.companion);
    return { rows: unique.length };
  }

  async transaction(statements: Sql[], options: Pick<QueryOptions, 'params' | 'types'> = {}): Promise<void> {
    const script = transactionScript(statements.map((statement) => statement(this.dialect)));
    try {
      await this.run(script, options);
    } catch (error) {
      throw wrapped(`transaction ${excerpt(script)}`, error);
    }
  }

  async append<C extends Record<string, ColumnSpec>>(table: TableDef<C>, rows: ReadonlyArray<TableDef<C>['row']>) {
    const def: TableDef = table;
    const unique = dedupeByKey(def, rows);
    if (unique.length === 0) return { inserted: 0 };
    return { inserted: await this.writeThroughStaging(def, unique, 'append') };
  }

  /**
   * Creates an expiring staging table, loads the rows into it as NDJSON, then runs the MERGE script, which also
   * drops the staging table. Returns the rows the MERGE changed.
   */
  private async writeThroughStaging(def: TableDef, rows: Row[], mode: StagedWrite, companion?: WriteCompanion): Promise<number> {
    const what = mode === 'upsert' ? `upsert into ${def.id}` : `append to ${def.id}`;
    const stagingName = `${def.dataset}_${def.name}_${randomBytes(6).toString('hex')}`;
    const schema = { fields: stagingSchema(def) };
    let staging: Table | undefined;
    try {
      const ndjson = stagingNdjson(def, rows);
      // Staging tables live in their own dataset (see STAGING_DATASET), named after the target they feed.
      const dataset = this.client().dataset(STAGING_DATASET, { location: this.options.location });
      await dataset.createTable(stagingName, {
        schema,
        expirationTime: String(Date.now() + STAGING_TABLE_TTL_MS),
        description: `Staging rows for ${what}; dropped by the MERGE that follows`,
      });
      staging = dataset.table(stagingName, { location: this.options.location });
      await loadJob(staging, ndjson, {
        sourceFormat: 'NEWLINE_DELIMITED_JSON',
        // The table was created empty a moment ago: WRITE_EMPTY keeps its expiration (WRITE_TRUNCATE may reset
        // table metadata) and fails rather than merge rows that are not this batch's.
        writeDisposition: 'WRITE_EMPTY',
        createDisposition: 'CREATE_NEVER',
        schema,
        jobPrefix: `load_${def.name}_`,
      });
    } catch (error) {
      // The table expires anyway; dropping it now only keeps the dataset tidy.
      await staging?.delete().catch(() => undefined);
      throw wrapped(`${what} (staging load)`, error);
    }
    try {
      const stagingRef = this.dialect.table(`${STAGING_DATASET}.${stagingName}`);
      const together = companion && {
        before: companion.before(this.dialect, stagingRef),
        after: companion.after(this.dialect, stagingRef),
      };
      const script = stagedMergeScript(def, mode, this.dialect.table(def.id), stagingRef, together);
      const [result] = await this.run(script, companion ? { params: companion.params, types: companion.types } : {});
      const affected = result?.affected_rows;
      if (typeof affected !== 'number') throw new Error('the MERGE script returned no affected row count');
      return affected;
    } catch (error) {
      throw wrapped(`${what} (MERGE)`, error);
    }
  }

  /** Terraform provisions the datasets (the staging one too), tables and views; this only checks that all of them exist. */
  async ensureSchema(): Promise<void> {
    const client = this.client();
    const exists = async (kind: string, id: string, check: () => Promise<[boolean]>) => {
      try {
        const [found] = await check();
        return found ? undefined : `${kind} ${id}`;
      } catch (error) {
        throw wrapped(`schema check of ${kind} ${id}`, error);
      }
    };
    const objects = [...this.options.tables, ...this.options.views];
    const datasets = [...new Set<string>([...objects.map((o) => o.dataset), STAGING_DATASET])];
    const missingDatasets = (
      await Promise.all(datasets.map((d) => exists('dataset', d, () => client.dataset(d).exists())))
    ).filter((m): m is string => m !== undefined);
    const missingObjects = (
      await Promise.all(
        objects
          .filter((o) => !missingDatasets.includes(`dataset ${o.dataset}`))
          .map((o) => exists(o.kind, o.id, () => client.dataset(o.dataset).table(o.name).exists())),
      )
    ).filter((m): m is string => m !== undefined);
    const missing = [...missingDatasets, ...missingObjects];
    if (missing.length > 0) {
      throw new Error(
        `BigQuery project ${this.options.projectId} lacks ${missing.join(', ')}; they are provisioned by Terraform (terraform apply)`,
      );
    }
  }

  async ping(): Promise<void> {
    await this.query(() => 'SELECT 1 AS ok');
  }

  async close(): Promise<void> {
    // The client holds no connections of its own to close; a later call simply creates a new one.
    this.bigquery = undefined;
  }
}

/** An auth client that adds no credentials: emulators and fakes neither need nor check them. */
function anonymousAuth() {
  const { PassThroughClient } = require('google-auth-library') as typeof import('google-auth-library');
  return new PassThroughClient();
}

/** Streams NDJSON into a load job and waits until BigQuery reports the job done (or failed). */
function loadJob(table: Table, ndjson: string, metadata: JobLoadMetadata): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = table.createWriteStream(metadata);
    stream.once('error', reject);
    stream.once('complete', () => resolve());
    stream.end(ndjson);
  });
}

/** An error naming the warehouse operation, with BigQuery's error as its cause. */
function wrapped(operation: string, error: unknown): Error {
  const reason = error instanceof Error ? error.message : String(error);
  return new Error(`BigQuery ${operation} failed: ${reason}`, { cause: error });
}

/** The start of a query, on one line, to say which query failed without logging it whole. */
function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 100 ? `${line.slice(0, 100)}…` : line;
}
