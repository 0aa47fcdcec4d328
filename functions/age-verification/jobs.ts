import type { JobsOwnedBy } from '@shared/jobs';
import { verificationExpiryNotices } from './expiry-notices';
import { ageVerificationRetention } from './retention';

/** Age verification's scheduled jobs (declared in shared/jobs.ts), run by the jobs function: its public module. */
export const ageVerificationJobs = {
  'verification-expiry-notices': verificationExpiryNotices,
  'age-verification-retention': ageVerificationRetention,
} satisfies JobsOwnedBy<'age-verification'>;
