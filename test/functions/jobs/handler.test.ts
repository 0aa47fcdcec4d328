import type { BusMessage } from '@shared/bus/port';
import { pubSubCloudEvent } from '@shared/events';
import { JOB_NAMES } from '@shared/jobs';
import { setRuntime } from '@shared/runtime';
import { onJob } from '../../../functions/jobs/handler';
import { JOBS } from '../../../functions/jobs/registry';
import { type TestRuntime, createTestRuntime } from '../../support/runtime';

/** Delivers raw data on the jobs topic to the jobs function, as Pub/Sub would, whatever a publisher may have sent. */
function deliver(rt: TestRuntime, data: unknown, deliveryAttempt = 1): Promise<void> {
  const message: BusMessage = { id: `m-${deliveryAttempt}`, topic: 'jobs', data, attributes: {}, publishedAt: rt.clock.now().toISOString(), deliveryAttempt };
  return onJob(pubSubCloudEvent(message, 'local-project'));
}

describe('the jobs function', () => {
  let rt: TestRuntime;
  beforeEach(() => {
    rt = createTestRuntime();
    setRuntime(rt);
  });
  afterEach(async () => {
    setRuntime(undefined);
    await rt.warehouse.close();
  });

  it('has code for every declared job and for nothing else', () => {
    expect(Object.keys(JOBS).sort()).toEqual([...JOB_NAMES].sort());
    for (const run of Object.values(JOBS)) expect(run).toEqual(expect.any(Function));
  });

  it.each([
    ['a job nobody declares (a schedule left behind, a typo in a console)', { job: 'membership-biling' }, /job: Invalid option/],
    ['a message without a job', { run: 'membership-billing' }, /job: Invalid option/],
    ['a job name of the wrong type', { job: 42 }, /job: Invalid option/],
  ])('acknowledges and logs %s instead of asking for redelivery', async (_case, data, issue) => {
    // Resolving is Pub/Sub's acknowledgement: the message is not redelivered, however many attempts remain.
    await expect(deliver(rt, data)).resolves.toBeUndefined();
    const errors = rt.logs.filter((l) => l.severity === 'ERROR');
    expect(errors).toEqual([
      expect.objectContaining({
        message: 'message failed validation; acknowledged without processing',
        function: 'jobs',
        topic: 'jobs',
        eventId: 'm-1',
        issues: [expect.stringMatching(issue)],
      }),
    ]);
    expect(rt.logs.filter((l) => l.message === 'job finished')).toEqual([]);
  });

  it('acknowledges and logs a message that is not JSON', async () => {
    const event = pubSubCloudEvent({ id: 'm-x', topic: 'jobs', data: null, attributes: {}, publishedAt: rt.clock.now().toISOString(), deliveryAttempt: 1 }, 'p');
    event.data!.message.data = Buffer.from('{"job":').toString('base64');
    await expect(onJob(event)).resolves.toBeUndefined();
    expect(rt.logs.map((l) => l.message)).toContain('message is not JSON; acknowledged without processing');
  });

  it('runs a declared job and logs its summary', async () => {
    await deliver(rt, { job: 'age-verification-retention' });
    expect(rt.logs.filter((l) => l.message === 'job finished')).toEqual([
      expect.objectContaining({ job: 'age-verification-retention', attemptsDeleted: 0, eventsDeleted: 0, durationMs: expect.any(Number) }),
    ]);
  });

  it('lets a failing job throw, so that Pub/Sub redelivers it', async () => {
    // The warehouse is unreachable: worth a retry, unlike a bad message.
    jest.spyOn(rt.warehouse, 'query').mockRejectedValue(new Error('warehouse unavailable'));
    await expect(deliver(rt, { job: 'age-verification-retention' })).rejects.toThrow('warehouse unavailable');
  });
});
