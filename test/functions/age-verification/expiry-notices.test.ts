import { DAY_MS } from '@shared/calendar';
import { pubSubCloudEvent } from '@shared/events';
import { setRuntime } from '@shared/runtime';
import { onJob } from '../../../functions/jobs/handler';
import { type AgeVerificationServer, claim, startAgeVerification } from './support';

const admin = { as: 'admin-1', role: 'admin' as const };

/** Runs a job the way production does: a Pub/Sub message on the jobs topic, delivered to the jobs function. */
async function runJob(av: AgeVerificationServer, job: string) {
  setRuntime(av.rt);
  try {
    const message = { id: `m-${Math.random()}`, topic: 'jobs' as const, data: { job }, attributes: {}, publishedAt: av.rt.clock.now().toISOString(), deliveryAttempt: 1 };
    await onJob(pubSubCloudEvent(message, 'local-project'));
  } finally {
    setRuntime(undefined);
  }
  const finished = av.rt.logs.filter((l) => l.message === 'job finished' && l.job === job);
  return finished[finished.length - 1];
}

async function outbox(av: AgeVerificationServer) {
  return av.rt.warehouse.query<{ customer_id: string; dedupe_key: string; template: string; data: Record<string, unknown> }>(
    (d) => `SELECT customer_id, dedupe_key, template, data FROM ${d.table('ops.notification_outbox')} ORDER BY created_at, customer_id`,
  );
}

describe('the daily verification expiry notices', () => {
  let av: AgeVerificationServer;

  beforeEach(async () => {
    av = await startAgeVerification();
  });
  afterEach(() => av.close());

  test('notifies each customer whose verification lapses within 30 days, once each', async () => {
    const first = await av.verify('ann');
    await av.verify('erased');
    await av.verify('revoked');
    await av.request('DELETE', '/api/age-verification/erased', admin);
    await av.request('POST', '/api/age-verification/resubmit', { as: 'revoked', json: claim('revoked', { dateOfBirth: '2012-12-12' }) });
    av.rt.clock.advance(10 * DAY_MS);
    await av.verify('ben');

    av.rt.clock.advance(330 * DAY_MS); // ann's verification lapses in 25 days, ben's in 35
    expect(await runJob(av, 'verification-expiry-notices')).toMatchObject({ due: 1, notified: 1 });
    expect(await outbox(av)).toEqual([
      {
        customer_id: 'ann',
        dedupe_key: `verification-expiry:${first.body.verificationId}`,
        template: 'age-verification-expiring',
        data: { verificationId: first.body.verificationId, expiresAt: first.body.expiresAt, daysLeft: 25 },
      },
    ]);

    // Run again the same day, and the next: ann is not notified twice.
    expect(await runJob(av, 'verification-expiry-notices')).toMatchObject({ due: 0, notified: 0 });
    av.rt.clock.advance(DAY_MS);
    expect(await runJob(av, 'verification-expiry-notices')).toMatchObject({ due: 0, notified: 0 });

    av.rt.clock.advance(9 * DAY_MS); // ben's now lapses in 25 days
    expect(await runJob(av, 'verification-expiry-notices')).toMatchObject({ due: 1, notified: 1 });
    expect((await outbox(av)).map((n) => n.customer_id)).toEqual(['ann', 'ben']);

    // A renewed verification is a new one: it gets its own notice a year later.
    av.rt.clock.advance(20 * DAY_MS);
    const renewed = await av.verify('ann');
    expect(renewed.body.method).toBe('full_verification');
    av.rt.clock.advance(340 * DAY_MS);
    await runJob(av, 'verification-expiry-notices');
    expect((await outbox(av)).filter((n) => n.customer_id === 'ann').map((n) => n.dedupe_key)).toEqual([
      `verification-expiry:${first.body.verificationId}`,
      `verification-expiry:${renewed.body.verificationId}`,
    ]);
  });
});

describe('audit trail retention', () => {
  let av: AgeVerificationServer;

  beforeEach(async () => {
    av = await startAgeVerification({ AGE_VERIFICATION_RETENTION_DAYS: '400' });
  });
  afterEach(() => av.close());

  test('removes events and attempts older than AGE_VERIFICATION_RETENTION_DAYS and keeps the rest', async () => {
    await av.verify('old', claim('old', { dateOfBirth: '2010-01-01' }));
    await av.verify('old');
    av.rt.clock.advance(100 * DAY_MS);
    await av.verify('recent');

    av.rt.clock.advance(301 * DAY_MS);
    expect(await runJob(av, 'age-verification-retention')).toMatchObject({ attemptsDeleted: 2, eventsDeleted: 1 });
    const left = await av.rt.warehouse.query<{ customer_id: string }>(
      (d) => `SELECT customer_id FROM ${d.table('commerce.age_verifications')}
UNION ALL SELECT customer_id FROM ${d.table('commerce.age_verification_attempts')}`,
    );
    expect(left.map((r) => r.customer_id)).toEqual(['recent', 'recent']);
    expect(await runJob(av, 'age-verification-retention')).toMatchObject({ attemptsDeleted: 0, eventsDeleted: 0 });
  });
});
