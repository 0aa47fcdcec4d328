import { defineTable, defineView } from '@shared/warehouse/schema/define';
import type { TableDef, ViewDef } from '@shared/warehouse/schema/define';

/** An upserted table with one column of every type; `updated_at` is the version. */
export const items = defineTable({
  dataset: 'ops',
  name: 'contract_items',
  description: 'Warehouse contract tests: upserted records',
  columns: {
    id: { type: 'STRING', required: true, description: 'Key' },
    name: { type: 'STRING', description: 'Name' },
    price_cents: { type: 'INT64', required: true, description: 'Price in cents' },
    weight: { type: 'FLOAT64', description: 'Weight in kg' },
    active: { type: 'BOOL', required: true, description: 'Sold now' },
    sold_on: { type: 'DATE', description: 'Last sale date' },
    tags: { type: 'JSON', description: 'Free-form attributes' },
    updated_at: { type: 'TIMESTAMP', required: true, description: 'Version' },
  },
  primaryKey: ['id'],
  version: 'updated_at',
  partitionBy: 'updated_at',
  clusterBy: ['id'],
});

/** An append-only ledger keyed on two columns. */
export const ledger = defineTable({
  dataset: 'ops',
  name: 'contract_ledger',
  description: 'Warehouse contract tests: an event ledger',
  columns: {
    entity_id: { type: 'STRING', required: true, description: 'Entity' },
    seq: { type: 'INT64', required: true, description: 'Event number within the entity' },
    event: { type: 'STRING', required: true, description: 'What happened' },
    amount_cents: { type: 'INT64', description: 'Money moved' },
    recorded_at: { type: 'TIMESTAMP', required: true, description: 'When' },
  },
  primaryKey: ['entity_id', 'seq'],
  partitionBy: 'recorded_at',
  clusterBy: ['entity_id'],
});

/** Current state from the ledger: the latest event per entity. */
export const latestLedger = defineView({
  dataset: 'ops',
  name: 'contract_ledger_latest',
  description: 'Warehouse contract tests: latest ledger event per entity',
  dependsOn: ['ops.contract_ledger'],
  sql: (d) =>
    `SELECT entity_id, seq, event, amount_cents FROM ${d.table('ops.contract_ledger')} WHERE TRUE ` +
    'QUALIFY ROW_NUMBER() OVER (PARTITION BY entity_id ORDER BY seq DESC) = 1',
});

export const CONTRACT_TABLES = [items, ledger] as unknown as TableDef[];
export const CONTRACT_VIEWS: ViewDef[] = [latestLedger];

type ItemRow = typeof items.row;
type LedgerRow = typeof ledger.row;

/** An item row with defaults. */
export function item(overrides: Partial<ItemRow> & Pick<ItemRow, 'id'>): ItemRow {
  return {
    name: `Item ${overrides.id}`,
    price_cents: 1000,
    weight: null,
    active: true,
    sold_on: null,
    tags: null,
    updated_at: '2026-03-15T17:00:00.000Z',
    ...overrides,
  };
}

/** Item `a` with a value in every column (Gummies at 1999 cents): nested JSON with a null in it, a timestamp with milliseconds. */
export function itemOfEveryType(): ItemRow {
  return item({
    id: 'a',
    name: 'Gummies',
    price_cents: 1999,
    weight: 0.25,
    active: true,
    sold_on: '2026-03-14',
    tags: { color: 'red', sizes: [1, 2], note: null },
    updated_at: '2026-03-15T17:00:00.123Z',
  });
}

/** A ledger row with defaults. */
export function entry(entity_id: string, seq: number, event: string, amount_cents: number | null = null): LedgerRow {
  return { entity_id, seq, event, amount_cents, recorded_at: new Date(Date.UTC(2026, 2, 15, 12, seq)).toISOString() };
}
