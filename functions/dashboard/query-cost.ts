import type { Kv } from '@shared/kv/port';
import type { Runtime } from '@shared/runtime';
import type { QueryCost } from '@shared/warehouse/port';

/** The dashboard's warehouse queries, by what they answer. */
export const COSTED_QUERIES = ['dashboard', 'historical', 'products'] as const;
export type CostedQuery = (typeof COSTED_QUERIES)[number];

const key = (query: CostedQuery, field: string) => `warehouse-cost:${query}:${field}`;

/**
 * What a warehouse query cost, told once it has run: one log line with `warehouseQuery` and `bytesProcessed` (the line
 * the warehouse_bytes log-based metric and its alert read, terraform/modules/monitoring) and counters in kv summed
 * over every instance (read by /api/bigquery/cache-stats). Counting never fails the answer it describes.
 */
export function costRecorder(rt: Runtime, query: CostedQuery): (cost: QueryCost) => void {
  return (cost) => {
    rt.log.info('warehouse query cost', {
      warehouseQuery: query,
      backend: cost.backend,
      bytesProcessed: cost.bytesProcessed,
      rowsScanned: cost.rowsScanned,
      queryMs: Math.round(cost.ms * 10) / 10,
    });
    const counted = [
      rt.kv.increment(key(query, 'queries')),
      rt.kv.set(key(query, 'last'), { ...cost, at: rt.clock.now().toISOString() }),
      ...(cost.bytesProcessed === null ? [] : [rt.kv.increment(key(query, 'bytesProcessed'), { by: cost.bytesProcessed })]),
      ...(cost.rowsScanned === null ? [] : [rt.kv.increment(key(query, 'rowsScanned'), { by: cost.rowsScanned })]),
    ];
    void Promise.all(counted).catch((error: Error) => rt.log.warn('could not count a warehouse query cost', { warehouseQuery: query, error: error.message }));
  };
}

/** The counted cost of one kind of query: totals since counting began and the latest query's. */
export interface QueryCostStats {
  queries: number;
  bytesProcessed: number;
  rowsScanned: number;
  last: (QueryCost & { at: string }) | null;
}

/** Every dashboard query's counted cost. */
export async function readQueryCosts(kv: Kv): Promise<Record<CostedQuery, QueryCostStats>> {
  const entries = await Promise.all(
    COSTED_QUERIES.map(async (query) => {
      const [queries, bytesProcessed, rowsScanned, last] = await Promise.all([
        kv.get<number>(key(query, 'queries')),
        kv.get<number>(key(query, 'bytesProcessed')),
        kv.get<number>(key(query, 'rowsScanned')),
        kv.get<QueryCostStats['last']>(key(query, 'last')),
      ]);
      return [query, { queries: Number(queries ?? 0), bytesProcessed: Number(bytesProcessed ?? 0), rowsScanned: Number(rowsScanned ?? 0), last }] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<CostedQuery, QueryCostStats>;
}
