import { parseConfig } from '@shared/config';
import type { Warehouse } from '@shared/warehouse/port';
import { TABLES, VIEWS } from '@shared/warehouse/schema';

/**
 * Opens the local DuckDB warehouse before anything else starts and keeps it open, so a second `npm start` or
 * `npm run sync` on the same file stops at once with a message saying what to do, instead of starting servers that
 * then retry lock errors forever. Returns undefined when the warehouse is BigQuery (nothing local to claim).
 */
export async function claimLocalWarehouse(env: NodeJS.ProcessEnv): Promise<Warehouse | undefined> {
  const setting = parseConfig(env).WAREHOUSE;
  if (!setting.startsWith('duckdb:')) return undefined;
  const path = setting.slice('duckdb:'.length);
  const { DuckdbWarehouse } = await import('@shared/warehouse/duckdb');
  const warehouse = new DuckdbWarehouse(path, TABLES, VIEWS);
  try {
    await warehouse.ping();
  } catch (error) {
    await warehouse.close();
    const message = (error as Error).message;
    if (!/lock/i.test(message)) throw error;
    const holder = /PID (\d+)/.exec(message)?.[1];
    throw new Error(
      [
        `The warehouse file ${path} is in use by another process${holder ? ` (PID ${holder})` : ''}: is npm start or npm run sync running?`,
        'DuckDB allows one process per file. Stop that process first, or use it: while npm start runs, sync with',
        '  curl -s -X POST -H "Authorization: Bearer $TOKEN" <its URL>/api/sync/square',
        `or give this one its own file: WAREHOUSE=duckdb:.data/other.duckdb`,
      ].join('\n'),
    );
  }
  return warehouse;
}
