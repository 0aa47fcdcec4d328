import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Bus } from '@shared/bus/port';
import { TOPICS, TOPIC_REGISTRY, decodeMessage, encodeMessage } from '@shared/bus/topics';
import { JOBS, JOB_NAMES, type JobsOwnedBy } from '@shared/jobs';
import { SCHEDULES, type ScheduleSpec } from '@shared/manifest';

const root = path.resolve(__dirname, '../../..');

describe('the topic registry', () => {
  it('lists the three topics of the design', () => {
    expect([...TOPICS].sort()).toEqual(['jobs', 'sync-requests', 'webhook-events']);
  });

  it.each(SCHEDULES.map((s) => [s.name, s] as const))('schedule %s sends a message its topic accepts', (_name, schedule) => {
    expect(decodeMessage(schedule.topic, schedule.message)).toEqual({ success: true, data: expect.any(Object) });
  });

  it('derives the attributes subscribers filter on from the message itself', () => {
    const event = { provider: 'square', eventId: 'e-1', eventType: 'refund.updated', receivedAt: '2026-03-15T17:00:00Z', payload: {} };
    expect(encodeMessage('webhook-events', event, { provider: 'forged' }).attributes).toEqual({ provider: 'square', eventType: 'refund.updated' });
    expect(encodeMessage('sync-requests', { source: 'square', stream: 'payments' }).attributes).toEqual({ source: 'square', stream: 'payments' });
    expect(encodeMessage('jobs', { job: 'membership-billing' }).attributes).toEqual({ job: 'membership-billing' });
  });

  it('gives every topic a description', () => {
    for (const topic of TOPICS) expect(TOPIC_REGISTRY[topic].description).toMatch(/\w{3}/);
  });
});

describe('the job declarations', () => {
  it('schedule every declared job once, on the jobs topic, under its own name', () => {
    const jobSchedules = SCHEDULES.filter((s) => s.topic === 'jobs');
    expect(jobSchedules.map((s) => [s.name, s.message])).toEqual(JOB_NAMES.map((job) => [job, { job }]));
    for (const s of jobSchedules) expect(s).toMatchObject(JOBS[s.name as keyof typeof JOBS].schedule);
  });

  it.each(JOB_NAMES.map((job) => [job, JOBS[job].owner] as const))('%s is run by the public module functions/%s/jobs.ts', async (job, owner) => {
    const modulePath = path.join(root, 'functions', owner, 'jobs.ts');
    expect(existsSync(modulePath)).toBe(true);
    const exported = Object.values(await import(modulePath)) as Array<Record<string, unknown>>;
    expect(exported.filter((jobs) => typeof jobs[job] === 'function')).toHaveLength(1);
  });
});

/**
 * Type-level checks: `npm run typecheck` fails if any line marked @ts-expect-error stops being an error, that is, if a
 * mistyped job name or a malformed message would be accepted.
 */
export function typeChecks(bus: Bus): unknown[] {
  const schedule: ScheduleSpec = {
    name: 'typo',
    description: 'A schedule with a mistyped job',
    cron: '0 6 * * *',
    timeZone: 'America/Chicago',
    topic: 'jobs',
    // @ts-expect-error: not a declared job
    message: { job: 'membership-biling' },
  };
  const jobs: JobsOwnedBy<'memberships'> = {
    'membership-billing': async () => ({}),
    // @ts-expect-error: a capability can only implement the jobs it owns
    'verification-expiry-notices': async () => ({}),
  };
  // @ts-expect-error: a capability must implement every job it owns
  const missing: JobsOwnedBy<'memberships'> = {};
  return [
    schedule,
    jobs,
    missing,
    // @ts-expect-error: not a declared job
    bus.publish('jobs', { job: 'membership-biling' }),
    // @ts-expect-error: sync requests name a known source
    bus.publish('sync-requests', { source: 'clover' }),
    // @ts-expect-error: a webhook event carries its event id
    bus.publish('webhook-events', { provider: 'square', eventType: 'payment.created', receivedAt: '2026-03-15T17:00:00Z', payload: {} }),
    // @ts-expect-error: not a topic
    bus.publish('job', { job: 'membership-billing' }),
  ];
}
