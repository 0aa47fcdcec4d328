import type { TableDef } from './schema/define';
import { type BigQueryField, bigquerySchema } from './schema/render';

type Row = Record<string, unknown>;

/**
 * The dataset staging tables are created in, apart from the real tables: writers hold dataEditor here and only
 * table-level rights on the tables they write, so no writer can drop or rewrite another function's ledger.
 * Terraform creates it with STAGING_TABLE_TTL_MS as its default table expiration.
 */
export const STAGING_DATASET = 'staging';

/** How long an abandoned staging table (a crashed write) survives before BigQuery deletes it. */
export const STAGING_TABLE_TTL_MS = 6 * 60 * 60 * 1000;

/**
 * The schema of a table's staging copy. JSON columns travel as their JSON text and are parsed by the MERGE, so a
 * JSON value that is itself a string cannot be mistaken for JSON text by the load job.
 */
export function stagingSchema(table: TableDef): BigQueryField[] {
  return bigquerySchema(table).map((field) => (field.type === 'JSON' ? { ...field, type: 'STRING' } : field));
}

/** Rows as newline-delimited JSON for a load job into the staging table; a missing REQUIRED value throws. */
export function stagingNdjson(table: TableDef, rows: readonly Row[]): string {
  return rows.map((row) => JSON.stringify(stagingRecord(table, row))).join('\n') + '\n';
}

function stagingRecord(table: TableDef, row: Row): Row {
  const record: Row = {};
  for (const [name, spec] of Object.entries(table.columns)) {
    const value = row[name];
    if (value === null || value === undefined) {
      if (spec.required) throw new Error(`${table.id}.${name} is required`);
      record[name] = null;
      continue;
    }
    switch (spec.type) {
      case 'TIMESTAMP': {
        const ms = value instanceof Date ? value.getTime() : Date.parse(String(value));
        if (Number.isNaN(ms)) throw new Error(`${table.id}.${name} is not a timestamp: ${String(value)}`);
        record[name] = new Date(ms).toISOString();
        break;
      }
      case 'JSON':
        record[name] = JSON.stringify(value);
        break;
      case 'INT64':
      case 'FLOAT64':
        record[name] = Number(value);
        break;
      case 'BOOL':
        record[name] = Boolean(value);
        break;
      default:
        record[name] = String(value);
    }
  }
  return record;
}

/** What the staged script does with the staging rows. */
export type StagedWrite = 'upsert' | 'append';

/**
 * One multi-statement script: MERGE the staging table into the target, keep the affected row count, drop the
 * staging table (also when the MERGE fails), and answer the count as its result.
 * - upsert: matched rows are updated when the staged version is at least as new; unmatched rows are inserted.
 * - append: only unmatched rows are inserted, so a retried append adds nothing.
 * `target` and `staging` are rendered table references (`project.dataset.table` in backticks).
 */
export function stagedMergeScript(
  table: TableDef,
  mode: StagedWrite,
  target: string,
  staging: string,
  together?: { before: string[]; after: string[] },
): string {
  const columns = Object.keys(table.columns);
  const staged = (c: string) => (table.columns[c].type === 'JSON' ? `PARSE_JSON(S.${quote(c)})` : `S.${quote(c)}`);
  const on = table.primaryKey.map((k) => `T.${quote(k)} = S.${quote(k)}`).join(' AND ');
  const nonKey = columns.filter((c) => !table.primaryKey.includes(c));
  const clauses: string[] = [];
  if (mode === 'upsert' && nonKey.length > 0) {
    const newer = table.version ? ` AND S.${quote(table.version)} >= T.${quote(table.version)}` : '';
    const set = nonKey.map((c) => `${quote(c)} = ${staged(c)}`).join(', ');
    clauses.push(`WHEN MATCHED${newer} THEN UPDATE SET ${set}`);
  }
  clauses.push(
    `WHEN NOT MATCHED THEN INSERT (${columns.map(quote).join(', ')}) VALUES (${columns.map(staged).join(', ')})`,
  );
  const merge = [
    `  MERGE ${target} AS T`,
    `  USING ${staging} AS S`,
    `  ON ${on}`,
    ...clauses.map((clause, i) => `  ${clause}${i === clauses.length - 1 ? ';' : ''}`),
    '  SET affected_rows = @@row_count;',
  ];
  // Statements that go with the write share its transaction: they and the MERGE take effect together or not at all.
  const body = together
    ? ['  BEGIN TRANSACTION;', ...together.before.map(statement), ...merge, ...together.after.map(statement), '  COMMIT TRANSACTION;']
    : merge;
  return [
    'DECLARE affected_rows INT64 DEFAULT 0;',
    'BEGIN',
    ...body,
    `  DROP TABLE ${staging};`,
    'EXCEPTION WHEN ERROR THEN',
    ...(together ? ['  ROLLBACK TRANSACTION;'] : []),
    `  DROP TABLE IF EXISTS ${staging};`,
    '  RAISE USING MESSAGE = @@error.message;',
    'END;',
    'SELECT affected_rows;',
  ].join('\n');
}

/** Statements as one script in one transaction: all take effect or none (BigQuery rolls back on any error). */
export function transactionScript(statements: readonly string[]): string {
  return ['BEGIN TRANSACTION;', ...statements.map((s) => `${s.trim().replace(/;$/, '')};`), 'COMMIT TRANSACTION;'].join('\n');
}

/** A statement as a line of a script: indented, ending in one semicolon. */
function statement(sql: string): string {
  return `  ${sql.trim().replace(/;$/, '')};`;
}

/** Column names in backticks, so a column named like a keyword (`range`, `end`) still parses. */
function quote(column: string): string {
  return `\`${column}\``;
}
