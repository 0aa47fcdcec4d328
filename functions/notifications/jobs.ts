import type { JobsOwnedBy } from '@shared/jobs';
import { deliverNotices } from '@shared/notify/deliver';

/** Notifications' scheduled job (declared in shared/jobs.ts), run by the jobs function: its public module. */
export const notificationJobs = {
  notifications: deliverNotices,
} satisfies JobsOwnedBy<'notifications'>;
