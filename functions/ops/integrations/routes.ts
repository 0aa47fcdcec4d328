import { z } from 'zod';
import { HttpError } from '@shared/http/errors';
import { route } from '@shared/http/router';
import { INTEGRATIONS, type Integration, integrationNamed } from './catalog';
import { integrationsHealth } from './health';
import { integrationMetrics } from './metrics';
import { HISTORY_PERIODS, type HistoryPeriod, integrationHistory } from './history';
import { probeAndRecord } from './probe-records';

const NAMES = INTEGRATIONS.map((i) => i.name);

function named(provider: string): Integration {
  const integration = integrationNamed(provider);
  if (!integration) throw new HttpError(404, 'UNKNOWN_INTEGRATION', `Unknown integration ${provider}; expected one of ${NAMES.join(', ')}`);
  return integration;
}

/** GET /api/integrations/health (admin): every integration's state, reasons, score and figures. */
export const integrationsHealthRoute = route({
  method: 'GET',
  path: '/api/integrations/health',
  access: 'admin',
  summary: 'Every integration (POS sources, payment gateway, push-only providers): state, reasons, 0–100 score, probes, success rates, sync lag, webhook deliveries',
  async handle({ runtime }) {
    const integrations = await integrationsHealth(runtime);
    return { body: { time: runtime.clock.now().toISOString(), integrations } };
  },
});

/** GET /api/integrations/:provider/health (admin). */
export const integrationHealthRoute = route({
  method: 'GET',
  path: '/api/integrations/:provider/health',
  access: 'admin',
  summary: `One integration's health (${NAMES.join(', ')})`,
  async handle({ runtime, params }) {
    const [health] = await integrationsHealth(runtime, [named(params.provider)]);
    return { body: { ...health } };
  },
});

/** GET /api/integrations/:provider/history?period=24h|7d|30d (admin): probe time series for charts. */
export const integrationHistoryRoute = route({
  method: 'GET',
  path: '/api/integrations/:provider/history',
  access: 'admin',
  summary: 'One integration\'s probe history (`?period=24h|7d|30d`): probes, success rate, response times and 429s per bucket',
  query: z.object({ period: z.enum(Object.keys(HISTORY_PERIODS) as [HistoryPeriod, ...HistoryPeriod[]]).default('24h') }),
  async handle({ runtime, params, query }) {
    const integration = named(params.provider);
    const points = await integrationHistory(runtime, integration, query.period);
    return { body: { integration: integration.name, period: query.period, bucketSeconds: HISTORY_PERIODS[query.period].bucketSeconds, points } };
  },
});

/** POST /api/integrations/:provider/test (admin): probes now, records it, answers the result. */
export const testIntegrationRoute = route({
  method: 'POST',
  path: '/api/integrations/:provider/test',
  access: 'admin',
  summary: 'Probe one integration now (recorded like the every-minute probe) and answer the result',
  async handle({ runtime, params }) {
    const integration = named(params.provider);
    const result = await probeAndRecord(runtime, integration, 'manual');
    if (!result) throw new HttpError(409, 'NOT_PROBED', `${integration.label} only pushes webhooks: it is judged by its deliveries and has nothing to probe`);
    return { body: { ...result } };
  },
});

/** GET /metrics (admin bearer token): integration health in the Prometheus text format. */
export const metricsRoute = route({
  method: 'GET',
  path: '/metrics',
  access: 'admin',
  summary: 'Integration health for Prometheus (text format): up, score, state, probe response, success, sync lag, rows, failures, 429s, headroom, webhook deliveries, dead letters',
  async handle({ runtime }) {
    return integrationMetrics(await integrationsHealth(runtime));
  },
});

export const integrationRoutes = [metricsRoute, integrationsHealthRoute, integrationHealthRoute, integrationHistoryRoute, testIntegrationRoute];
