/**
 * Integration health from its records, as a pure function of them and of now (SPEC §8). The thresholds:
 *
 * | signal                       | healthy      | degraded           | unhealthy                     |
 * |------------------------------|--------------|--------------------|-------------------------------|
 * | connection (latest probes)   | latest ok    | latest failed      | 3 probes in a row failed      |
 * | probe success, last 15 min ¹ | ≥ 90 %       | ≥ 50 %             | < 50 %                        |
 * | probe response p95, 15 min   | ≤ 5 s        | ≤ 10 s             | > 10 s                        |
 * | sync lag (stalest stream)    | ≤ 45 min     | > 45 min           |                               |
 * | sync success, 24 h           | ≥ 90 %       | ≥ 50 %             | < 50 %                        |
 * | token expiry (not renewing)  | > 7 days     | within 7 days      | expired                       |
 * | webhook success, 24 h        | ≥ 98 %       | ≥ 50 %             | < 50 %                        |
 *
 * ¹ judged from 5 probes on, so a fresh failure reads as the connection's (degraded), not as a 0 % rate.
 *
 * The state is the worst signal's; each signal that is not healthy gives a reason. The score (0–100) is
 * `round(100 × Σ weight × component)`, the components each in [0, 1] (1 when the signal has no data):
 * connection 0.35 (1 latest probe ok, 0.5 throttled, 0 otherwise), probe success 0.25 (the rate), response 0.15
 * (1 up to 5 s, falling linearly to 0 at 10 s), freshness 0.15 (sync lag: 1 up to 45 min, 0 at 135 min; and the
 * webhook success rate mapped 98 % → 1, 50 % → 0, the lower of the two), credentials 0.10 (1 beyond 7 days,
 * falling linearly to 0 at expiry; 0 when the last probe's credentials were refused). A degraded integration scores
 * at most 89 and an unhealthy one at most 49, so the score never contradicts the state.
 */

export type HealthState = 'healthy' | 'degraded' | 'unhealthy' | 'unknown';

export const LIMITS = {
  recentWindowMinutes: 15,
  failuresInARow: 3,
  minProbesForRate: 5,
  successRate: { healthy: 0.9, degraded: 0.5 },
  responseMs: { healthy: 5_000, degraded: 10_000 },
  syncLagSeconds: 45 * 60,
  tokenWarningDays: 7,
  webhookSuccess: { healthy: 0.98, degraded: 0.5 },
} as const;

const WEIGHTS = { connection: 0.35, success: 0.25, response: 0.15, freshness: 0.15, credentials: 0.1 } as const;

/** One probe as health reads it (newest first in `recentProbes`). */
export interface ProbeRecord {
  checkedAt: string;
  outcome: string;
  ok: boolean;
  httpStatus: number | null;
  responseMs: number | null;
  authValid: boolean | null;
  retryAfterMs: number | null;
  tokenExpiresAt: string | null;
  error: string | null;
}

/** What health is computed from. */
export interface HealthInputs {
  now: Date;
  probed: boolean;
  tokenRenews: boolean;
  /** Probes of the recent window, newest first. */
  recentProbes: ProbeRecord[];
  /** Sync lag of the stalest stream; null when the integration has no sync or never synced. */
  syncLagSeconds: number | null;
  /** Sync success over 24 h; null when nothing finished. */
  syncSuccessRate: number | null;
  /** Webhook success over 24 h; null when none arrived. */
  webhookSuccessRate: number | null;
}

export interface HealthVerdict {
  state: HealthState;
  score: number;
  reasons: string[];
}

const RANK: Record<HealthState, number> = { unknown: 0, healthy: 1, degraded: 2, unhealthy: 3 };

/** The p-quantile (0–1) of numbers, nearest-rank; null for none. */
export function quantile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

const pct = (rate: number) => `${Math.round(rate * 1000) / 10} %`;
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
/** 1 at or below `good`, 0 at or beyond `bad`, linear between (works for either direction). */
const ramp = (value: number, good: number, bad: number) => clamp01((bad - value) / (bad - good));

