import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DuckDBAppender, DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { duckdbDialect } from './dialect';
import { duckdbParams, fromDuckdb, toDateValue, toTimestampTz } from './duckdb-values';
import { paramTypeOfColumn } from './param-types';
import type { ParamType, ParamValue, QueryCost, QueryOptions, Sql, Warehouse, WriteCompanion } from './port';
import type { ColumnSpec, TableDef, ViewDef } from './schema/define';
import { duckdbCreateTable, duckdbType } from './schema/render';
import { dedupeByKey } from './dedupe';

type Row = Record<string, unknown>;

/** Up to this many rows are written with one parameterized statement instead of through a staging table. */
const DIRECT_INSERT_MAX_ROWS = 16;

/** The table's columns in definition order, named: a file whose table gained columns later has another order. */
function columnList(def: TableDef): string {
  return Object.keys(def.columns).join(', ');
}

/** `(VALUES ($r0_c0, …), …) AS v(cols)` with every value a typed parameter, in the table's column order. */
function valuesSource(def: TableDef, rows: Row[]) {
  const columns = Object.entries(def.columns);
  const params: Record<string, ParamValue> = {};
  const types: Record<string, ParamType> = {};
  const tuples = rows.map((row, r) =>
    columns
      .map(([name, spec], i) => {
        const key = `r${r}_c${i}`;
        const value = row[name];
        if ((value === null || value === undefined) && spec.required) throw new Error(`${def.id}.${name} is required`);
        params[key] = value === undefined || value === null ? null : spec.type === 'JSON' ? JSON.stringify(value) : (value as ParamValue);
        types[key] = paramTypeOfColumn(spec.type);
        return spec.type === 'JSON' ? `CAST($${key} AS JSON)` : `$${key}`;
      })
      .join(', '),
  );
  const source = `(VALUES ${tuples.map((t) => `(${t})`).join(', ')}) AS v(${columns.map(([name]) => name).join(', ')})`;
  return { source, params, types };
}

/** Whether a table exists under `schema.name`. */
async function tableExists(c: DuckDBConnection, id: string): Promise<boolean> {
  const [schema, name] = id.split('.');
  const reader = await c.runAndReadAll('SELECT 1 FROM duckdb_tables() WHERE schema_name = $schema AND table_name = $name', { schema, name });
  return reader.getRows().length > 0;
}

/**
 * Moves the rows of a table kept under a former id (a file written before the table moved) into its definition's
 * table, then drops the old one and its schema once empty. One transaction: a crash leaves either the old layout,
 * moved again on the next open, or the new one. Rows already present in the new table (none, normally) win.
 */
async function moveFormerTable(c: DuckDBConnection, former: string, table: TableDef): Promise<void> {
  if (!(await tableExists(c, former))) return;
  await c.run('BEGIN TRANSACTION');
  try {
    await c.run(`INSERT INTO ${table.id} BY NAME SELECT * FROM ${former} ON CONFLICT DO NOTHING`);
    await c.run(`DROP TABLE ${former}`);
    await c.run('COMMIT');
  } catch (error) {
    await c.run('ROLLBACK');
    throw new Error(`Could not move ${former} to ${table.id}: ${(error as Error).message}`, { cause: error });
  }
  const schema = former.split('.')[0];
  const left = await c.runAndReadAll('SELECT 1 FROM duckdb_tables() WHERE schema_name = $schema UNION ALL SELECT 1 FROM duckdb_views() WHERE schema_name = $schema', { schema });
  if (left.getRows().length === 0) await c.run(`DROP SCHEMA IF EXISTS ${schema}`);
}

/** Runs one write at a time: DuckDB would abort concurrent conflicting transactions instead of queueing them. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

/** The embedded warehouse: a DuckDB file (or `:memory:`), datasets as schemas, upserts as ON CONFLICT. */
export class DuckdbWarehouse implements Warehouse {
  readonly backend = 'duckdb' as const;
  readonly dialect = duckdbDialect;
  private instance?: Promise<DuckDBInstance>;
  private readonly idle: DuckDBConnection[] = [];
  private readonly writes = new Mutex();
  /** Each profiled connection's profile file (DuckDB writes the last SELECT's profile there). */
  private readonly profiles = new Map<DuckDBConnection, string>();

  constructor(
    private readonly path: string,
    private readonly tables: readonly TableDef[],
    private readonly views: readonly ViewDef[],
  ) {}

  /** Opens the database on first use and creates every schema, table and view, so a fresh file is ready. */
  private open(): Promise<DuckDBInstance> {
    this.instance ??= (async () => {
      const { DuckDBInstance } = await import('@duckdb/node-api');
      if (this.path !== ':memory:') mkdirSync(dirname(this.path), { recursive: true });
      const instance = await DuckDBInstance.create(this.path);
      const connection = await instance.connect();
      try {
        await this.createSchema(connection);
      } finally {
        connection.closeSync();
      }
      return instance;
    })();
    return this.instance;
  }

