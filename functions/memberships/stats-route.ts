import { route } from '@shared/http/router';
import { membershipStats } from './stats';

/** GET /api/memberships/stats (admin): MRR, members and distribution by tier, 30-day churn, lifetime value. */
export const statsRoute = route({
  method: 'GET',
  path: '/api/memberships/stats',
  access: 'admin',
  summary: 'MRR, members and distribution by tier, 30-day churn, lifetime value',
  async handle({ runtime }) {
    return { body: { stats: await membershipStats(runtime) } };
  },
});