/** The state, score and reasons of one integration. */
export function evaluateHealth(input: HealthInputs): HealthVerdict {
  let state = 'healthy' as HealthState;
  const reasons: string[] = [];
  const flag = (level: 'degraded' | 'unhealthy', reason: string) => {
    if (RANK[level] > RANK[state]) state = level;
    reasons.push(reason);
  };
  const probes = input.recentProbes;
  const latest = probes[0];
  const noData = (input.probed ? probes.length === 0 : true) && input.syncLagSeconds === null && input.webhookSuccessRate === null;
  if (noData) return { state: 'unknown', score: 0, reasons: [input.probed ? 'no probe in the last 15 minutes' : 'no webhook deliveries in the last 24 hours'] };

  let connection = 1;
  let success = 1;
  let response = 1;
  let credentials = 1;
  if (input.probed && latest) {
    const inARow = probes.findIndex((p) => p.ok);
    const failedInARow = inARow === -1 ? probes.length : inARow;
    if (!latest.ok) {
      const what = latest.outcome === 'unauthorized' ? 'credentials refused' : latest.outcome === 'throttled' ? 'rate limited' : latest.outcome;
      const detail = `${what}${latest.httpStatus ? ` (HTTP ${latest.httpStatus})` : ''}${latest.error ? `: ${latest.error}` : ''}`;
      if (failedInARow >= LIMITS.failuresInARow) flag('unhealthy', `last ${failedInARow} probes failed; latest ${detail}`);
      else flag('degraded', `latest probe failed: ${detail}`);
      connection = latest.outcome === 'throttled' ? 0.5 : 0;
      if (latest.authValid === false) credentials = 0;
    }
    success = probes.filter((p) => p.ok).length / probes.length;
    if (probes.length < LIMITS.minProbesForRate) {
      // too few to call a rate; the connection rule speaks for them
    } else if (success < LIMITS.successRate.degraded) flag('unhealthy', `probe success ${pct(success)} in ${LIMITS.recentWindowMinutes} min (< 50 %)`);
    else if (success < LIMITS.successRate.healthy) flag('degraded', `probe success ${pct(success)} in ${LIMITS.recentWindowMinutes} min (< 90 %)`);
    const p95 = quantile(probes.map((p) => p.responseMs).filter((ms): ms is number => ms !== null), 0.95);
    if (p95 !== null) {
      response = ramp(p95, LIMITS.responseMs.healthy, LIMITS.responseMs.degraded);
      if (p95 > LIMITS.responseMs.degraded) flag('unhealthy', `response p95 ${p95} ms (> 10 s)`);
      else if (p95 > LIMITS.responseMs.healthy) flag('degraded', `response p95 ${p95} ms (> 5 s)`);
    }
    const expiry = latest.tokenExpiresAt ? Date.parse(latest.tokenExpiresAt) : null;
    if (expiry !== null && !input.tokenRenews) {
      const daysLeft = (expiry - input.now.getTime()) / 86_400_000;
      credentials = Math.min(credentials, clamp01(daysLeft / LIMITS.tokenWarningDays));
      if (daysLeft <= 0) flag('unhealthy', `token expired at ${latest.tokenExpiresAt}`);
      else if (daysLeft <= LIMITS.tokenWarningDays) flag('degraded', `token expires at ${latest.tokenExpiresAt} (within 7 days)`);
    }
  } else if (input.probed) {
    flag('degraded', `no probe in the last ${LIMITS.recentWindowMinutes} minutes`);
    connection = 0;
  }

  let freshness = 1;
  if (input.syncLagSeconds !== null) {
    freshness = ramp(input.syncLagSeconds, LIMITS.syncLagSeconds, 3 * LIMITS.syncLagSeconds);
    if (input.syncLagSeconds > LIMITS.syncLagSeconds) flag('degraded', `sync lag ${Math.round(input.syncLagSeconds / 60)} min (> 45 min)`);
  }
  if (input.syncSuccessRate !== null) {
    if (input.syncSuccessRate < LIMITS.successRate.degraded) flag('unhealthy', `sync success ${pct(input.syncSuccessRate)} in 24 h (< 50 %)`);
    else if (input.syncSuccessRate < LIMITS.successRate.healthy) flag('degraded', `sync success ${pct(input.syncSuccessRate)} in 24 h (< 90 %)`);
  }
  if (input.webhookSuccessRate !== null) {
    freshness = Math.min(freshness, ramp(-input.webhookSuccessRate, -LIMITS.webhookSuccess.healthy, -LIMITS.webhookSuccess.degraded));
    if (input.webhookSuccessRate < LIMITS.webhookSuccess.degraded) flag('unhealthy', `webhook success ${pct(input.webhookSuccessRate)} in 24 h (< 50 %)`);
    else if (input.webhookSuccessRate < LIMITS.webhookSuccess.healthy) flag('degraded', `webhook success ${pct(input.webhookSuccessRate)} in 24 h (< 98 %)`);
  }

  const raw = Math.round(
    100 * (WEIGHTS.connection * connection + WEIGHTS.success * success + WEIGHTS.response * response + WEIGHTS.freshness * freshness + WEIGHTS.credentials * credentials),
  );
  const cap = state === 'unhealthy' ? 49 : state === 'degraded' ? 89 : 100;
  return { state, score: Math.min(raw, cap), reasons };
}