  private async createSchema(c: DuckDBConnection): Promise<void> {
    const datasets = new Set([...this.tables, ...this.views].map((t) => t.dataset));
    for (const dataset of datasets) await c.run(`CREATE SCHEMA IF NOT EXISTS ${dataset}`);
    for (const table of this.tables) {
      await c.run(duckdbCreateTable(table));
      // A column added to a definition later reaches existing files too (nullable: old rows have no value).
      for (const [name, spec] of Object.entries(table.columns)) {
        await c.run(`ALTER TABLE ${table.id} ADD COLUMN IF NOT EXISTS ${name} ${duckdbType(spec.type)}`);
      }
      for (const former of table.formerly ?? []) await moveFormerTable(c, former, table);
    }
    for (const view of this.views) await c.run(`CREATE OR REPLACE VIEW ${view.id} AS ${view.sql(this.dialect)}`);
  }

  private async withConnection<T>(work: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    let connection = this.idle.pop();
    if (!connection) {
      connection = await (await this.open()).connect();
      await connection.run("SET TimeZone = 'UTC'");
    }
    try {
      return await work(connection);
    } finally {
      this.idle.push(connection);
    }
  }

  async query<T>(sql: Sql, options: QueryOptions = {}): Promise<T[]> {
    const { values, types } = duckdbParams(options.params ?? {}, options.types);
    return this.withConnection(async (c) => {
      const profile = options.onCost ? await this.profiled(c) : undefined;
      const started = performance.now();
      const reader = await c.runAndReadAll(sql(this.dialect), values as never, types);
      if (profile && options.onCost) options.onCost(readProfile(profile, performance.now() - started));
      const names = reader.columnNames();
      const columnTypes = reader.columnTypes();
      return reader.getRows().map((row) => {
        const out: Row = {};
        names.forEach((name, i) => {
          out[name] = fromDuckdb(row[i], columnTypes[i].toString(), columnTypes[i].alias);
        });
        return out as T;
      });
    });
  }

  /**
   * Turns on DuckDB's profiler for a connection (once): after each SELECT it writes the query's profile, with the rows
   * its table scans read, to the connection's own file. Only queries whose cost is asked for pay for it.
   */
  private async profiled(c: DuckDBConnection): Promise<string> {
    let file = this.profiles.get(c);
    if (!file) {
      file = join(tmpdir(), `duckdb-profile-${process.pid}-${randomBytes(6).toString('hex')}.json`);
      await c.run("SET enable_profiling = 'json'");
      await c.run(`SET profiling_output = '${file}'`);
      await c.run(`SET custom_profiling_settings = '{"CUMULATIVE_ROWS_SCANNED": "true"}'`);
      this.profiles.set(c, file);
    }
    return file;
  }

  async upsert<C extends Record<string, ColumnSpec>>(
    table: TableDef<C>,
    rows: ReadonlyArray<TableDef<C>['row']>,
    options: { companion?: WriteCompanion } = {},
  ) {
    const def: TableDef = table;
    const unique = dedupeByKey(def, rows);
    if (unique.length === 0) return { rows: 0 };
    const columns = Object.keys(def.columns);
    const updates = columns
      .filter((c) => !def.primaryKey.includes(c))
      .map((c) => `${c} = EXCLUDED.${c}`)
      .join(', ');
    const newer = def.version ? ` WHERE EXCLUDED.${def.version} >= ${def.name}.${def.version}` : '';
    const list = columnList(def);
    await this.writeThroughStaging(
      def,
      unique,
      (staging) =>
        `INSERT INTO ${def.id} (${list}) SELECT ${list} FROM ${staging} ON CONFLICT (${def.primaryKey.join(', ')}) DO UPDATE SET ${updates}${newer}`,
      options.companion,
    );
    return { rows: unique.length };
  }

  async transaction(statements: Sql[], options: Pick<QueryOptions, 'params' | 'types'> = {}): Promise<void> {
    await this.writes.run(() =>
      this.withConnection((c) => inTransaction(c, async () => {
        for (const statement of statements) await runWithParams(c, statement(this.dialect), options.params ?? {}, options.types);
      })),
    );
  }

  async append<C extends Record<string, ColumnSpec>>(table: TableDef<C>, rows: ReadonlyArray<TableDef<C>['row']>) {
    const def: TableDef = table;
    const unique = dedupeByKey(def, rows);
    if (unique.length === 0) return { inserted: 0 };
    const list = columnList(def);
    const inserted = await this.writeThroughStaging(def, unique, (staging) =>
      `INSERT INTO ${def.id} (${list}) SELECT ${list} FROM ${staging} ON CONFLICT DO NOTHING`,
    );
    return { inserted };
  }

