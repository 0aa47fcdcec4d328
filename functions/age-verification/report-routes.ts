import { z } from 'zod';
import { route } from '@shared/http/router';
import { complianceMetrics } from './compliance-metrics';
import { attemptStatistics } from './statistics';

/** GET /api/age-verification/statistics?days=N (admin, N 1–3650, default 30): attempts, successes, failures, rate. */
export const statisticsRoute = route({
  method: 'GET',
  path: '/api/age-verification/statistics',
  access: 'admin',
  summary: 'Attempts, successes, failures and success rate over the last `days` (1–3650, default 30)',
  query: z.object({ days: z.coerce.number().int().min(1).max(3650).default(30) }),
  async handle({ runtime, query }) {
    return { body: { statistics: await attemptStatistics(runtime, query.days) } };
  },
});

/** GET /api/compliance/metrics (admin): active, expiring and expired verifications, recent activity, the rules in force. */
export const complianceMetricsRoute = route({
  method: 'GET',
  path: '/api/compliance/metrics',
  access: 'admin',
  summary: 'Active, expiring and expired verifications, recent activity, the rules in force',
  async handle({ runtime }) {
    return { body: { metrics: await complianceMetrics(runtime) } };
  },
});
