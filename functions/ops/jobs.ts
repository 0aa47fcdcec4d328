import type { JobsOwnedBy } from '@shared/jobs';
import { runIntegrationProbes } from './integrations/probe-records';

/** Operations' scheduled jobs (declared in shared/jobs.ts), run by the jobs function: its public module. */
export const opsJobs = {
  'integration-probes': (rt) => runIntegrationProbes(rt),
} satisfies JobsOwnedBy<'ops'>;
