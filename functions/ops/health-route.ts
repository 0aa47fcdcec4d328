import { route } from '@shared/http/router';
import type { Runtime } from '@shared/runtime';
import { callerIsAdmin, hideErrorText } from '@shared/http/error-details';
import { checkPorts } from './port-checks';
import { type SourceHealth, checkSources } from './source-health';
import { checkWarehouse } from './warehouse-health';
import { checkWebhooks } from './webhook-health';
import { integrationsHealth } from './integrations/health';

/** Reads a part of the report; a failure there is reported in its place rather than failing the whole check. */
async function orUnknown<T>(read: () => Promise<T>): Promise<T | { status: 'unknown'; error: string }> {
  try {
    return await read();
  } catch (error) {
    return { status: 'unknown', error: (error as Error).message };
  }
}

/** What the overall status is: unhealthy when a port is down, degraded when anything it serves is behind or failing. */
function overall(portsDown: number, parts: Array<{ status?: string; mode?: string }>): 'healthy' | 'degraded' | 'unhealthy' {
  if (portsDown > 0) return 'unhealthy';
  const behind = parts.some((p) => p.mode === 'degraded' || p.status === 'degraded' || p.status === 'unhealthy' || p.status === 'unknown');
  return behind ? 'degraded' : 'healthy';
}

/** The whole health report (exported for the local stack's progress output and tests). */
export async function healthReport(runtime: Runtime) {
  const ports = await checkPorts(runtime);
  const [warehouse, sources, webhooks, integrations] = await Promise.all([
    checkWarehouse(runtime, ports.warehouse),
    ports.warehouse.status === 'up' ? orUnknown(() => checkSources(runtime)) : Promise.resolve({ status: 'unknown' as const, error: 'warehouse unreachable' }),
    ports.warehouse.status === 'up' ? orUnknown(() => checkWebhooks(runtime)) : Promise.resolve({ status: 'unknown' as const, error: 'warehouse unreachable' }),
    ports.warehouse.status === 'up' ? orUnknown(() => integrationStates(runtime)) : Promise.resolve({ status: 'unknown' as const, error: 'warehouse unreachable' }),
  ]);
  const down = Object.values(ports).filter((p) => p.status === 'down').length;
  const sourceParts = 'error' in sources ? [sources] : Object.values(sources as Record<string, SourceHealth>);
  return {
    status: overall(down, [warehouse, ...sourceParts, webhooks]),
    service: 'commerce-backend',
    version: runtime.config.BUILD_VERSION,
    time: runtime.clock.now().toISOString(),
    ports,
    warehouse,
    sources,
    webhooks,
    integrations,
  };
}

/** How long /health reuses the integration states it computed: probes run once a minute, so nothing is missed. */
const STATES_TTL_MS = 30_000;
const recentStates = new WeakMap<Runtime, { at: number; states: Promise<Record<string, string>> }>();

/**
 * Each integration's state in a word (the details are at /api/integrations/health). /health is public and polled by
 * uptime checks, so the states are computed at most once per 30 s per instance rather than per request.
 */
function integrationStates(runtime: Runtime): Promise<Record<string, string>> {
  const now = runtime.clock.now().getTime();
  const kept = recentStates.get(runtime);
  if (kept && now - kept.at < STATES_TTL_MS && now >= kept.at) return kept.states;
  const states = integrationsHealth(runtime).then((all) => Object.fromEntries(all.map((h) => [h.integration, h.state])));
  recentStates.set(runtime, { at: now, states });
  states.catch(() => recentStates.delete(runtime));
  return states;
}

/**
 * GET /health: every port's reachability and latency; the warehouse (mode, last refresh, last error, cache backend);
 * each source (mode, last successful sync, lag, recent success rate); webhooks. 503 when a port is down; degraded
 * (200) when a source lags or fails, the dashboard serves older figures, or webhooks fail. Error texts only for admins.
 */
export const healthRoute = route({
  method: 'GET',
  path: '/health',
  access: 'public',
  limitClass: 'health',
  summary: 'Every port\'s reachability and latency, the warehouse, each source\'s last sync and lag, webhooks; 503 when a port is down; error texts only for an admin token',
  async handle({ runtime, headers }) {
    const report = await healthReport(runtime);
    const body = (await callerIsAdmin(runtime, headers.authorization)) ? report : hideErrorText(report);
    return { status: report.status === 'unhealthy' ? 503 : 200, body };
  },
});
