import { BigQuery } from '@google-cloud/bigquery';
import { PassThroughClient } from 'google-auth-library';
import { BigQueryWarehouse } from '@shared/warehouse/bigquery';
import { STAGING_DATASET, STAGING_TABLE_TTL_MS } from '@shared/warehouse/bigquery-staging';
import { DuckdbWarehouse } from '@shared/warehouse/duckdb';
import type { ParamType, ParamValue, QueryCost, Sql, Warehouse, WriteCompanion } from '@shared/warehouse/port';
import { bigquerySchema } from '@shared/warehouse/schema/render';
import type { TableDef } from '@shared/warehouse/schema/define';
import { BigQueryFake, type FakeField, type FakeQueryParameter, type FakeResult } from '../../support/bigquery-fake';
import { CONTRACT_TABLES, CONTRACT_VIEWS, entry, item, itemOfEveryType, items, ledger } from './support/contract-tables';

const PROVISIONED = ['ops.contract_items', 'ops.contract_ledger', 'ops.contract_ledger_latest'];

function warehouseOn(fake: BigQueryFake, location = 'US'): BigQueryWarehouse {
  return new BigQueryWarehouse({
    projectId: fake.projectId,
    location,
    apiEndpoint: fake.url,
    tables: CONTRACT_TABLES,
    views: CONTRACT_VIEWS,
  });
}

/** What the staged MERGE script answers: the rows it changed. */
const affected = (n: number): FakeResult => ({ fields: [{ name: 'affected_rows', type: 'INTEGER' }], rows: [{ affected_rows: n }] });
const schemaOf = (table: unknown) => bigquerySchema(table as TableDef) as FakeField[];

