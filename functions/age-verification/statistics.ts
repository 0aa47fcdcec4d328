import { DAY_MS } from '@shared/calendar';
import type { Runtime } from '@shared/runtime';
import type { Dialect } from '@shared/warehouse/dialect';
import { ageVerificationAttempts } from '@shared/warehouse/schema/age-verification';

/** Attempt statistics over a period: evaluated attempts, successes, failures and their reasons, per business day. */
export interface AttemptStatistics {
  period: { days: number; from: string; to: string; timeZone: string };
  /** Evaluated attempts (passed + failed); refusals over the limit are counted apart. */
  attempts: number;
  successes: number;
  failures: number;
  /** successes / attempts, 0 when there were none. */
  successRate: number;
  refusedOverLimit: number;
  uniqueCustomers: number;
  failureReasons: Record<string, number>;
  daily: Array<{ date: string; attempts: number; successes: number; failures: number; refusedOverLimit: number }>;
}

/** Computes the statistics of the last `days` days from the attempts table (anonymous rows included). */
export async function attemptStatistics(rt: Runtime, days: number): Promise<AttemptStatistics> {
  const to = rt.clock.now();
  const from = new Date(to.getTime() - days * DAY_MS);
  const tz = rt.config.BUSINESS_TIMEZONE;
  // Each query gets exactly the parameters it uses: DuckDB refuses unused ones.
  const params = { params: { from, to } };
  const counts = (d: Dialect) => `
  ${d.int(`SUM(CASE WHEN outcome = 'passed' THEN 1 ELSE 0 END)`)} AS passed,
  ${d.int(`SUM(CASE WHEN outcome = 'failed' THEN 1 ELSE 0 END)`)} AS failed,
  ${d.int(`SUM(CASE WHEN outcome = 'refused' THEN 1 ELSE 0 END)`)} AS refused`;
  const window = (d: Dialect) =>
    `attempted_at >= ${d.param('from')} AND attempted_at <= ${d.param('to')}`;

  const [totals] = await rt.warehouse.query<{ passed: number | null; failed: number | null; refused: number | null; customers: number }>(
    (d) => `SELECT ${counts(d)}, COUNT(DISTINCT customer_id) AS customers
FROM ${d.table(ageVerificationAttempts)} WHERE ${window(d)}`,
    params,
  );
  const reasons = await rt.warehouse.query<{ reason_code: string | null; n: number }>(
    (d) => `SELECT reason_code, COUNT(*) AS n FROM ${d.table(ageVerificationAttempts)}
WHERE ${window(d)} AND outcome = 'failed' GROUP BY reason_code ORDER BY reason_code`,
    params,
  );
  const daily = await rt.warehouse.query<{ day: string; passed: number; failed: number; refused: number }>(
    (d) => `SELECT ${d.dateText(d.localDate('attempted_at', d.param('tz')))} AS day, ${counts(d)}
FROM ${d.table(ageVerificationAttempts)} WHERE ${window(d)}
GROUP BY day ORDER BY day`,
    { params: { from, to, tz } },
  );

  const successes = Number(totals?.passed ?? 0);
  const failures = Number(totals?.failed ?? 0);
  const attempts = successes + failures;
  return {
    period: { days, from: from.toISOString(), to: to.toISOString(), timeZone: tz },
    attempts,
    successes,
    failures,
    successRate: attempts === 0 ? 0 : Math.round((successes / attempts) * 10_000) / 10_000,
    refusedOverLimit: Number(totals?.refused ?? 0),
    uniqueCustomers: Number(totals?.customers ?? 0),
    failureReasons: Object.fromEntries(reasons.map((r) => [r.reason_code ?? 'UNKNOWN', Number(r.n)])),
    daily: daily.map((r) => ({
      date: r.day,
      attempts: Number(r.passed) + Number(r.failed),
      successes: Number(r.passed),
      failures: Number(r.failed),
      refusedOverLimit: Number(r.refused),
    })),
  };
}
