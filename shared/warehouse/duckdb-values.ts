import { DAY_MS } from '../calendar';
import {
  BIGINT,
  BOOLEAN,
  DATE,
  DOUBLE,
  type DuckDBType,
  DuckDBDateValue,
  DuckDBTimestampTZValue,
  LIST,
  TIMESTAMPTZ,
  VARCHAR,
  listValue,
} from '@duckdb/node-api';
import { inferParamType } from './param-types';
import type { ParamType, ParamValue } from './port';

/** A JS instant as DuckDB's TIMESTAMPTZ value. */
export function toTimestampTz(value: string | Date): DuckDBTimestampTZValue {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`Not a timestamp: ${String(value)}`);
  return new DuckDBTimestampTZValue(BigInt(ms) * 1000n);
}

/** A YYYY-MM-DD text as DuckDB's DATE value. */
export function toDateValue(value: string): DuckDBDateValue {
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`Not a date: ${value}`);
  return new DuckDBDateValue(Math.round(ms / DAY_MS));
}

const declaredTypes: Record<ParamType, DuckDBType> = {
  STRING: VARCHAR,
  INT64: BIGINT,
  FLOAT64: DOUBLE,
  BOOL: BOOLEAN,
  TIMESTAMP: TIMESTAMPTZ,
  DATE: DATE,
  'ARRAY<STRING>': LIST(VARCHAR),
  'ARRAY<INT64>': LIST(BIGINT),
};

/** Query parameters as DuckDB values with explicit types (undeclared ones inferred by inferParamType). */
export function duckdbParams(params: Record<string, ParamValue>, declared: Record<string, ParamType> = {}) {
  const values: Record<string, unknown> = {};
  const types: Record<string, DuckDBType> = {};
  for (const [name, value] of Object.entries(params)) {
    const type = declared[name] ?? inferParamType(value);
    types[name] = declaredTypes[type];
    if (value === null) values[name] = null;
    else if (type === 'TIMESTAMP') values[name] = toTimestampTz(value as string | Date);
    else if (type === 'DATE') values[name] = toDateValue(value instanceof Date ? value.toISOString().slice(0, 10) : String(value));
    else if (type === 'INT64') values[name] = BigInt(value as number);
    else if (Array.isArray(value)) values[name] = listValue(type === 'ARRAY<INT64>' ? value.map((v) => BigInt(v)) : value);
    else values[name] = value;
  }
  return { values, types };
}

/** A value read from DuckDB as a plain JSON value (see the warehouse port's contract). */
export function fromDuckdb(value: unknown, typeName: string, alias?: string): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof DuckDBTimestampTZValue || (typeName.startsWith('TIMESTAMP') && typeof value === 'object')) {
    const micros = (value as { micros: bigint }).micros;
    return new Date(Number(micros / 1000n)).toISOString();
  }
  if (value instanceof DuckDBDateValue) return new Date(value.days * DAY_MS).toISOString().slice(0, 10);
  if (alias === 'JSON' && typeof value === 'string') return JSON.parse(value);
  if (typeName.startsWith('DECIMAL')) return Number(String(value));
  if (typeof value === 'object' && 'items' in (value as object)) {
    return (value as { items: unknown[] }).items.map((v) => fromDuckdb(v, typeName.replace(/\[\]$/, '')));
  }
  return value;
}
