/**
 * What differs between BigQuery and DuckDB SQL, so that each query is written once. Timestamps are absolute instants
 * (BigQuery TIMESTAMP, DuckDB TIMESTAMPTZ with the session in UTC); dates in the business time zone are derived here.
 */
export type DateUnit = 'day' | 'week' | 'month' | 'year';
export type IntervalUnit = 'second' | 'minute' | 'hour' | 'day';

/** A table or view by its definition (its `dataset.name` id). */
export type Referenced = { readonly id: string };

export interface Dialect {
  readonly name: 'bigquery' | 'duckdb';
  /** A fully qualified reference to a table or view, given by its definition. */
  table(ref: Referenced | string): string;
  /** A named query parameter. */
  param(name: string): string;
  /** The calendar date of a timestamp in a time zone (tz is an SQL expression, usually a parameter). */
  localDate(timestamp: string, tz: string): string;
  /** The first day of the day/week (Monday)/month/year containing a DATE expression. */
  truncDate(date: string, unit: DateUnit): string;
  /** A DATE expression plus n days (n an SQL expression). */
  addDays(date: string, n: string): string;
  /** A timestamp minus n units (n an SQL integer expression). */
  timestampSub(timestamp: string, n: string, unit: IntervalUnit): string;
  /** Formats a DATE as YYYY-MM-DD text. */
  dateText(date: string): string;
  /** Text to a DATE. */
  toDate(text: string): string;
  /** The instant a DATE begins in UTC (bounds on timestamps around a local date, whatever the zone). */
  dateStartUtc(date: string): string;
  /** An SQL expression of type INT64/BIGINT from an expression. */
  int(expr: string): string;
  /**
   * The start of the UTC-aligned interval of `seconds` (a literal) containing a timestamp. With 900 (a quarter hour),
   * every instant of an interval falls on the same local date in every time zone in use, since offsets and their
   * changes are whole quarter hours: grouping by it first lets localDate run once per interval, not once per row.
   */
  utcBucket(timestamp: string, seconds: number): string;
  /** An aggregate: the value at a percentile (0-100, a literal) of an expression (BigQuery's is approximate). */
  percentile(expr: string, percent: number): string;
}

const refId = (ref: Referenced | string): string => (typeof ref === 'string' ? ref : ref.id);

/** DuckDB: schemas stand for datasets; `$name` parameters; ICU for time zones. */
export const duckdbDialect: Dialect = {
  name: 'duckdb',
  table: (ref) => refId(ref),
  param: (name) => `$${name}`,
  localDate: (ts, tz) => `CAST(timezone(${tz}, ${ts}) AS DATE)`,
  truncDate: (date, unit) => `CAST(date_trunc('${unit}', ${date}) AS DATE)`,
  addDays: (date, n) => `CAST(${date} + to_days(CAST(${n} AS INTEGER)) AS DATE)`,
  timestampSub: (ts, n, unit) => `(${ts} - to_${unit}s(CAST(${n} AS BIGINT)))`,
  dateText: (date) => `strftime(${date}, '%Y-%m-%d')`,
  toDate: (text) => `CAST(${text} AS DATE)`,
  dateStartUtc: (date) => `CAST(${date} AS TIMESTAMPTZ)`,
  int: (expr) => `CAST(${expr} AS BIGINT)`,
  utcBucket: (ts, seconds) => `to_timestamp((epoch_ms(${ts}) // ${Math.trunc(seconds) * 1000}) * ${Math.trunc(seconds)})`,
  percentile: (expr, percent) => `quantile_disc(${expr}, ${Math.trunc(percent) / 100})`,
};

const bigqueryUnits: Record<DateUnit, string> = { day: 'DAY', week: 'WEEK(MONDAY)', month: 'MONTH', year: 'YEAR' };

/** BigQuery: `project.dataset.table` in backticks, `@name` parameters. */
export function bigqueryDialect(projectId: string): Dialect {
  return {
    name: 'bigquery',
    table: (ref) => `\`${projectId}.${refId(ref)}\``,
    param: (name) => `@${name}`,
    localDate: (ts, tz) => `DATE(${ts}, ${tz})`,
    truncDate: (date, unit) => `DATE_TRUNC(${date}, ${bigqueryUnits[unit]})`,
    addDays: (date, n) => `DATE_ADD(${date}, INTERVAL ${n} DAY)`,
    timestampSub: (ts, n, unit) => `TIMESTAMP_SUB(${ts}, INTERVAL ${n} ${unit.toUpperCase()})`,
    dateText: (date) => `FORMAT_DATE('%Y-%m-%d', ${date})`,
    toDate: (text) => `DATE(${text})`,
    dateStartUtc: (date) => `TIMESTAMP(${date})`,
    int: (expr) => `CAST(${expr} AS INT64)`,
    utcBucket: (ts, seconds) => `TIMESTAMP_SECONDS(DIV(UNIX_SECONDS(${ts}), ${Math.trunc(seconds)}) * ${Math.trunc(seconds)})`,
    percentile: (expr, percent) => `APPROX_QUANTILES(${expr}, 100)[OFFSET(${Math.trunc(percent)})]`,
  };
}
