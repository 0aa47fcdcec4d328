import type { Runtime } from '@shared/runtime';
import type { ProbeResult } from '@shared/sources/probe';
import { integrationChecks } from '@shared/warehouse/schema/ops';
import { INTEGRATIONS, type Integration } from './catalog';

/** The job's bound per probe: above the 10 s "unhealthy" response time, so a slow answer is measured, not cut off. */
export const PROBE_TIMEOUT_MS = 15_000;

/** Why a probe ran: the every-minute job or an operator's test. */
export type ProbeTrigger = 'schedule' | 'manual';

/** A probe result as its ops.integration_checks row. */
export function checkRow(result: ProbeResult, trigger: ProbeTrigger): (typeof integrationChecks)['row'] {
  return {
    check_id: `${result.source}:${result.checkedAt}`,
    integration: result.source,
    mode: result.mode,
    trigger,
    outcome: result.outcome,
    ok: result.ok,
    http_status: result.httpStatus,
    response_ms: result.responseMs,
    auth_valid: result.authValid,
    rate_limit_remaining: result.rateLimit?.remaining ?? null,
    rate_limit_limit: result.rateLimit?.limit ?? null,
    retry_after_ms: result.rateLimit?.retryAfterMs ?? null,
    token_expires_at: result.tokenExpiresAt,
    error: result.error,
    checked_at: result.checkedAt,
  };
}

/** Probes one integration and records the result (a probe never throws; it resolves within its bound). */
export async function probeAndRecord(rt: Runtime, integration: Integration, trigger: ProbeTrigger, timeoutMs = PROBE_TIMEOUT_MS): Promise<ProbeResult | null> {
  if (!integration.probe) return null;
  const result = await integration.probe(rt, { timeoutMs });
  if (result.outcome !== 'not-configured') {
    await rt.warehouse.append(integrationChecks, [checkRow(result, trigger)]);
    // integrationProbe and integration feed the log-based metric the "integration failing" alert reads.
    rt.log.info('integration probe', {
      integrationProbe: result.outcome,
      integration: result.source,
      ok: result.ok,
      httpStatus: result.httpStatus,
      responseMs: result.responseMs,
      trigger,
    });
  }
  return result;
}

/** The every-minute job: probes every probed integration at once and records what each answered. */
export async function runIntegrationProbes(rt: Runtime, timeoutMs = PROBE_TIMEOUT_MS) {
  const results = await Promise.all(INTEGRATIONS.map((i) => probeAndRecord(rt, i, 'schedule', timeoutMs)));
  const probed = results.filter((r): r is ProbeResult => r !== null && r.outcome !== 'not-configured');
  return {
    probed: probed.length,
    up: probed.filter((r) => r.ok).length,
    failing: probed.filter((r) => !r.ok).map((r) => `${r.source}: ${r.outcome}`),
  };
}
