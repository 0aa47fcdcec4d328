import type { Runtime } from '@shared/runtime';
import { ageVerificationRetention } from './age-verification-retention';
import { runMembershipBilling } from './membership-billing';
import { verificationExpiryNotices } from './verification-expiry-notices';

/** A scheduled job: idempotent, since a message may be delivered more than once. */
export type Job = (rt: Runtime) => Promise<Record<string, unknown>>;

/**
 * Every job the jobs function runs, by the name its message carries. A capability adds its job here and a schedule
 * for it in the manifest.
 */
export const JOBS: Record<string, Job> = {
  'verification-expiry-notices': verificationExpiryNotices,
  'age-verification-retention': ageVerificationRetention,
  'membership-billing': runMembershipBilling,
};
