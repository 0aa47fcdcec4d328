import { DAY_MS } from '@shared/calendar';
import { EXPIRY_NOTICE_DAYS } from '@shared/age-check/current-verification';
import type { Runtime } from '@shared/runtime';
import type { Dialect } from '@shared/warehouse/dialect';
import type { Sql } from '@shared/warehouse/port';
import { MAXIMUM_AGE, MINIMUM_AGE } from './age';
import { ATTEMPT_WINDOW_MS, MAX_FAILED_ATTEMPTS } from './attempt-limit';
import { verificationMethod } from './self-attestation';
import { VERIFICATION_VALID_MS } from './verify';
import { ageVerificationAttempts, ageVerificationCurrent, ageVerifications } from '@shared/warehouse/schema/age-verification';

/** The period recent activity is reported over. */
const RECENT_DAYS = 30;

/** What a compliance officer reviews: who is verified now, what changed recently, and the rules in force. */
export interface ComplianceMetrics {
  generatedAt: string;
  verifications: {
    active: number;
    expiringWithin30Days: number;
    expired: number;
    byState: Record<string, number>;
    byAgeBand: Record<string, number>;
    /** Active verifications per key version sealing their ID digits: how far a key rotation has got. */
    byKeyVersion: Record<string, number>;
  };
  last30Days: {
    granted: number;
    revoked: number;
    erasures: number;
    failedAttempts: number;
    refusedOverLimit: number;
    failureReasons: Record<string, number>;
  };
  policy: {
    minimumAge: number;
    maximumAge: number;
    validityDays: number;
    maxFailedAttempts: number;
    attemptWindowHours: number;
    method: string;
    businessTimeZone: string;
    retentionDays: number;
  };
}

const countsBy = (rows: Array<{ k: string | number | null; n: number }>) =>
  Object.fromEntries(rows.map((r) => [String(r.k ?? 'unknown'), Number(r.n)]));

/** Computes the compliance metrics from the current-state view, the ledger and the attempts table. */
export async function complianceMetrics(rt: Runtime): Promise<ComplianceMetrics> {
  const now = rt.clock.now();
  const soon = new Date(now.getTime() + EXPIRY_NOTICE_DAYS * DAY_MS);
  const since = new Date(now.getTime() - RECENT_DAYS * DAY_MS);
  const all = { now, soon, since };
  // Each query gets exactly the parameters it names: DuckDB refuses unused ones.
  const q = <T>(sql: Sql) => {
    const text = sql(rt.warehouse.dialect);
    const params = Object.fromEntries(Object.entries(all).filter(([name]) => text.includes(rt.warehouse.dialect.param(name))));
    return rt.warehouse.query<T>(() => text, { params });
  };
  const active = (d: Dialect) => `expires_at > ${d.param('now')}`;

  const [[current], byState, byAgeBand, byKeyVersion, events, attempts, reasons] = await Promise.all([
    q<{ active: number | null; expiring: number | null; expired: number | null }>(
      (d) => `SELECT
  ${d.int(`SUM(CASE WHEN expires_at > ${d.param('now')} THEN 1 ELSE 0 END)`)} AS active,
  ${d.int(`SUM(CASE WHEN expires_at > ${d.param('now')} AND expires_at <= ${d.param('soon')} THEN 1 ELSE 0 END)`)} AS expiring,
  ${d.int(`SUM(CASE WHEN expires_at <= ${d.param('now')} THEN 1 ELSE 0 END)`)} AS expired
FROM ${d.table(ageVerificationCurrent)}`,
    ),
    q<{ k: string; n: number }>(
      (d) => `SELECT state AS k, COUNT(*) AS n FROM ${d.table(ageVerificationCurrent)}
WHERE ${active(d)} GROUP BY state ORDER BY state`,
    ),
    q<{ k: string; n: number }>(
      (d) => `SELECT CASE WHEN age < 26 THEN '21-25' WHEN age < 36 THEN '26-35' WHEN age < 51 THEN '36-50'
  WHEN age < 66 THEN '51-65' ELSE '66+' END AS k, COUNT(*) AS n
FROM ${d.table(ageVerificationCurrent)} WHERE ${active(d)} GROUP BY k ORDER BY k`,
    ),
    q<{ k: number | null; n: number }>(
      (d) => `SELECT key_version AS k, COUNT(*) AS n FROM ${d.table(ageVerificationCurrent)}
WHERE ${active(d)} GROUP BY key_version ORDER BY key_version`,
    ),
    q<{ k: string; n: number }>(
      (d) => `SELECT event_type AS k, COUNT(*) AS n FROM ${d.table(ageVerifications)}
WHERE recorded_at >= ${d.param('since')} GROUP BY event_type`,
    ),
    q<{ k: string; n: number }>(
      (d) => `SELECT outcome AS k, COUNT(*) AS n FROM ${d.table(ageVerificationAttempts)}
WHERE attempted_at >= ${d.param('since')} GROUP BY outcome`,
    ),
    q<{ k: string | null; n: number }>(
      (d) => `SELECT reason_code AS k, COUNT(*) AS n FROM ${d.table(ageVerificationAttempts)}
WHERE attempted_at >= ${d.param('since')} AND outcome = 'failed' GROUP BY reason_code ORDER BY reason_code`,
    ),
  ]);
  const eventCounts = countsBy(events);
  const attemptCounts = countsBy(attempts);
  return {
    generatedAt: now.toISOString(),
    verifications: {
      active: Number(current?.active ?? 0),
      expiringWithin30Days: Number(current?.expiring ?? 0),
      expired: Number(current?.expired ?? 0),
      byState: countsBy(byState),
      byAgeBand: countsBy(byAgeBand),
      byKeyVersion: countsBy(byKeyVersion),
    },
    last30Days: {
      granted: eventCounts.verified ?? 0,
      revoked: eventCounts.revoked ?? 0,
      erasures: eventCounts.erased ?? 0,
      failedAttempts: attemptCounts.failed ?? 0,
      refusedOverLimit: attemptCounts.refused ?? 0,
      failureReasons: countsBy(reasons),
    },
    policy: {
      minimumAge: MINIMUM_AGE,
      maximumAge: MAXIMUM_AGE,
      validityDays: VERIFICATION_VALID_MS / DAY_MS,
      maxFailedAttempts: MAX_FAILED_ATTEMPTS,
      attemptWindowHours: ATTEMPT_WINDOW_MS / 3_600_000,
      method: verificationMethod.provider,
      businessTimeZone: rt.config.BUSINESS_TIMEZONE,
      retentionDays: rt.config.AGE_VERIFICATION_RETENTION_DAYS,
    },
  };
}
