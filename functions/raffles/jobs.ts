import type { JobsOwnedBy } from '@shared/jobs';
import { retryOwedRefunds } from './refunds';

/** Raffles' scheduled jobs (declared in shared/jobs.ts), run by the jobs function: its public module. */
export const raffleJobs = {
  'raffle-refunds': retryOwedRefunds,
} satisfies JobsOwnedBy<'raffles'>;
