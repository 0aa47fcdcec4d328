import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createHttpHandler } from '@shared/http/router';
import { authorizeNetEmulatorEnv } from '@shared/payments/local-emulator-env';
import { integrationChecks } from '@shared/warehouse/schema/ops';
import { integrationsHealth } from '../../../../functions/ops/integrations/health';
import { integrationRoutes } from '../../../../functions/ops/integrations/routes';
import { runIntegrationProbes } from '../../../../functions/ops/integrations/probe-records';
import { startAuthorizeNetEmulator, type AuthorizeNetEmulator } from '../../../../scripts/emulators/authorize-net';
import { type SquareEmulator, startSquareEmulator } from '../../../../scripts/emulators/square';
import { call, serve } from '../../../support/http';
import { parsePrometheusText, sampleValue } from '../../../support/prometheus-text';
import { type TestRuntime, createTestRuntime, tokenFor } from '../../../support/runtime';

/** A server that accepts connections and never answers. */
async function silentServer() {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let square: SquareEmulator;
let gateway: AuthorizeNetEmulator;
let rt: TestRuntime;

function runtime(overrides: { env?: Record<string, string>; secrets?: Record<string, string> } = {}) {
  const { AUTHORIZE_NET_TRANSACTION_KEY, ...gatewayEnv } = authorizeNetEmulatorEnv(gateway.url);
  return createTestRuntime(
    { SQUARE_BASE_URL: square.url, ...gatewayEnv, ...overrides.env },
    '2026-03-15T17:00:00Z',
    { SQUARE_ACCESS_TOKEN: square.accessToken, AUTHORIZE_NET_TRANSACTION_KEY, ...overrides.secrets },
  );
}

/** One minute of the schedule: the job probes, then the clock moves on. */
async function minutes(n: number, timeoutMs?: number) {
  for (let i = 0; i < n; i++) {
    await runIntegrationProbes(rt, timeoutMs);
    rt.clock.advance(60_000);
  }
}

async function healthOf(name: string) {
  const all = await integrationsHealth(rt);
  const found = all.find((h) => h.integration === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
}

beforeEach(async () => {
  square = await startSquareEmulator({ payments: 5, items: 2, customers: 2, locations: 1, days: 2, seed: 1 });
  gateway = await startAuthorizeNetEmulator();
});

afterEach(async () => {
  await rt?.warehouse.close();
  await square.close();
  await gateway.close();
});

test('the every-minute job records each probed integration; push-only providers have no probe', async () => {
  rt = runtime();
  const summary = await runIntegrationProbes(rt);
  expect(summary).toEqual({ probed: 2, up: 2, failing: [] });
  const rows = await rt.warehouse.query<{ integration: string; outcome: string; http_status: number; auth_valid: boolean; trigger: string }>(
    (d) => `SELECT integration, outcome, http_status, auth_valid, trigger FROM ${d.table(integrationChecks)} ORDER BY integration`,
  );
  expect(rows).toEqual([
    { integration: 'authorize-net', outcome: 'up', http_status: 200, auth_valid: true, trigger: 'schedule' },
    { integration: 'square', outcome: 'up', http_status: 200, auth_valid: true, trigger: 'schedule' },
  ]);
  const health = await integrationsHealth(rt);
  expect(health.map((h) => [h.integration, h.state])).toEqual([
    ['square', 'healthy'],
    // Lightspeed is not configured in this runtime: nothing probed, nothing synced.
    ['lightspeed', 'unknown'],
    ['authorize-net', 'healthy'],
    // Push-only providers: no webhook delivery yet.
    ['stripe', 'unknown'],
    ['shopify', 'unknown'],
    ['zettle', 'unknown'],
  ]);
  expect((await healthOf('square')).score).toBe(100);
});

test('Square answering 5xx: degraded on the first failure, unhealthy on the third, recovered once the window is clean', async () => {
  rt = runtime();
  await minutes(5);
  expect((await healthOf('square')).state).toBe('healthy');

  square.setFaults({ serverErrorRate: 1 });
  await minutes(1);
  let square1 = await healthOf('square');
  expect(square1.state).toBe('degraded');
  expect(square1.reasons[0]).toMatch(/^latest probe failed: failing \(HTTP 5\d\d\)/);
  expect(square1.score).toBeLessThanOrEqual(89);

  await minutes(2);
  square1 = await healthOf('square');
  expect(square1.state).toBe('unhealthy');
  expect(square1.reasons[0]).toMatch(/^last 3 probes failed; latest failing \(HTTP 5\d\d\)/);
  expect(square1.score).toBeLessThanOrEqual(49);
  // The gateway is unaffected.
  expect((await healthOf('authorize-net')).state).toBe('healthy');

  square.setFaults({ serverErrorRate: 0 });
  await minutes(1);
  square1 = await healthOf('square');
  // Connected again, but 3 of the last 9 probes failed.
  expect(square1.state).toBe('degraded');
  expect(square1.reasons).toEqual(['probe success 66.7 % in 15 min (< 90 %)']);

  await minutes(15);
  square1 = await healthOf('square');
  expect(square1).toMatchObject({ state: 'healthy', reasons: [], score: 100 });
  expect(square1.successRate['1h']).toEqual({ probes: 24, succeeded: 21, successRate: 0.875 });
});

test('a refused Authorize.Net transaction key (E00007 in a 200 answer): credentials refused, then unhealthy', async () => {
  rt = runtime({ secrets: { AUTHORIZE_NET_TRANSACTION_KEY: 'not-the-key' } });
  await minutes(1);
  let health = await healthOf('authorize-net');
  expect(health.state).toBe('degraded');
  expect(health.reasons[0]).toBe('latest probe failed: credentials refused (HTTP 200): E00007: User authentication failed due to invalid authentication values.');
  expect(health.lastProbe).toMatchObject({ outcome: 'unauthorized', authValid: false });
  await minutes(2);
  health = await healthOf('authorize-net');
  expect(health.state).toBe('unhealthy');
  expect(health.reasons[0]).toMatch(/^last 3 probes failed; latest credentials refused/);
});

test('Square throttling (429): rate limited, with its Retry-After recorded', async () => {
  rt = runtime();
  square.setRateLimit(0.01);
  await minutes(2);
  const health = await healthOf('square');
  expect(health.state).toBe('degraded');
  expect(health.reasons[0]).toMatch(/^latest probe failed: rate limited \(HTTP 429\)/);
  expect(health.lastProbe?.retryAfterMs).toBeGreaterThanOrEqual(1000);
  expect(health.throttled24h).toBe(1);
});

test('a gateway that never answers: each probe ends at its bound, timeouts turn it unhealthy', async () => {
  const hung = await silentServer();
  try {
    rt = runtime({ env: { AUTHORIZE_NET_BASE_URL: hung.url } });
    const started = performance.now();
    await minutes(3, 300);
    // Three rounds of probes, each bounded at 300 ms (the other integrations answer at once).
    expect(performance.now() - started).toBeLessThan(3 * 300 + 1500);
    const health = await healthOf('authorize-net');
    expect(health.state).toBe('unhealthy');
    expect(health.reasons[0]).toBe('last 3 probes failed; latest timeout: no answer within 300 ms');
  } finally {
    await hung.close();
  }
});

describe('the routes', () => {
  test('health, one provider, history and an on-demand test, admin only', async () => {
    rt = runtime();
    await minutes(3);
    const server = await serve(createHttpHandler({ name: 'ops', routes: integrationRoutes, runtime: () => rt }));
    try {
      const admin = await tokenFor(rt, 'ops-1', 'admin');
      expect((await call(`${server.url}/api/integrations/health`)).status).toBe(401);
      expect((await call(`${server.url}/api/integrations/health`, { token: await tokenFor(rt, 'c-1') })).status).toBe(403);
      const all = await call(`${server.url}/api/integrations/health`, { token: admin });
      expect(all.status).toBe(200);
      const squareHealth = (all.body as { integrations: Array<{ integration: string }> }).integrations.find((i) => i.integration === 'square');
      const one = await call(`${server.url}/api/integrations/square/health`, { token: admin });
      expect(one.body).toMatchObject({ ...squareHealth, success: true });
      expect((await call(`${server.url}/api/integrations/nope/health`, { token: admin })).body).toMatchObject({ success: false, code: 'UNKNOWN_INTEGRATION' });

      const history = await call(`${server.url}/api/integrations/square/history?period=24h`, { token: admin });
      expect(history.body).toMatchObject({ integration: 'square', period: '24h', bucketSeconds: 900 });
      const points = (history.body as { points: Array<{ probes: number; succeeded: number }> }).points;
      expect(points.reduce((n, p) => n + p.probes, 0)).toBe(3);
      expect((await call(`${server.url}/api/integrations/square/history?period=1y`, { token: admin })).status).toBe(400);

      const tested = await call(`${server.url}/api/integrations/authorize-net/test`, { method: 'POST', token: admin });
      expect(tested.body).toMatchObject({ source: 'authorize-net', outcome: 'up', ok: true, httpStatus: 200 });
      const manual = await rt.warehouse.query((d) => `SELECT COUNT(*) AS n FROM ${d.table(integrationChecks)} WHERE trigger = 'manual'`);
      expect(Number(manual[0].n)).toBe(1);
      expect((await call(`${server.url}/api/integrations/shopify/test`, { method: 'POST', token: admin })).status).toBe(409);
    } finally {
      await server.close();
    }
  });
});

test('GET /metrics: Prometheus text, admin only, its values those of the health answer', async () => {
  rt = runtime();
  await minutes(3);
  square.setFaults({ serverErrorRate: 1 });
  await minutes(1);
  const server = await serve(createHttpHandler({ name: 'ops', routes: integrationRoutes, runtime: () => rt }));
  try {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const admin = await tokenFor(rt, 'ops-1', 'admin');
    const res = await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = parsePrometheusText(await res.text());
    expect(families.get('integration_health_score')?.type).toBe('gauge');
    const health = await integrationsHealth(rt);
    for (const h of health) {
      const integration = h.integration;
      expect(sampleValue(families, 'integration_health_score', { integration })).toBe(h.score);
      expect(sampleValue(families, 'integration_state', { integration, state: h.state })).toBe(1);
      expect(sampleValue(families, 'integration_up', { integration })).toBe(h.lastProbe ? (h.lastProbe.ok ? 1 : 0) : undefined);
      expect(sampleValue(families, 'integration_probes', { integration, window: '1h' })).toBe(h.successRate['1h'].probes);
      if (h.responseMs.p95 !== null) expect(sampleValue(families, 'integration_probe_response_seconds', { integration, quantile: '0.95' })).toBe(h.responseMs.p95 / 1000);
    }
    expect(sampleValue(families, 'integration_up', { integration: 'square' })).toBe(0);
    expect(sampleValue(families, 'integration_probe_success_ratio', { integration: 'square', window: '1h' })).toBe(0.75);
  } finally {
    await server.close();
  }
});

test('the strict Prometheus reader refuses what a server would refuse', () => {
  const ok = '# HELP a_b x\n# TYPE a_b gauge\na_b{l="v"} 1\n';
  expect(sampleValue(parsePrometheusText(ok), 'a_b', { l: 'v' })).toBe(1);
  for (const bad of [
    '# HELP a x\n# TYPE a gauge\na{l="v"} 1',
    '# TYPE a gauge\na{l=v} 1\n',
    '# TYPE a gauge\na{l="v} 1\n',
    '# TYPE a gauje\na 1\n',
    'a 1\n',
    '# TYPE a gauge\na one\n',
    '# TYPE a gauge\na{l="v"} 1\na{l="v"} 2\n',
    '# TYPE 1a gauge\n',
  ]) {
    expect(() => parsePrometheusText(bad)).toThrow();
  }
});

test('the Grafana dashboard in the repo charts only metrics /metrics exposes', async () => {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { integrationMetrics } = await import('../../../../functions/ops/integrations/metrics');
  const dashboard = JSON.parse(readFileSync(join(__dirname, '../../../../docs/grafana/integrations-dashboard.json'), 'utf8')) as {
    panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
  };
  const exposed = new Set(parsePrometheusText((await integrationMetrics([])).text).keys());
  const charted = dashboard.panels.flatMap((p) => p.targets.map((t) => /^[a-z_:][a-z0-9_:]*/.exec(t.expr)?.[0]));
  expect(charted.length).toBeGreaterThan(10);
  for (const name of charted) expect(exposed).toContain(name);
});
