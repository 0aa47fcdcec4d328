import { inferParamType } from './param-types';
import type { ParamType, ParamValue } from './port';

/** The client's typed-value factories (`BigQuery#timestamp`, `BigQuery#date`); a BigQuery instance is one. */
export interface BigQueryValueFactories {
  timestamp(value: Date | string): unknown;
  date(value: string): unknown;
}

/** A parameter type in the client's notation: `'INT64'`, or `['STRING']` for an array. */
export type ClientParamType = string | string[];

const clientTypes: Record<ParamType, ClientParamType> = {
  STRING: 'STRING',
  INT64: 'INT64',
  FLOAT64: 'FLOAT64',
  BOOL: 'BOOL',
  TIMESTAMP: 'TIMESTAMP',
  DATE: 'DATE',
  'ARRAY<STRING>': ['STRING'],
  'ARRAY<INT64>': ['INT64'],
};

/**
 * Named parameters for the client with an explicit type for every one, so BigQuery never guesses (and a null is
 * never untyped). TIMESTAMP and DATE values become the client's typed values: it sends plain strings for those
 * types as nothing at all.
 */
export function bigqueryParams(
  params: Record<string, ParamValue>,
  declared: Partial<Record<string, ParamType>>,
  factories: BigQueryValueFactories,
): { params: Record<string, unknown>; types: Record<string, ClientParamType> } {
  const values: Record<string, unknown> = {};
  const types: Record<string, ClientParamType> = {};
  for (const [name, value] of Object.entries(params)) {
    const type = declared[name] ?? inferParamType(value);
    types[name] = clientTypes[type];
    values[name] = paramValue(name, value, type, factories);
  }
  return { params: values, types };
}

function paramValue(name: string, value: ParamValue, type: ParamType, factories: BigQueryValueFactories): unknown {
  // BigQuery has no NULL arrays: a NULL array parameter is an empty one.
  if (value === null) return type.startsWith('ARRAY') ? [] : null;
  if (type === 'TIMESTAMP') {
    const instant = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(instant.getTime())) throw new Error(`Query parameter ${name} is not a timestamp: ${String(value)}`);
    return factories.timestamp(instant);
  }
  if (type === 'DATE') {
    const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) {
      throw new Error(`Query parameter ${name} is not a YYYY-MM-DD date: ${text}`);
    }
    return factories.date(text);
  }
  return value;
}

/** A field of a BigQuery REST schema (the part the row conversion reads). */
export interface BigQueryFieldSchema {
  name: string;
  type?: string | null;
  mode?: string | null;
  fields?: BigQueryFieldSchema[] | null;
}

/** A row the client returned, as the port's plain JSON values (see the warehouse port). */
export function rowFromBigQuery(row: Record<string, unknown>, fields: readonly BigQueryFieldSchema[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) out[field.name] = valueFromBigQuery(row[field.name], field);
  return out;
}

/**
 * One value as a plain JSON value, guided by its schema field. The client hands back INT64 as BigQueryInt, number
 * or string, TIMESTAMP as BigQueryTimestamp (or raw int64 microseconds), DATE as BigQueryDate, JSON as text.
 */
export function valueFromBigQuery(value: unknown, field: BigQueryFieldSchema): unknown {
  if (value === null || value === undefined) return null;
  if (field.mode === 'REPEATED') {
    if (!Array.isArray(value)) throw new Error(`${field.name}: expected an array`);
    return value.map((item) => valueFromBigQuery(item, { ...field, mode: 'NULLABLE' }));
  }
  switch (field.type) {
    case 'INTEGER':
    case 'INT64':
      return integerValue(unwrap(value), field.name);
    case 'FLOAT':
    case 'FLOAT64':
    case 'NUMERIC':
    case 'BIGNUMERIC':
      return typeof value === 'number' ? value : Number(String(unwrap(value)));
    case 'BOOLEAN':
    case 'BOOL':
      return typeof value === 'boolean' ? value : String(value).toLowerCase() === 'true';
    case 'TIMESTAMP':
      return timestampValue(unwrap(value), field.name);
    case 'DATE':
    case 'DATETIME':
    case 'TIME':
    case 'GEOGRAPHY':
      return String(unwrap(value));
    case 'JSON':
      return typeof value === 'string' ? JSON.parse(value) : value;
    case 'BYTES':
      return Buffer.isBuffer(value) ? value.toString('base64') : value;
    case 'RECORD':
    case 'STRUCT':
      return rowFromBigQuery(value as Record<string, unknown>, field.fields ?? []);
    default:
      return value;
  }
}

/** The client's typed values (BigQueryInt, BigQueryTimestamp, BigQueryDate, ...) keep their text in `value`. */
function unwrap(value: unknown): unknown {
  return typeof value === 'object' && value !== null && 'value' in value ? (value as { value: unknown }).value : value;
}

function integerValue(value: unknown, name: string): number {
  const n = typeof value === 'number' ? value : Number(String(value));
  if (!Number.isSafeInteger(n)) throw new Error(`${name}: INT64 value ${String(value)} does not fit a JavaScript number`);
  return n;
}

/** ISO-8601 UTC at millisecond precision, like the DuckDB adapter; microseconds are dropped. */
function timestampValue(value: unknown, name: string): string {
  const text = String(value);
  if (/^-?\d+$/.test(text)) {
    // int64 microseconds since the epoch (formatOptions.useInt64Timestamp), floored to the millisecond.
    const micros = BigInt(text);
    let millis = micros / 1000n;
    if (micros % 1000n < 0n) millis -= 1n;
    return new Date(Number(millis)).toISOString();
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`${name}: not a timestamp: ${text}`);
  return new Date(ms).toISOString();
}
