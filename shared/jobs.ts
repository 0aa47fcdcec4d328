import type { Runtime } from './runtime';

/** When Cloud Scheduler asks for a job: a cron expression read in a time zone. */
export interface JobSchedule {
  cron: string;
  timeZone: string;
}

/** A scheduled job as the deployment sees it: which capability runs it, what for, and when. */
export interface JobDeclaration {
  /** The function folder whose public module `functions/<owner>/jobs.ts` implements the job. */
  owner: string;
  description: string;
  schedule: JobSchedule;
}

/**
 * THE list of jobs, by the name a `jobs` message carries. Adding a job is one entry here plus its code:
 *
 * 1. Declare it below: name, owning capability, description, schedule.
 * 2. Implement it in the owner's public module, `functions/<owner>/jobs.ts`, under the same name
 *    (`export const jobs = { 'my-job': runMyJob } satisfies JobsOwnedBy<'<owner>'>`). Typecheck fails until the
 *    implementation exists, and fails for a name that is not declared here. A new owner's module is imported once by
 *    functions/jobs/registry.ts (typecheck names the missing job until it is).
 *
 * Everything else follows from this entry: the `JobName` union and the `jobs` topic's schema (so a mistyped name fails
 * typecheck wherever a job message is written, and is refused at publish), the manifest's Cloud Scheduler entry and so
 * Terraform's, and the local stack's scheduler. A job runs at least once per firing: it must be idempotent.
 */
export const JOBS = {
  'verification-expiry-notices': {
    owner: 'age-verification',
    description: 'Daily notices to customers whose age verification expires within 30 days',
    schedule: { cron: '0 9 * * *', timeZone: 'America/Chicago' },
  },
  'age-verification-retention': {
    owner: 'age-verification',
    description: 'Daily removal of age-verification records older than AGE_VERIFICATION_RETENTION_DAYS',
    schedule: { cron: '30 3 * * *', timeZone: 'America/Chicago' },
  },
  'membership-billing': {
    owner: 'memberships',
    description: 'Daily membership renewals and dunning (retries on days 3 and 7, suspension, cancellation on day 14)',
    schedule: { cron: '0 6 * * *', timeZone: 'America/Chicago' },
  },
  'raffle-refunds': {
    owner: 'raffles',
    description: 'Hourly retry of refunds that cancelled raffles still owe',
    schedule: { cron: '15 * * * *', timeZone: 'Etc/UTC' },
  },
  notifications: {
    owner: 'notifications',
    description: 'Sends queued notices every minute (queueing one also nudges it at once)',
    schedule: { cron: '* * * * *', timeZone: 'Etc/UTC' },
  },
  'integration-probes': {
    owner: 'ops',
    description: 'Every minute: probes each POS source and the payment gateway with an authenticated call and records the outcome in ops.integration_checks',
    schedule: { cron: '* * * * *', timeZone: 'Etc/UTC' },
  },
} as const satisfies Record<string, JobDeclaration>;

/** The name of a declared job. */
export type JobName = keyof typeof JOBS;

/** Every declared job name, for the `jobs` topic's schema. */
export const JOB_NAMES = Object.keys(JOBS) as [JobName, ...JobName[]];

/** What a job reports when it ends; the jobs function logs it. */
export type JobSummary = Record<string, unknown>;

/** A job's code: idempotent, since a message may be delivered more than once. Throwing asks for a retry. */
export type JobRun = (rt: Runtime) => Promise<JobSummary>;

/** The jobs a capability owns, exactly: its `jobs.ts` satisfies this, so a missing or unknown name fails typecheck. */
export type JobsOwnedBy<Owner extends string> = {
  [N in JobName as (typeof JOBS)[N]['owner'] extends Owner ? N : never]: JobRun;
};
