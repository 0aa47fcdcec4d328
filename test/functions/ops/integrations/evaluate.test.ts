import { type HealthInputs, type ProbeRecord, evaluateHealth } from '../../../../functions/ops/integrations/evaluate';

const NOW = new Date('2026-03-15T17:00:00Z');
const probe = (over: Partial<ProbeRecord> = {}): ProbeRecord => ({
  checkedAt: '2026-03-15T16:59:00Z', outcome: 'up', ok: true, httpStatus: 200, responseMs: 120, authValid: true, retryAfterMs: null, tokenExpiresAt: null, error: null, ...over,
});
const inputs = (over: Partial<HealthInputs>): HealthInputs => ({
  now: NOW, probed: true, tokenRenews: false, recentProbes: Array.from({ length: 10 }, () => probe()), syncLagSeconds: null, syncSuccessRate: null, webhookSuccessRate: null, ...over,
});
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000).toISOString();

test.each([
  ['all well', {}, 'healthy', []],
  ['a token 30 days from expiry', { recentProbes: [probe({ tokenExpiresAt: days(30) })] }, 'healthy', []],
  ['a token within 7 days of expiry', { recentProbes: [probe({ tokenExpiresAt: days(3) })] }, 'degraded', [`token expires at ${days(3)} (within 7 days)`]],
  ['an expired token', { recentProbes: [probe({ tokenExpiresAt: days(-1) })] }, 'unhealthy', [`token expired at ${days(-1)}`]],
  ['a short-lived token that renews itself', { tokenRenews: true, recentProbes: [probe({ tokenExpiresAt: days(0.02) })] }, 'healthy', []],
  ['slow answers (p95 6 s)', { recentProbes: Array.from({ length: 10 }, () => probe({ responseMs: 6_000 })) }, 'degraded', ['response p95 6000 ms (> 5 s)']],
  ['very slow answers (p95 12 s)', { recentProbes: Array.from({ length: 10 }, () => probe({ responseMs: 12_000 })) }, 'unhealthy', ['response p95 12000 ms (> 10 s)']],
  ['sync lag of an hour', { syncLagSeconds: 3600 }, 'degraded', ['sync lag 60 min (> 45 min)']],
  ['sync success 40 %', { syncSuccessRate: 0.4 }, 'unhealthy', ['sync success 40 % in 24 h (< 50 %)']],
  ['webhook success 97 %', { probed: false, recentProbes: [], webhookSuccessRate: 0.97 }, 'degraded', ['webhook success 97 % in 24 h (< 98 %)']],
  ['webhooks all processed', { probed: false, recentProbes: [], webhookSuccessRate: 1 }, 'healthy', []],
  ['nothing recorded', { recentProbes: [] }, 'unknown', ['no probe in the last 15 minutes']],
] as const)('%s: %s', (_name, over, state, reasons) => {
  const verdict = evaluateHealth(inputs(over as Partial<HealthInputs>));
  expect(verdict.state).toBe(state);
  expect(verdict.reasons).toEqual(reasons);
  if (state === 'healthy') expect(verdict.score).toBeGreaterThanOrEqual(90);
  if (state === 'degraded') expect(verdict.score).toBeLessThanOrEqual(89);
  if (state === 'unhealthy') expect(verdict.score).toBeLessThanOrEqual(49);
});

test('the score follows the documented weights: a throttled latest probe in a clean window loses half the connection weight', () => {
  const probes = [probe({ ok: false, outcome: 'throttled', httpStatus: 429 }), ...Array.from({ length: 9 }, () => probe())];
  // connection 0.5 × 0.35, success 0.9 × 0.25, response, freshness, credentials 1: 17.5 + 22.5 + 15 + 15 + 10 = 80.
  expect(evaluateHealth(inputs({ recentProbes: probes })).score).toBe(80);
});
