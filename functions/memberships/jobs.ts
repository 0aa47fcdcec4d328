import type { JobsOwnedBy } from '@shared/jobs';
import { runMembershipBilling } from './billing-run';

/** Memberships' scheduled jobs (declared in shared/jobs.ts), run by the jobs function: its public module. */
export const membershipJobs = {
  'membership-billing': runMembershipBilling,
} satisfies JobsOwnedBy<'memberships'>;
