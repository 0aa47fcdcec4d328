import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckdbWarehouse } from '@shared/warehouse/duckdb';
import { TABLES, VIEWS } from '@shared/warehouse/schema';
import { type TableDef, defineTable } from '@shared/warehouse/schema/define';
import { lightspeedTransactions } from '@shared/warehouse/schema/lightspeed';
import { CONTRACT_TABLES, CONTRACT_VIEWS, entry, item, items, ledger } from './support/contract-tables';

describe('DuckDB warehouse file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'warehouse-duckdb-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps rows across close and reopen, and ensureSchema on an existing file drops nothing', async () => {
    const path = join(dir, 'nested', 'warehouse.duckdb');
    const first = new DuckdbWarehouse(path, CONTRACT_TABLES, CONTRACT_VIEWS);
    await first.upsert(items, [item({ id: 'a', tags: { kept: true } })]);
    await first.append(ledger, [entry('m1', 1, 'opened')]);
    await first.close();

    const second = new DuckdbWarehouse(path, CONTRACT_TABLES, CONTRACT_VIEWS);
    await second.ensureSchema();
    expect(await second.query((d) => `SELECT id, tags FROM ${d.table(items.id)}`)).toEqual([{ id: 'a', tags: { kept: true } }]);
    // The reopened ledger still knows its keys: a retried append adds nothing.
    expect(await second.append(ledger, [entry('m1', 1, 'opened')])).toEqual({ inserted: 0 });
    await second.close();
  });

  it('a file from before the Lightspeed tables moved to commerce is migrated on open, once, keys and sales view intact', async () => {
    const path = join(dir, 'old-layout.duckdb');
    // The old layout as an earlier version wrote it: Lightspeed sales in analytics, the sales view reading them there.
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const old = await DuckDBInstance.create(path);
    const c = await old.connect();
    for (const sql of [
      'CREATE SCHEMA analytics',
      'CREATE SCHEMA commerce',
      `CREATE TABLE analytics.lightspeed_transactions (id VARCHAR PRIMARY KEY, shop_id VARCHAR, amount_cents BIGINT NOT NULL,
        tax_cents BIGINT NOT NULL, total_cents BIGINT NOT NULL, customer_id VARCHAR, status VARCHAR NOT NULL,
        is_archived BOOLEAN NOT NULL, completed_at TIMESTAMPTZ, created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL)`,
      `INSERT INTO analytics.lightspeed_transactions VALUES
        ('1', '1', 1000, 82, 1082, NULL, 'completed', false, '2026-03-01 10:00:00+00', '2026-03-01 09:59:00+00', '2026-03-01 10:00:00+00'),
        ('2', '1', -500, -41, -541, '7', 'completed', false, '2026-03-02 10:00:00+00', '2026-03-02 09:59:00+00', '2026-03-02 10:00:00+00')`,
      "CREATE VIEW commerce.sales AS SELECT 'lightspeed' AS source, id FROM analytics.lightspeed_transactions",
    ]) {
      await c.run(sql);
    }
    c.closeSync();
    old.closeSync();

    const sales = (wh: DuckdbWarehouse) =>
      wh.query<{ source: string; id: string; amount_cents: number }>(
        (d) => `SELECT source, id, amount_cents FROM ${d.table('commerce.sales')} WHERE source = 'lightspeed' ORDER BY id`,
      );
    const opened = new DuckdbWarehouse(path, TABLES, VIEWS);
    expect(await sales(opened)).toEqual([
      { source: 'lightspeed', id: '1', amount_cents: 1082 },
      { source: 'lightspeed', id: '2', amount_cents: -541 },
    ]);
    const schemas = await opened.query<{ schema_name: string }>(() => `SELECT DISTINCT schema_name FROM duckdb_tables() ORDER BY 1`);
    expect(schemas.map((s) => s.schema_name)).toEqual(['commerce', 'ops']);
    // The moved table kept its key: a newer version of a sale replaces it instead of adding a row.
    await opened.upsert(lightspeedTransactions, [
      { id: '1', shop_id: '1', amount_cents: 1000, tax_cents: 82, total_cents: 1082, customer_id: null, status: 'voided', is_archived: false, completed_at: null, created_at: '2026-03-01T09:59:00.000Z', updated_at: '2026-03-03T10:00:00.000Z' },
    ]);
    await opened.close();

    const reopened = new DuckdbWarehouse(path, TABLES, VIEWS);
    const rows = await reopened.query<{ id: string; status: string }>((d) => `SELECT id, status FROM ${d.table(lightspeedTransactions)} ORDER BY id`);
    expect(rows).toEqual([
      { id: '1', status: 'voided' },
      { id: '2', status: 'completed' },
    ]);
    await reopened.close();
  });

  it('serialises concurrent writes instead of failing them', async () => {
    const wh = new DuckdbWarehouse(join(dir, 'concurrent.duckdb'), CONTRACT_TABLES, CONTRACT_VIEWS);
    const writes = Array.from({ length: 8 }, (_, i) =>
      wh.upsert(items, [item({ id: `item-${i}` }), item({ id: 'shared', price_cents: i, updated_at: `2026-03-15T17:00:0${i}.000Z` })]),
    );
    await Promise.all(writes);
    const rows = await wh.query<{ id: string; price_cents: number }>(
      (d) => `SELECT id, price_cents FROM ${d.table(items.id)} WHERE id = 'shared' OR id = 'item-7'`,
    );
    expect(rows).toHaveLength(2);
    // Whatever order the writes ran in, the newest version of the shared row is the one kept.
    expect(rows.find((r) => r.id === 'shared')?.price_cents).toBe(7);
    await wh.close();
  });

  it('a file made before a column was added gains it, and rows land in the right columns whatever the file’s order', async () => {
    const path = join(dir, 'evolving.duckdb');
    const v1 = defineTable({
      dataset: 'ops',
      name: 'evolving',
      description: 'test',
      columns: {
        id: { type: 'STRING', required: true, description: 'id' },
        name: { type: 'STRING', description: 'name' },
        updated_at: { type: 'TIMESTAMP', required: true, description: 'version' },
      },
      primaryKey: ['id'],
      version: 'updated_at',
      partitionBy: 'updated_at',
      clusterBy: ['id'],
    });
    const before = new DuckdbWarehouse(path, [v1 as unknown as TableDef], []);
    await before.upsert(v1, [{ id: 'old', name: 'Old', updated_at: '2026-01-01T00:00:00.000Z' }]);
    await before.close();

    // The new column sits in the middle of the definition; the file can only add it at the end.
    const v2 = defineTable({
      ...v1,
      columns: {
        id: v1.columns.id,
        price_cents: { type: 'INT64', description: 'new column' },
        name: v1.columns.name,
        updated_at: v1.columns.updated_at,
      },
    });
    const after = new DuckdbWarehouse(path, [v2 as unknown as TableDef], []);
    await after.upsert(v2, [{ id: 'batch', price_cents: 5, name: 'Batch', updated_at: '2026-02-01T00:00:00.000Z' }, ...Array.from({ length: 20 }, (_, i) => ({ id: `n${i}`, price_cents: i, name: `N${i}`, updated_at: '2026-02-01T00:00:00.000Z' }))]);
    await after.upsert(v2, [{ id: 'single', price_cents: 7, name: 'Single', updated_at: '2026-02-01T00:00:00.000Z' }]);
    const rows = await after.query((d) => `SELECT id, name, price_cents FROM ${d.table('ops.evolving')} WHERE id IN ('old', 'batch', 'single') ORDER BY id`);
    expect(rows).toEqual([
      { id: 'batch', name: 'Batch', price_cents: 5 },
      { id: 'old', name: 'Old', price_cents: null },
      { id: 'single', name: 'Single', price_cents: 7 },
    ]);
    await after.close();
  });
});
