import { bigqueryDialect } from '@shared/warehouse/dialect';
import type { QueryOptions, Sql, Warehouse } from '@shared/warehouse/port';
import { queryDashboardTotals } from '../../../functions/dashboard/dashboard-query';
import { queryHistorical } from '../../../functions/dashboard/historical-query';
import { queryCatalog } from '../../../functions/dashboard/products-query';

/** A BigQuery-dialect warehouse that records each statement and answers with one canned row. */
function recordingWarehouse(row: Record<string, unknown>) {
  const statements: Array<{ sql: string; params: Record<string, unknown> }> = [];
  const dialect = bigqueryDialect('shop-prod');
  const warehouse = {
    backend: 'bigquery',
    dialect,
    async query<T>(sql: Sql, options: QueryOptions = {}): Promise<T[]> {
      statements.push({ sql: sql(dialect), params: options.params ?? {} });
      return [row as T];
    },
  } as unknown as Warehouse;
  return { warehouse, statements };
}

/** What each table or view the dashboard reads is partitioned on (the view passes created_at through). */
const PARTITION: Record<string, string> = {
  'commerce.sales': 'created_at',
  'commerce.sale_refunds': 'created_at',
  'commerce.square_items': 'updated_at',
  'commerce.lightspeed_products': 'updated_at',
  'commerce.daily_sales': 'business_date',
  // Every customer's first sale: the filter is as of now, the table grows with customers, not sales.
  'commerce.customer_sales': 'first_sale_at',
  'ops.sync_state': 'updated_at',
};

/** Each `FROM <table>` with the clause that follows it, up to the next grouping, union, ordering or CTE. */
function readsOf(sql: string): Array<{ table: string; where: string }> {
  const reads: Array<{ table: string; where: string }> = [];
  const pattern = /FROM `shop-prod\.([a-z_]+\.[a-z_]+)`([\s\S]*?)(?=GROUP BY|UNION ALL|ORDER BY|\n\)|$)/g;
  for (const m of sql.matchAll(pattern)) reads.push({ table: m[1], where: m[2] });
  return reads;
}

const now = new Date('2026-03-15T17:00:00Z');
const tz = 'America/Chicago';

describe('the dashboard queries rendered for BigQuery', () => {
  it.each<[string, (w: Warehouse) => Promise<unknown>, Record<string, unknown>]>([
    ['dashboard', (w) => queryDashboardTotals(w, { now, timeZone: tz }), { today: '2026-03-15' }],
    ['historical daily', (w) => queryHistorical(w, { period: 'daily', days: 30, now, timeZone: tz }), { today: '2026-03-15', first_day: '2026-02-14', bucket: null }],
    ['historical monthly', (w) => queryHistorical(w, { period: 'monthly', days: 400, now, timeZone: tz }), { today: '2026-03-15', first_day: '2025-02-01', bucket: null }],
    ['catalog', (w) => queryCatalog(w, { now, all: false }), { source: 'square', id: 'v', item_id: 'i', name: 'n', price_cents: 1, available: true }],
  ])('%s: qualified tables, declared parameters, and a partition filter on every read', async (_name, run, row) => {
    const { warehouse, statements } = recordingWarehouse(row);
    await run(warehouse);
    expect(statements).toHaveLength(1);
    const { sql, params } = statements[0];
    const reads = readsOf(sql);
    expect(reads.length).toBeGreaterThan(0);
    for (const { table, where } of reads) {
      expect(PARTITION[table]).toBeDefined();
      expect(where).toMatch(new RegExp(`WHERE[\\s\\S]*\\b${PARTITION[table]} (<=|>|>=) `));
    }
    const used = new Set([...sql.matchAll(/@([A-Za-z_]+)/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual(Object.keys(params).sort());
    // BigQuery spellings, not DuckDB's.
    expect(sql).not.toMatch(/\$[a-z]|timezone\(|date_trunc\('|epoch_ms/);
  });
});