  /**
   * Applies `statement` to the rows in one statement. A few rows (a ledger event) go in as typed parameters; a batch
   * goes through a connection-local staging table filled by DuckDB's appender, which is far faster per row.
   */
  private writeThroughStaging(def: TableDef, rows: Row[], statement: (source: string) => string, companion?: WriteCompanion): Promise<number> {
    return this.writes.run(() =>
      this.withConnection(async (c) => {
        if (!companion && rows.length <= DIRECT_INSERT_MAX_ROWS) {
          const { source, params, types } = valuesSource(def, rows);
          const { values, types: duckTypes } = duckdbParams(params, types);
          const result = await c.run(statement(source), values as never, duckTypes);
          return Number(result.rowsChanged);
        }
        const staging = `staging_${def.dataset}_${def.name}`;
        await c.run(`CREATE TEMP TABLE IF NOT EXISTS ${staging} AS SELECT ${columnList(def)} FROM ${def.id} LIMIT 0`);
        await c.run(`DELETE FROM ${staging}`);
        const appender = await c.createAppender(staging, 'main', 'temp');
        try {
          for (const row of rows) appendRow(appender, def, row);
          appender.flushSync();
        } finally {
          appender.closeSync();
        }
        if (!companion) return Number((await c.run(statement(staging))).rowsChanged);
        // The companion's statements and the write commit together: a reader sees both or neither.
        return inTransaction(c, async () => {
          const run = (sql: string) => runWithParams(c, sql, companion.params, companion.types);
          for (const sql of companion.before(this.dialect, staging)) await run(sql);
          const changed = Number((await c.run(statement(staging))).rowsChanged);
          for (const sql of companion.after(this.dialect, staging)) await run(sql);
          return changed;
        });
      }),
    );
  }

  async ensureSchema(): Promise<void> {
    await this.writes.run(() => this.withConnection((c) => this.createSchema(c)));
  }

  async ping(): Promise<void> {
    await this.query(() => 'SELECT 1 AS ok');
  }

  async close(): Promise<void> {
    for (const connection of this.idle.splice(0)) connection.closeSync();
    for (const file of this.profiles.values()) rmSync(file, { force: true });
    this.profiles.clear();
    const opening = this.instance;
    this.instance = undefined;
    // A file that never opened (held by another process) has nothing to close; its error was reported where it occurred.
    if (opening) (await opening.catch(() => undefined))?.closeSync();
  }
}

/** Runs work between BEGIN and COMMIT, rolling back when it fails. */
async function inTransaction<T>(c: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  await c.run('BEGIN TRANSACTION');
  try {
    const result = await work();
    await c.run('COMMIT');
    return result;
  } catch (error) {
    await c.run('ROLLBACK');
    throw error;
  }
}

/** Runs a statement with the parameters it names (DuckDB refuses parameters a statement does not use). */
async function runWithParams(c: DuckDBConnection, sql: string, params: Record<string, ParamValue>, types?: Record<string, ParamType>) {
  const used = Object.fromEntries(Object.entries(params).filter(([name]) => new RegExp(`\\$${name}\\b`).test(sql)));
  const usedTypes = types && Object.fromEntries(Object.entries(types).filter(([name]) => name in used));
  const { values, types: duckTypes } = duckdbParams(used, usedTypes);
  return c.run(sql, values as never, duckTypes);
}

/** The cost of the last profiled SELECT on a connection: the rows its table scans read. */
function readProfile(file: string, ms: number): QueryCost {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { cumulative_rows_scanned?: number };
  return { backend: 'duckdb', bytesProcessed: null, rowsScanned: Number(profile.cumulative_rows_scanned ?? 0), ms };
}

function appendRow(appender: DuckDBAppender, def: TableDef, row: Row): void {
  for (const [name, spec] of Object.entries(def.columns)) {
    const value = row[name];
    if (value === null || value === undefined) {
      if (spec.required) throw new Error(`${def.id}.${name} is required`);
      appender.appendNull();
      continue;
    }
    switch (spec.type) {
      case 'STRING':
        appender.appendVarchar(String(value));
        break;
      case 'INT64':
        appender.appendBigInt(BigInt(value as number));
        break;
      case 'FLOAT64':
        appender.appendDouble(Number(value));
        break;
      case 'BOOL':
        appender.appendBoolean(Boolean(value));
        break;
      case 'TIMESTAMP':
        appender.appendTimestampTZ(toTimestampTz(value as string));
        break;
      case 'DATE':
        appender.appendDate(toDateValue(String(value)));
        break;
      case 'JSON':
        appender.appendVarchar(JSON.stringify(value));
        break;
    }
  }
  appender.endRow();
}
