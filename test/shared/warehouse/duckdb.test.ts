import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckdbWarehouse } from '@shared/warehouse/duckdb';
import { type TableDef, defineTable } from '@shared/warehouse/schema/define';
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
