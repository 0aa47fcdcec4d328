import type { Warehouse } from '@shared/warehouse/port';
import { squarePayments, squareRefunds } from '@shared/warehouse/schema/square';

/** How big and how old the benchmark shop is. */
export interface DashboardFixtureOptions {
  /** Square payments to create (the benchmark uses 1,000,000). */
  payments: number;
  /** Days of history ending at `now`. */
  days: number;
  now: Date;
}

/** What the fixture wrote. */
export interface DashboardFixture {
  payments: number;
  refunds: number;
  loadMs: number;
}

/**
 * Loads a large, deterministic Square shop into a DuckDB warehouse with DuckDB's own `range()` inside the database:
 * a million rows in seconds, where row-by-row upserts would take minutes. Payments are spread evenly over the
 * history with jitter, 96 % completed (the rest failed, canceled or still approved), 70 % with one of 20,000
 * customers, across three locations; about 3 % of completed payments are refunded in full up to ten days later.
 */
export async function loadDashboardFixture(warehouse: Warehouse, options: DashboardFixtureOptions): Promise<DashboardFixture> {
  if (warehouse.backend !== 'duckdb') throw new Error('The dashboard fixture writes with DuckDB SQL; open a DuckDB warehouse');
  const started = performance.now();
  const spanMicros = options.days * 86_400_000_000;
  const params = { n: options.payments, span: spanMicros, now: options.now };
  // hash() is DuckDB's deterministic 64-bit hash; different multipliers give independent-looking draws per row.
  await warehouse.query(
    () => `INSERT INTO commerce.square_payments
      SELECT id, location_id, customer_id, NULL, amount_cents, 0, amount_cents,
        CASE WHEN refunded THEN amount_cents ELSE 0 END, 'USD', status, 'CARD', 'VISA', NULL, created_at,
        CASE WHEN refunded THEN LEAST($now, created_at + to_days(CAST(refund_days AS INTEGER))) ELSE created_at END
      FROM (
        SELECT 'bench-pay-' || i AS id,
          'LOC-' || (i % 3) AS location_id,
          CASE WHEN hash(i * 7) % 10 < 7 THEN 'CUST-' || (hash(i * 11) % 20000) END AS customer_id,
          CAST(500 + hash(i * 13) % 19500 AS BIGINT) AS amount_cents,
          CASE WHEN hash(i * 17) % 100 < 96 THEN 'COMPLETED' WHEN hash(i * 17) % 100 < 98 THEN 'FAILED'
               WHEN hash(i * 17) % 100 < 99 THEN 'CANCELED' ELSE 'APPROVED' END AS status,
          hash(i * 17) % 100 < 96 AND hash(i * 19) % 100 < 3 AS refunded,
          hash(i * 23) % 11 AS refund_days,
          $now - to_microseconds(CAST((($n - 1 - i) * ($span // $n)) + hash(i * 29) % ($span // $n) AS BIGINT)) AS created_at
        FROM range($n) AS t(i)
      )`,
    { params },
  );
  await warehouse.query(
    () => `INSERT INTO commerce.square_refunds
      SELECT 'bench-ref-' || substr(id, 11), id, location_id, refunded_cents, 'USD', 'COMPLETED', 'REQUESTED_BY_CUSTOMER',
        updated_at, updated_at
      FROM commerce.square_payments
      WHERE refunded_cents > 0 AND id LIKE 'bench-pay-%'`,
  );
  const [counts] = await warehouse.query<{ payments: number; refunds: number }>(
    (d) => `SELECT (SELECT COUNT(*) FROM ${d.table(squarePayments)}) AS payments,
      (SELECT COUNT(*) FROM ${d.table(squareRefunds)}) AS refunds`,
  );
  return { payments: counts.payments, refunds: counts.refunds, loadMs: performance.now() - started };
}