describe('BigQuery warehouse against a fake BigQuery API', () => {
  let fake: BigQueryFake;
  let bq: BigQueryWarehouse;
  beforeEach(async () => {
    fake = await BigQueryFake.start({ tables: PROVISIONED, datasets: [STAGING_DATASET] });
    fake.tables.get('ops.contract_ledger_latest')!.type = 'VIEW';
    bq = warehouseOn(fake);
  });
  afterEach(async () => {
    await bq.close();
    await fake.close();
    // Nothing the adapter sent broke a rule of the fake (tests that provoke one clear it after checking).
    expect(fake.violations).toEqual([]);
  });

  it('loads the BigQuery client only when first used', async () => {
    let ping: Promise<void> | undefined;
    jest.isolateModules(() => {
      jest.doMock('@google-cloud/bigquery', () => {
        throw new Error('@google-cloud/bigquery was loaded');
      });
      const { BigQueryWarehouse: Isolated } = require('@shared/warehouse/bigquery') as typeof import('@shared/warehouse/bigquery');
      const lazy = new Isolated({ projectId: 'p', location: 'US', tables: [], views: [] });
      expect(lazy.dialect.table('ops.x')).toBe('`p.ops.x`');
      ping = lazy.ping();
    });
    jest.dontMock('@google-cloud/bigquery');
    await expect(ping).rejects.toThrow('@google-cloud/bigquery was loaded');
  });

  describe('queries', () => {
    it('send every parameter with an explicit type, in the datasets location, against project-qualified tables', async () => {
      const cases: Array<{ name: string; value: ParamValue; declared?: ParamType; type: string; arrayType?: string; sent: unknown }> = [
        { name: 'at', value: new Date('2026-03-15T17:00:00Z'), type: 'TIMESTAMP', sent: '2026-03-15T17:00:00.000Z' },
        { name: 'since', value: '2026-03-15T12:00:00Z', declared: 'TIMESTAMP', type: 'TIMESTAMP', sent: '2026-03-15T12:00:00.000Z' },
        { name: 'day', value: '2026-03-15', declared: 'DATE', type: 'DATE', sent: '2026-03-15' },
        { name: 'n', value: 42, type: 'INT64', sent: '42' },
        { name: 'ratio', value: 0.5, type: 'FLOAT64', sent: '0.5' },
        { name: 'flag', value: true, type: 'BOOL', sent: 'true' },
        { name: 'label', value: 'gummies', type: 'STRING', sent: 'gummies' },
        { name: 'ids', value: ['a', 'b'], type: 'ARRAY', arrayType: 'STRING', sent: ['a', 'b'] },
        { name: 'nums', value: [1, 2], type: 'ARRAY', arrayType: 'INT64', sent: ['1', '2'] },
        { name: 'until', value: null, declared: 'TIMESTAMP', type: 'TIMESTAMP', sent: undefined },
        { name: 'note', value: null, type: 'STRING', sent: undefined },
        { name: 'none', value: null, declared: 'ARRAY<STRING>', type: 'ARRAY', arrayType: 'STRING', sent: [] },
      ];
      const params = Object.fromEntries(cases.map((c) => [c.name, c.value]));
      const types = Object.fromEntries(cases.filter((c) => c.declared).map((c) => [c.name, c.declared!]));
      const sql: Sql = (d) => `SELECT ${cases.map((c) => `${d.param(c.name)} AS ${c.name}`).join(', ')} FROM ${d.table(items.id)}`;
      await bq.query(sql, { params, types });

      const [sent] = fake.queries;
      expect(sent.location).toBe('US');
      expect(sent.parameterMode?.toUpperCase()).toBe('NAMED');
      expect(sent.query).toContain('FROM `fake-project.ops.contract_items`');
      const byName = new Map(sent.parameters.map((p) => [p.name, p]));
      for (const c of cases) {
        const parameter = byName.get(c.name) as FakeQueryParameter;
        expect({ name: c.name, type: parameter.parameterType?.type, arrayType: parameter.parameterType?.arrayType?.type }).toEqual({
          name: c.name,
          type: c.type,
          arrayType: c.arrayType,
        });
        const value = c.type === 'ARRAY'
          ? parameter.parameterValue?.arrayValues?.map((v) => String(v.value))
          : parameter.parameterValue?.value ?? undefined;
        expect({ name: c.name, value: typeof value === 'number' || typeof value === 'boolean' ? String(value) : value }).toEqual({
          name: c.name,
          value: c.sent,
        });
      }
    });

    it('refuse a DATE parameter that is not a date before sending anything', async () => {
      await expect(
        bq.query((d) => `SELECT ${d.param('day')} AS day`, { params: { day: '15/03/2026' }, types: { day: 'DATE' } }),
      ).rejects.toThrow(/BigQuery query SELECT @day AS day failed: Query parameter day is not a YYYY-MM-DD date/);
      expect(fake.requests).toEqual([]);
    });

    it('wrap a query error with the query and the cause', async () => {
      fake.failQuery(/nope/, 'Unrecognized name: nope at [1:8]');
      const failure = bq.query((d) => `SELECT nope FROM ${d.table(items.id)}`);
      await expect(failure).rejects.toThrow(
        'BigQuery query SELECT nope FROM `fake-project.ops.contract_items` failed: Unrecognized name: nope at [1:8]',
      );
      await expect(failure.catch((e: Error) => (e.cause as { code?: number }).code)).resolves.toBe(400);
    });

    it('follow result pages and wait for an unfinished job', async () => {
      await fake.close();
      fake = await BigQueryFake.start({ tables: PROVISIONED, pageSize: 2 });
      bq = warehouseOn(fake);
      const rows = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
      fake.onQuery(/contract_items/, { fields: [{ name: 'id', type: 'STRING', mode: 'REQUIRED' }], rows }, { pendingPolls: 1 });
      expect(await bq.query((d) => `SELECT id FROM ${d.table(items.id)} ORDER BY id`)).toEqual(rows);
      expect(fake.calls()).toEqual(['jobs.query', 'jobs.getQueryResults', 'jobs.getQueryResults', 'jobs.getQueryResults']);
    });
  });

  describe('reads the same plain values as DuckDB from the same logical rows', () => {
    const stored = [
      // BigQuery keeps microseconds; the port reads them back at millisecond precision.
      { ...itemOfEveryType(), updated_at: '2026-03-15T17:00:00.123456Z' },
      item({ id: 'b', active: false, tags: 'plain text is JSON too', updated_at: '2026-01-01T00:00:00Z' }),
    ];
    const cases: Array<{
      case: string;
      sql: Sql;
      params?: Record<string, ParamValue>;
      types?: Record<string, ParamType>;
      result: FakeResult;
      expected: unknown[];
    }> = [
      {
        case: 'a stored row of every column type (INT64 text, int64-microsecond TIMESTAMP, DATE, JSON text)',
        sql: (d) => `SELECT * FROM ${d.table(items.id)} ORDER BY id`,
        result: { fields: schemaOf(items), rows: stored },
        expected: [
          { ...stored[0], updated_at: '2026-03-15T17:00:00.123Z' },
          { ...stored[1], updated_at: '2026-01-01T00:00:00.000Z' },
        ],
      },
      {
        case: 'aggregates',
        sql: (d) => `SELECT COUNT(*) AS n, SUM(price_cents) AS total, MAX(updated_at) AS latest FROM ${d.table(items.id)}`,
        result: {
          fields: [
            { name: 'n', type: 'INTEGER' },
            { name: 'total', type: 'INTEGER' },
            { name: 'latest', type: 'TIMESTAMP' },
          ],
          rows: [{ n: 2, total: 2999, latest: '2026-03-15T17:00:00.123456Z' }],
        },
        expected: [{ n: 2, total: 2999, latest: '2026-03-15T17:00:00.123Z' }],
      },
      {
        case: 'a local date from a dialect function and an array parameter',
        sql: (d) => `SELECT ${d.localDate(d.param('at'), d.param('tz'))} AS day, ${d.param('ids')} AS ids`,
        params: { at: new Date('2026-03-08T05:59:59Z'), tz: 'America/Chicago', ids: ['x', 'y'] },
        result: {
          fields: [
            { name: 'day', type: 'DATE' },
            { name: 'ids', type: 'STRING', mode: 'REPEATED' },
          ],
          rows: [{ day: '2026-03-07', ids: ['x', 'y'] }],
        },
        expected: [{ day: '2026-03-07', ids: ['x', 'y'] }],
      },
    ];

    let duck: Warehouse;
    beforeAll(async () => {
      duck = new DuckdbWarehouse(':memory:', CONTRACT_TABLES, CONTRACT_VIEWS);
      await duck.upsert(items, stored);
    });
    afterAll(() => duck.close());

    it.each(cases)('$case', async ({ sql, params, types, result, expected }) => {
      fake.onQuery(/SELECT/, result);
      const fromBigQuery = await bq.query(sql, { params, types });
      const fromDuckdb = await duck.query(sql, { params, types });
      expect(fromBigQuery).toEqual(expected);
      expect(fromDuckdb).toEqual(expected);
    });
  });

  it('tells what a query processed, as the job says (totalBytesProcessed)', async () => {
    fake.onQuery(/SELECT/, { fields: [{ name: 'n', type: 'INTEGER' }], rows: [{ n: 1 }], bytesProcessed: 123_456_789 });
    const costs: QueryCost[] = [];
    await bq.query(() => 'SELECT 1 AS n', { onCost: (cost) => costs.push(cost) });
    expect(costs).toEqual([{ backend: 'bigquery', bytesProcessed: 123_456_789, rowsScanned: null, ms: expect.any(Number) }]);
  });

  it('runs a write companion in the MERGE script, inside one transaction that rolls back on any error', async () => {
    fake.onQuery(/MERGE/, affected(1));
    const companion: WriteCompanion = {
      before: (_d, staged) => [`CREATE OR REPLACE TEMP TABLE seen AS SELECT id FROM ${staged}`],
      after: (d) => [`DELETE FROM ${d.table('ops.contract_items')} WHERE id IN (SELECT id FROM seen) AND FALSE`],
      params: { tz: 'America/Chicago' },
    };
    await bq.upsert(items, [item({ id: 'a' })], { companion });
    const [merge] = fake.queries;
    const order = ['BEGIN TRANSACTION;', 'CREATE OR REPLACE TEMP TABLE seen', 'MERGE `fake-project.ops.contract_items`', 'DELETE FROM', 'COMMIT TRANSACTION;', 'EXCEPTION WHEN ERROR THEN', 'ROLLBACK TRANSACTION;']
      .map((fragment) => merge.query.indexOf(fragment));
    expect(order).not.toContain(-1);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(merge.parameters.map((p) => [p.name, p.parameterType?.type])).toEqual([['tz', 'STRING']]);
  });

  describe('upsert', () => {
    it('loads the de-duplicated rows into an expiring table of the staging dataset, then MERGEs and drops it in one script job', async () => {
      fake.onQuery(/MERGE/, affected(2));
      const newest = item({ id: 'a', name: 'newest', tags: { color: 'red' }, updated_at: '2026-03-15T19:00:00.000Z' });
      const other = item({ id: 'b', sold_on: '2026-03-14' });
      const before = Date.now();
      const result = await bq.upsert(items, [item({ id: 'a', name: 'old' }), other, newest]);

      expect(result).toEqual({ rows: 2 });
      expect(fake.calls()).toEqual(['tables.insert', 'jobs.upload', 'jobs.get', 'jobs.query']);

      const created = fake.requests[0].body as { tableReference: { tableId: string }; expirationTime: string; schema: { fields: FakeField[] } };
      const staging = created.tableReference.tableId;
      expect(staging).toMatch(/^ops_contract_items_[0-9a-f]{12}$/);
      expect(fake.requests[0].path).toContain(`/datasets/${STAGING_DATASET}/tables`);
      expect(Number(created.expirationTime)).toBeGreaterThanOrEqual(before + STAGING_TABLE_TTL_MS);
      expect(Number(created.expirationTime)).toBeLessThanOrEqual(Date.now() + STAGING_TABLE_TTL_MS);
      expect(created.schema.fields.find((f) => f.name === 'tags')?.type).toBe('STRING');

      const [load] = fake.loads;
      expect(load.destination).toBe(`${STAGING_DATASET}.${staging}`);
      expect(load.location).toBe('US');
      expect(load.configuration).toMatchObject({
        sourceFormat: 'NEWLINE_DELIMITED_JSON',
        writeDisposition: 'WRITE_EMPTY',
        createDisposition: 'CREATE_NEVER',
      });
      expect(load.rows).toEqual([
        { ...newest, tags: '{"color":"red"}' },
        { ...other, tags: null },
      ]);

      const [merge] = fake.queries;
      expect(merge.location).toBe('US');
      const script = merge.query;
      const order = [
        'MERGE `fake-project.ops.contract_items` AS T',
        `USING \`fake-project.${STAGING_DATASET}.${staging}\` AS S`,
        'ON T.`id` = S.`id`',
        'WHEN MATCHED AND S.`updated_at` >= T.`updated_at` THEN UPDATE SET',
        '`tags` = PARSE_JSON(S.`tags`)',
        'WHEN NOT MATCHED THEN INSERT',
        `DROP TABLE \`fake-project.${STAGING_DATASET}.${staging}\``,
        'SELECT affected_rows',
      ].map((fragment) => script.indexOf(fragment));
      expect(order).not.toContain(-1);
      expect([...order].sort((x, y) => x - y)).toEqual(order);
    });

    it('writes the same rows twice as two identical staged loads, each MERGEd by key', async () => {
      fake.onQuery(/MERGE/, affected(0));
      const rows = [item({ id: 'a' }), item({ id: 'b' })];
      expect(await bq.upsert(items, rows)).toEqual({ rows: 2 });
      expect(await bq.upsert(items, rows)).toEqual({ rows: 2 });
      expect(fake.loads).toHaveLength(2);
      expect(fake.loads[1].rows).toEqual(fake.loads[0].rows);
      expect(fake.loads[1].destination).not.toBe(fake.loads[0].destination);
      expect(fake.queries.map((q) => q.query.match(/ON (.*)/)?.[1])).toEqual(['T.`id` = S.`id`', 'T.`id` = S.`id`']);
    });

    it('sends nothing for no rows, and refuses a missing required value before sending anything', async () => {
      expect(await bq.upsert(items, [])).toEqual({ rows: 0 });
      const bad = { ...item({ id: 'a' }), active: null } as unknown as typeof items.row;
      await expect(bq.upsert(items, [bad])).rejects.toThrow(
        'BigQuery upsert into ops.contract_items (staging load) failed: ops.contract_items.active is required',
      );
      expect(fake.requests).toEqual([]);
    });

    it('names the table and keeps the cause when the MERGE fails', async () => {
      fake.failQuery(/MERGE/, 'Could not serialize access to table fake-project:ops.contract_items due to concurrent update');
      const failure = bq.upsert(items, [item({ id: 'a' })]);
      await expect(failure).rejects.toThrow(
        /^BigQuery upsert into ops\.contract_items \(MERGE\) failed: Could not serialize access/,
      );
      await expect(failure.catch((e: Error) => e.cause)).resolves.toMatchObject({ code: 400 });
    });

    it('drops the staging table and says so when the load job fails', async () => {
      fake.failNextLoad('Error while reading data, error message: JSON table encountered too many errors');
      await expect(bq.upsert(items, [item({ id: 'a' })])).rejects.toThrow(
        'BigQuery upsert into ops.contract_items (staging load) failed: Error while reading data',
      );
      expect(fake.calls()).toEqual(['tables.insert', 'jobs.upload', 'jobs.get', 'tables.delete']);
      expect([...fake.tables.keys()].filter((id) => id.startsWith(`${STAGING_DATASET}.`))).toEqual([]);
    });
  });

  describe('append', () => {
    it('inserts only keys not yet present and returns the count the MERGE reports', async () => {
      fake.onQuery(/MERGE/, affected(1));
      expect(await bq.append(ledger, [entry('m1', 1, 'opened'), entry('m1', 2, 'renewed'), entry('m1', 2, 'renewed')])).toEqual({
        inserted: 1,
      });
      expect(fake.calls()).toEqual(['tables.insert', 'jobs.upload', 'jobs.get', 'jobs.query']);
      expect(fake.loads[0].rows.map((r) => r.seq)).toEqual([1, 2]);
      const script = fake.queries[0].query;
      expect(script).toContain('ON T.`entity_id` = S.`entity_id` AND T.`seq` = S.`seq`');
      expect(script).toContain('WHEN NOT MATCHED THEN INSERT');
      expect(script).not.toContain('WHEN MATCHED');
    });

    it('names the table when the staging dataset is missing', async () => {
      await fake.close();
      fake = await BigQueryFake.start({ tables: PROVISIONED });
      bq = warehouseOn(fake);
      await expect(bq.append(ledger, [entry('m1', 1, 'opened')])).rejects.toThrow(
        `BigQuery append to ops.contract_ledger (staging load) failed: Not found: Dataset fake-project:${STAGING_DATASET}`,
      );
      expect(fake.calls()).toEqual(['tables.insert']);
    });
  });

  describe('ensureSchema', () => {
    it('checks every dataset (the staging one too), table and view and creates nothing', async () => {
      await bq.ensureSchema();
      expect(fake.calls().sort()).toEqual(['datasets.get', 'datasets.get', 'tables.get', 'tables.get', 'tables.get']);
    });

    it.each([
      {
        case: 'a table and a view',
        provisioned: ['ops.contract_items'],
        datasets: [STAGING_DATASET],
        missing: 'table ops.contract_ledger, view ops.contract_ledger_latest',
      },
      { case: 'the datasets', provisioned: [], datasets: [], missing: `dataset ops, dataset ${STAGING_DATASET};` },
      { case: 'the staging dataset', provisioned: PROVISIONED, datasets: [], missing: `dataset ${STAGING_DATASET};` },
    ])('names what is missing: $case', async ({ provisioned, datasets, missing }) => {
      await fake.close();
      fake = await BigQueryFake.start({ tables: provisioned, datasets });
      bq = warehouseOn(fake);
      await expect(bq.ensureSchema()).rejects.toThrow(`BigQuery project fake-project lacks ${missing}`);
      await expect(bq.ensureSchema()).rejects.toThrow(/terraform apply/);
    });
  });

  it('pings with one cheap query job', async () => {
    await bq.ping();
    expect(fake.calls()).toEqual(['jobs.query']);
    expect(fake.queries[0].query).toBe('SELECT 1 AS ok');
  });

  describe('the fake refuses what BigQuery would regret', () => {
    const rawClient = () => new BigQuery({ projectId: fake.projectId, apiEndpoint: fake.url, authClient: new PassThroughClient() });
    it.each<{ case: string; send: () => Promise<unknown>; violation: RegExp }>([
      {
        case: 'a streaming insert',
        send: () => rawClient().dataset('ops').table('contract_items').insert([{ id: 'a' }]),
        violation: /tabledata\.insertAll: streaming insert into ops\.contract_items/,
      },
      {
        case: 'a table outside backticks',
        send: () => bq.query(() => 'SELECT id FROM ops.contract_items'),
        violation: /table reference ops\.contract_items is not in backticks/,
      },
      {
        case: 'a query job (jobs.insert) naming a table outside backticks',
        send: () => rawClient().createQueryJob({ query: 'SELECT id FROM ops.contract_items', location: 'US' }),
        violation: /jobs\.insert: table reference ops\.contract_items is not in backticks/,
      },
      {
        case: 'a backticked table without the project',
        send: () => bq.query(() => 'SELECT id FROM `ops.contract_items`'),
        violation: /`ops\.contract_items` is not `fake-project\.dataset\.table`/,
      },
      {
        case: 'a parameter that was never declared',
        send: () => bq.query(() => 'SELECT @missing AS v'),
        violation: /Query parameter 'missing' not found/,
      },
      {
        case: 'a parameter without a type',
        send: () =>
          fetch(`${fake.url}/bigquery/v2/projects/fake-project/queries`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
              query: 'SELECT @x AS v',
              location: 'US',
              parameterMode: 'NAMED',
              queryParameters: [{ name: 'x', parameterValue: { value: '1' } }],
            }),
          }).then((res) => (res.status === 400 ? Promise.reject(new Error('400')) : res)),
        violation: /query parameter x has no explicit type/,
      },
      {
        case: 'a job outside the datasets location',
        send: () => warehouseOn(fake, 'EU').ping(),
        violation: /job location EU is not the datasets' location US/,
      },
    ])('$case', async ({ send, violation }) => {
      await expect(send()).rejects.toThrow();
      expect(fake.violations).toEqual([expect.stringMatching(violation)]);
      fake.violations.length = 0;
    });
  });
});
