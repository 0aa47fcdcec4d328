import { createHttpHandler } from '@shared/http/router';
import type { Runtime } from '@shared/runtime';
import type { QueryOptions, Sql, Warehouse } from '@shared/warehouse/port';
import { dashboardRoutes } from '../../../functions/dashboard/handler';
import { call, serve } from '../../support/http';
import { type TestRuntime, createTestRuntime, tokenFor } from '../../support/runtime';

/** Settings for dashboard tests: limits high enough for hundreds of requests from one address. */
export const DASHBOARD_TEST_ENV = { RATE_LIMIT_ADMIN_PER_MINUTE: '100000', RATE_LIMIT_API_PER_MINUTE: '100000' };

/** A warehouse that counts queries and can be slowed down or made to fail, in front of a real one. */
export class CountingWarehouse implements Warehouse {
  queries = 0;
  delayMs = 0;
  failure: Error | null = null;
  private gate: Promise<void> | null = null;

  constructor(private readonly inner: Warehouse) {}

  /** Holds every query until the returned function is called. */
  hold(): () => void {
    let release!: () => void;
    this.gate = new Promise((resolve) => (release = resolve));
    return () => {
      this.gate = null;
      release();
    };
  }

  get backend() {
    return this.inner.backend;
  }
  get dialect() {
    return this.inner.dialect;
  }
  async query<T>(sql: Sql, options?: QueryOptions): Promise<T[]> {
    this.queries++;
    if (this.gate) await this.gate;
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.failure) throw this.failure;
    return this.inner.query<T>(sql, options);
  }
  upsert: Warehouse['upsert'] = (table, rows, options) => this.inner.upsert(table, rows, options);
  transaction: Warehouse['transaction'] = (statements, options) => this.inner.transaction(statements, options);
  append: Warehouse['append'] = (table, rows) => this.inner.append(table, rows);
  ensureSchema = () => this.inner.ensureSchema();
  ping = () => this.inner.ping();
  close = () => this.inner.close();
}

/** One dashboard instance on loopback: its runtime (sharing `base`'s adapters unless told otherwise) and a caller. */
export interface DashboardServer {
  rt: Runtime;
  url: string;
  get(path: string, token?: string): ReturnType<typeof call>;
  post(path: string, json: unknown, token?: string): ReturnType<typeof call>;
  close(): Promise<void>;
}

/** A test runtime whose warehouse is wrapped in a CountingWarehouse. */
export function createDashboardRuntime(
  env: Record<string, string> = {},
  start?: string,
  secrets: Record<string, string> = {},
): { rt: TestRuntime; warehouse: CountingWarehouse } {
  const base = createTestRuntime({ ...DASHBOARD_TEST_ENV, ...env }, start, secrets);
  const warehouse = new CountingWarehouse(base.warehouse);
  return { rt: Object.assign(base, { warehouse }), warehouse };
}

/**
 * Serves the dashboard routes for a runtime. `instanceOf` makes a second instance: its own in-process state (cache
 * objects) over the same kv, warehouse and clock, as two Cloud Functions instances would be.
 */
export async function serveDashboard(rt: Runtime, options: { instanceOf?: boolean } = {}): Promise<DashboardServer> {
  const instanceRuntime: Runtime = options.instanceOf ? { ...rt } : rt;
  const server = await serve(createHttpHandler({ name: 'dashboard', routes: dashboardRoutes, runtime: () => instanceRuntime }));
  const admin = await tokenFor(rt, 'staff-1', 'admin');
  return {
    rt: instanceRuntime,
    url: server.url,
    get: (path, token = admin) => call(`${server.url}${path}`, { token }),
    post: (path, json, token = admin) => call(`${server.url}${path}`, { method: 'POST', json, token }),
    close: () => server.close(),
  };
}
