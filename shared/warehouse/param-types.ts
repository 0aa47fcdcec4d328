import type { ParamType, ParamValue } from './port';
import type { ColumnType } from './schema/define';

/**
 * The type a query parameter gets when none is declared, the same in every adapter: both send each parameter typed
 * so the engine never guesses. A null is STRING: a null of any other type needs its type declared.
 */
export function inferParamType(value: ParamValue): ParamType {
  if (value === null) return 'STRING';
  if (value instanceof Date) return 'TIMESTAMP';
  if (Array.isArray(value)) return typeof value[0] === 'number' ? 'ARRAY<INT64>' : 'ARRAY<STRING>';
  if (typeof value === 'number') return Number.isInteger(value) ? 'INT64' : 'FLOAT64';
  if (typeof value === 'boolean') return 'BOOL';
  return 'STRING';
}

const columnParamTypes: Record<ColumnType, ParamType> = {
  STRING: 'STRING',
  INT64: 'INT64',
  FLOAT64: 'FLOAT64',
  BOOL: 'BOOL',
  TIMESTAMP: 'TIMESTAMP',
  DATE: 'DATE',
  // JSON travels as its text; the statement casts it.
  JSON: 'STRING',
};

/** The parameter type that carries a value of a column of this type. */
export function paramTypeOfColumn(type: ColumnType): ParamType {
  return columnParamTypes[type];
}
