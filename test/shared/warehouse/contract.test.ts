import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bigqueryDialect, type Dialect, type DateUnit, type IntervalUnit } from '@shared/warehouse/dialect';
import { DuckdbWarehouse } from '@shared/warehouse/duckdb';
import type { ParamType, ParamValue, Sql, Warehouse } from '@shared/warehouse/port';
import { CONTRACT_TABLES, CONTRACT_VIEWS, entry, item, itemOfEveryType, items, ledger } from './support/contract-tables';

/**
 * The warehouse contract: the same behaviour from every adapter that can run here. BigQuery cannot run without
 * Google; test/shared/warehouse/bigquery.test.ts checks what it sends and how it reads answers against a fake.
 */
const scratch = mkdtempSync(join(tmpdir(), 'warehouse-contract-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let files = 0;

const adapters: Array<{ name: string; open(): Warehouse }> = [
  { name: 'DuckDB in memory', open: () => new DuckdbWarehouse(':memory:', CONTRACT_TABLES, CONTRACT_VIEWS) },
  { name: 'DuckDB file', open: () => new DuckdbWarehouse(join(scratch, `${++files}.duckdb`), CONTRACT_TABLES, CONTRACT_VIEWS) },
];

describe.each(adapters)('warehouse contract: $name', ({ open }) => {
  let wh: Warehouse;
  beforeEach(async () => {
    wh = open();
    await wh.ensureSchema();
  });
  afterEach(() => wh.close());

  const allItems = () =>
    wh.query<typeof items.row>((d) => `SELECT * FROM ${d.table(items.id)} ORDER BY id`);
  const value = async <T>(sql: Sql, params: Record<string, ParamValue> = {}, types: Record<string, ParamType> = {}) => {
    const rows = await wh.query<{ v: T }>(sql, { params, types });
    return rows[0].v;
  };

  describe('upsert', () => {
    it('leaves one row per key when the same rows are written twice', async () => {
      const rows = [item({ id: 'a' }), item({ id: 'b', price_cents: 250 })];
      expect(await wh.upsert(items, rows)).toEqual({ rows: 2 });
      expect(await wh.upsert(items, rows)).toEqual({ rows: 2 });
      expect(await allItems()).toEqual(rows);
    });

    it.each([
      { case: 'a newer version replaces the row', second: '2026-03-15T18:00:00.000Z', name: 'second' },
      { case: 'an older copy never overwrites a newer one', second: '2026-03-15T16:00:00.000Z', name: 'first' },
      { case: 'the same version is applied again (a retried write)', second: '2026-03-15T17:00:00.000Z', name: 'second' },
    ])('$case', async ({ second, name }) => {
      await wh.upsert(items, [item({ id: 'a', name: 'first', updated_at: '2026-03-15T17:00:00.000Z' })]);
      await wh.upsert(items, [item({ id: 'a', name: 'second', updated_at: second })]);
      const [row] = await allItems();
      expect(row.name).toBe(name);
    });

    it('merges duplicate keys within one batch, keeping the newest', async () => {
      const result = await wh.upsert(items, [
        item({ id: 'a', name: 'old', updated_at: '2026-03-15T17:00:00.000Z' }),
        item({ id: 'a', name: 'newest', updated_at: '2026-03-15T19:00:00.000Z' }),
        item({ id: 'a', name: 'stale', updated_at: '2026-03-15T18:00:00.000Z' }),
      ]);
      expect(result).toEqual({ rows: 1 });
      expect((await allItems()).map((r) => r.name)).toEqual(['newest']);
    });

    it('updates every non-key column, nulls included', async () => {
      await wh.upsert(items, [item({ id: 'a', weight: 1.5, sold_on: '2026-03-01', tags: { color: 'red' } })]);
      const replacement = item({ id: 'a', name: null, price_cents: 5, active: false, updated_at: '2026-03-16T00:00:00.000Z' });
      await wh.upsert(items, [replacement]);
      expect(await allItems()).toEqual([replacement]);
    });

    it('writes nothing for no rows', async () => {
      expect(await wh.upsert(items, [])).toEqual({ rows: 0 });
      expect(await allItems()).toEqual([]);
    });

    it('refuses a row without a required value, naming the column', async () => {
      const bad = { ...item({ id: 'a' }), price_cents: null } as unknown as typeof items.row;
      await expect(wh.upsert(items, [bad])).rejects.toThrow(/contract_items\.price_cents is required/);
      expect(await allItems()).toEqual([]);
    });
  });

  describe('append', () => {
    it('skips rows whose key exists, so a retried append adds nothing', async () => {
      expect(await wh.append(ledger, [entry('m1', 1, 'opened', 4700), entry('m1', 2, 'renewed', 4700)])).toEqual({ inserted: 2 });
      expect(await wh.append(ledger, [entry('m1', 2, 'rewritten', 1), entry('m1', 3, 'cancelled')])).toEqual({ inserted: 1 });
      expect(await wh.append(ledger, [entry('m1', 2, 'rewritten', 1), entry('m1', 3, 'cancelled')])).toEqual({ inserted: 0 });
      const rows = await wh.query((d) => `SELECT seq, event, amount_cents FROM ${d.table(ledger.id)} ORDER BY seq`);
      expect(rows).toEqual([
        { seq: 1, event: 'opened', amount_cents: 4700 },
        { seq: 2, event: 'renewed', amount_cents: 4700 },
        { seq: 3, event: 'cancelled', amount_cents: null },
      ]);
    });

    it('counts a key given twice in one batch once', async () => {
      expect(await wh.append(ledger, [entry('m1', 1, 'opened'), entry('m1', 1, 'opened')])).toEqual({ inserted: 1 });
    });

    it('feeds views: the latest event per entity', async () => {
      await wh.append(ledger, [entry('m1', 1, 'opened'), entry('m1', 2, 'renewed'), entry('m2', 1, 'opened')]);
      const rows = await wh.query((d) => `SELECT entity_id, event FROM ${d.table('ops.contract_ledger_latest')} ORDER BY entity_id`);
      expect(rows).toEqual([
        { entity_id: 'm1', event: 'renewed' },
        { entity_id: 'm2', event: 'opened' },
      ]);
    });
  });

  describe('results', () => {
    it('come back as plain JSON values: ISO timestamps, YYYY-MM-DD dates, numbers, booleans, parsed JSON', async () => {
      const row = itemOfEveryType();
      await wh.upsert(items, [row, item({ id: 'b' })]);
      const [read] = await allItems();
      expect(read).toEqual(row);
      expect(typeof read.price_cents).toBe('number');
      const [totals] = await wh.query((d) => `SELECT COUNT(*) AS n, SUM(price_cents) AS total FROM ${d.table(items.id)}`);
      expect(totals).toEqual({ n: 2, total: 2999 });
    });
  });

  describe('typed parameters', () => {
    // [case, expression of the parameter x, value of x, declared type of x, expected value]
    it.each<[string, (d: Dialect, x: string) => string, ParamValue, ParamType | undefined, unknown]>([
      ['a Date is a TIMESTAMP', (_d, x) => x, new Date('2026-03-15T17:00:00Z'), undefined, '2026-03-15T17:00:00.000Z'],
      ['ISO text declared TIMESTAMP', (d, x) => d.timestampSub(x, '1', 'hour'), '2026-03-15T17:00:00Z', 'TIMESTAMP', '2026-03-15T16:00:00.000Z'],
      ['text declared DATE', (d, x) => d.addDays(x, '1'), '2026-02-28', 'DATE', '2026-03-01'],
      ['an integer is INT64', (_d, x) => `${x} + 1`, 41, undefined, 42],
      ['a fraction is FLOAT64', (_d, x) => `${x} * 2`, 0.25, undefined, 0.5],
      ['a boolean is BOOL', (_d, x) => `NOT ${x}`, true, undefined, false],
      ['a string array', (_d, x) => x, ['a', 'b'], undefined, ['a', 'b']],
      ['an integer array', (_d, x) => x, [3, 1, 2], undefined, [3, 1, 2]],
      ['null with a declared TIMESTAMP type', (_d, x) => `${x} IS NULL`, null, 'TIMESTAMP', true],
      ['null TIMESTAMP reads back as null', (_d, x) => x, null, 'TIMESTAMP', null],
    ])('%s', async (_case, expression, x, type, expected) => {
      const sql: Sql = (d) => `SELECT ${expression(d, d.param('x'))} AS v`;
      expect(await value(sql, { x }, type ? { x: type } : {})).toEqual(expected);
    });

    it('filter stored rows', async () => {
      await wh.upsert(items, [
        item({ id: 'a', updated_at: '2026-03-15T10:00:00.000Z' }),
        item({ id: 'b', updated_at: '2026-03-15T12:00:00.000Z' }),
        item({ id: 'c', updated_at: '2026-03-15T14:00:00.000Z' }),
      ]);
      const since = (at: ParamValue) =>
        wh.query<{ id: string }>(
          (d) => `SELECT id FROM ${d.table(items.id)} WHERE ${d.param('since')} IS NULL OR updated_at >= ${d.param('since')} ORDER BY id`,
          { params: { since: at }, types: { since: 'TIMESTAMP' } },
        );
      expect((await since('2026-03-15T12:00:00Z')).map((r) => r.id)).toEqual(['b', 'c']);
      expect((await since(null)).map((r) => r.id)).toEqual(['a', 'b', 'c']);
    });
  });

  describe('dialect functions', () => {
    it.each([
      ['just before midnight (CST)', '2026-03-08T05:59:59Z', '2026-03-07'],
      ['midnight (CST)', '2026-03-08T06:00:00Z', '2026-03-08'],
      ['just before midnight after the spring DST change (CDT)', '2026-03-09T04:59:59Z', '2026-03-08'],
      ['half past midnight CDT, which would still be the day before in CST', '2026-03-09T05:30:00Z', '2026-03-09'],
      ['half past eleven CST after the autumn change, already the next day in CDT', '2026-11-02T05:30:00Z', '2026-11-01'],
    ])('localDate in America/Chicago: %s', async (_case, at, expected) => {
      const sql: Sql = (d) => `SELECT ${d.dateText(d.localDate(d.param('at'), d.param('tz')))} AS v`;
      expect(await value(sql, { at: new Date(at), tz: 'America/Chicago' })).toBe(expected);
    });

    it.each<[DateUnit, string, string]>([
      ['day', '2026-03-15', '2026-03-15'],
      ['week', '2026-03-15', '2026-03-09'], // a Sunday belongs to the week that began on Monday
      ['week', '2026-03-16', '2026-03-16'],
      ['week', '2026-03-01', '2026-02-23'],
      ['month', '2026-03-15', '2026-03-01'],
      ['year', '2026-03-15', '2026-01-01'],
    ])('truncDate to the %s of %s is %s', async (unit, day, expected) => {
      expect(await value((d) => `SELECT ${d.truncDate(d.toDate(d.param('day')), unit)} AS v`, { day })).toBe(expected);
    });

    it("starts this week on Monday in the shop's time zone", async () => {
      // Sunday 22:00 in Chicago is Monday 03:00 UTC: still the week of Monday 9 March locally.
      const sql: Sql = (d) => `SELECT ${d.truncDate(d.localDate(d.param('at'), d.param('tz')), 'week')} AS v`;
      expect(await value(sql, { at: new Date('2026-03-16T03:00:00Z'), tz: 'America/Chicago' })).toBe('2026-03-09');
    });

    it.each<[string, IntervalUnit, string]>([
      ['45', 'second', '2026-03-15T16:59:15.000Z'],
      ['90', 'minute', '2026-03-15T15:30:00.000Z'],
      ['3', 'hour', '2026-03-15T14:00:00.000Z'],
      ['2', 'day', '2026-03-13T17:00:00.000Z'],
    ])('timestampSub %s %s', async (n, unit, expected) => {
      const sql: Sql = (d) => `SELECT ${d.timestampSub(d.param('at'), n, unit)} AS v`;
      expect(await value(sql, { at: new Date('2026-03-15T17:00:00Z') })).toBe(expected);
    });

    it('timestampSub takes the amount as a parameter', async () => {
      const sql: Sql = (d) => `SELECT ${d.timestampSub(d.param('at'), d.param('days'), 'day')} AS v`;
      expect(await value(sql, { at: new Date('2026-03-15T17:00:00Z'), days: 30 })).toBe('2026-02-13T17:00:00.000Z');
    });

    it.each([
      ['2026-02-27', '2', '2026-03-01'],
      ['2026-03-01', '-1', '2026-02-28'],
      ['2028-02-28', '1', '2028-02-29'],
    ])('addDays %s + %s', async (day, n, expected) => {
      expect(await value((d) => `SELECT ${d.addDays(d.toDate(d.param('day')), n)} AS v`, { day })).toBe(expected);
    });

    it.each([
      ['the first instant of a quarter hour', '2026-03-15T17:00:00.000Z', 900, '2026-03-15T17:00:00.000Z'],
      ['the last millisecond of a quarter hour', '2026-03-15T17:14:59.999Z', 900, '2026-03-15T17:00:00.000Z'],
      ['the next quarter hour', '2026-03-15T17:15:00.000Z', 900, '2026-03-15T17:15:00.000Z'],
      ['an hour', '2026-03-15T17:59:59.500Z', 3600, '2026-03-15T17:00:00.000Z'],
    ])('utcBucket: %s (%s, %d s) starts at %s', async (_case, at, seconds, expected) => {
      const sql: Sql = (d) => `SELECT ${d.utcBucket(d.param('at'), seconds)} AS v`;
      expect(await value(sql, { at: new Date(at) })).toBe(expected);
    });

    it.each([
      // Just before and at local midnight, and across the spring DST change, in whole-hour, half-hour and 45-minute zones.
      ['America/Chicago', ['2026-03-08T05:59:59.999Z', '2026-03-08T06:00:00Z', '2026-03-09T04:59:59Z', '2026-03-09T05:00:00Z']],
      ['Asia/Kolkata', ['2026-03-14T18:29:59Z', '2026-03-14T18:30:00Z']],
      ['Asia/Kathmandu', ['2026-03-14T18:14:59Z', '2026-03-14T18:15:00Z']],
    ])('utcBucket of a quarter hour keeps every instant on its local date in %s', async (tz, instants) => {
      const sql: Sql = (d) =>
        `SELECT ${d.dateText(d.localDate(d.utcBucket(d.param('at'), 900), d.param('tz')))} = ${d.dateText(d.localDate(d.param('at'), d.param('tz')))} AS v`;
      for (const at of instants) expect({ at, same: await value(sql, { at: new Date(at), tz }) }).toEqual({ at, same: true });
    });

    it('int casts to an integer', async () => {
      expect(await value((d) => `SELECT ${d.int("'42'")} AS v`)).toBe(42);
    });
  });

  it('answers ping', async () => {
    await expect(wh.ping()).resolves.toBeUndefined();
  });
});

/**
 * BigQuery cannot run here, so its dialect functions are checked as SQL: utcBucket is whole seconds since the epoch
 * (UNIX_SECONDS drops the fraction), floored to the interval with integer division and turned back into a TIMESTAMP.
 */
describe('warehouse contract: BigQuery rendering', () => {
  const d = bigqueryDialect('shop-prod');
  it.each([
    [900, 'TIMESTAMP_SECONDS(DIV(UNIX_SECONDS(@at), 900) * 900)'],
    [3600, 'TIMESTAMP_SECONDS(DIV(UNIX_SECONDS(@at), 3600) * 3600)'],
  ])('utcBucket of %d s', (seconds, expected) => {
    expect(d.utcBucket(d.param('at'), seconds)).toBe(expected);
  });
});
