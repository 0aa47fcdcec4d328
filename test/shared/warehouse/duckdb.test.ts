import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckdbWarehouse } from '@shared/warehouse/duckdb';
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
});
