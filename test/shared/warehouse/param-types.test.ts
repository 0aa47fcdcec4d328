import { inferParamType, paramTypeOfColumn } from '@shared/warehouse/param-types';
import type { ParamType, ParamValue } from '@shared/warehouse/port';
import type { ColumnType } from '@shared/warehouse/schema/define';

describe('query parameter types', () => {
  it.each<[string, ParamValue, ParamType]>([
    ['null', null, 'STRING'],
    ['a Date', new Date('2026-03-15T17:00:00Z'), 'TIMESTAMP'],
    ['ISO text (only a declared type makes it a TIMESTAMP)', '2026-03-15T17:00:00Z', 'STRING'],
    ['an integer', 42, 'INT64'],
    ['zero', 0, 'INT64'],
    ['a fraction', 0.25, 'FLOAT64'],
    ['a boolean', false, 'BOOL'],
    ['a string array', ['a', 'b'], 'ARRAY<STRING>'],
    ['an integer array', [3, 1], 'ARRAY<INT64>'],
    ['an empty array', [], 'ARRAY<STRING>'],
  ])('an undeclared %s is %s', (_case, value, expected) => {
    expect(inferParamType(value)).toBe(expected);
  });

  it.each<[ColumnType, ParamType]>([
    ['STRING', 'STRING'],
    ['INT64', 'INT64'],
    ['FLOAT64', 'FLOAT64'],
    ['BOOL', 'BOOL'],
    ['TIMESTAMP', 'TIMESTAMP'],
    ['DATE', 'DATE'],
    ['JSON', 'STRING'],
  ])('a %s column value travels as a %s parameter', (column, expected) => {
    expect(paramTypeOfColumn(column)).toBe(expected);
  });
});
