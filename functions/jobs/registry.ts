import type { JobName, JobRun } from '@shared/jobs';
import { ageVerificationJobs } from '../age-verification/jobs';
import { membershipJobs } from '../memberships/jobs';
import { opsJobs } from '../ops/jobs';
import { raffleJobs } from '../raffles/jobs';
import { notificationJobs } from '../notifications/jobs';

/**
 * The code of every job the jobs function runs, by the name its message carries, gathered from each owning
 * capability's public `jobs.ts`. Jobs are declared in shared/jobs.ts (see there how to add one); the type makes this
 * exhaustive, so a declared job without code fails typecheck here.
 */
export const JOBS: Readonly<Record<JobName, JobRun>> = {
  ...ageVerificationJobs,
  ...membershipJobs,
  ...opsJobs,
  ...raffleJobs,
  ...notificationJobs,
};
