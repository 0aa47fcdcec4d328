import { status } from '@grpc/grpc-js';
import { PubSubBus } from '@shared/bus/pubsub';
import { PubSubFake } from '../../support/pubsub-fake';

describe('PubSubBus against a loopback Pub/Sub', () => {
  let fake: PubSubFake;
  let bus: PubSubBus;

  beforeEach(async () => {
    fake = await PubSubFake.start({ projectId: 'shop-prod' });
    bus = new PubSubBus({ projectId: 'shop-prod', apiEndpoint: fake.endpoint });
  });

  afterEach(async () => {
    await bus.close();
    await fake.stop();
  });

  it('does not connect until the first publish', async () => {
    expect(fake.calls.Publish + fake.calls.GetTopic + fake.calls.ListTopics).toBe(0);
    await bus.publish('jobs', { job: 'membership-billing' });
    expect(fake.calls.Publish).toBe(1);
  });

  it('publishes to the topic in its own project, returning the id Pub/Sub assigned', async () => {
    const id = await bus.publish('sync-requests', { source: 'square', mode: 'incremental', requestedBy: 'scheduler' });
    expect(fake.published).toHaveLength(1);
    expect(fake.published[0]).toMatchObject({ topic: 'sync-requests', messageId: id });
  });

  it('keeps publishing through one client after many messages', async () => {
    const request = (i: number) => ({ source: 'square' as const, mode: 'full' as const, requestedBy: 'test', requestId: `r-${i}` });
    const ids = await Promise.all(Array.from({ length: 25 }, (_, i) => bus.publish('sync-requests', request(i))));
    expect(new Set(ids).size).toBe(25);
    expect(fake.jsonOn('sync-requests').map((m) => m.data)).toEqual(expect.arrayContaining([request(0), request(24)]));
    // The client batches messages published together, so 25 messages take fewer than 25 calls.
    expect(fake.calls.Publish).toBeLessThan(25);
  });

  it('lets the client retry UNAVAILABLE until the publish goes through', async () => {
    fake.failNext('Publish', 2, status.UNAVAILABLE);
    const id = await bus.publish('jobs', { job: 'membership-billing' });
    expect(fake.calls.Publish).toBe(3);
    expect(fake.jsonOn('jobs')).toEqual([{ messageId: id, data: { job: 'membership-billing' }, attributes: { job: 'membership-billing' } }]);
  });

  it('rejects with the topic named and the gRPC error as cause when Pub/Sub refuses', async () => {
    fake.failNext('Publish', 1, status.PERMISSION_DENIED);
    const failure = await bus.publish('jobs', { job: 'membership-billing' }).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/topic jobs/);
    expect((failure as Error).message).toMatch(/PERMISSION_DENIED/);
    expect(((failure as Error).cause as { code?: number }).code).toBe(status.PERMISSION_DENIED);
    expect(fake.published).toHaveLength(0);
  });

  it('rejects when the topic does not exist', async () => {
    fake.deleteTopic('jobs');
    await expect(bus.publish('jobs', { job: 'membership-billing' })).rejects.toThrow(/topic jobs.*NOT_FOUND/);
  });

  it('refuses a message its topic does not accept without calling Pub/Sub', async () => {
    await expect(bus.publish('jobs', undefined as never)).rejects.toThrow(TypeError);
    expect(fake.calls.Publish).toBe(0);
  });

  describe('ping', () => {
    it('passes when the product topic answers', async () => {
      await expect(bus.ping()).resolves.toBeUndefined();
      expect(fake.calls.GetTopic).toBe(1);
    });

    it('passes when Pub/Sub answers but the role cannot read topic metadata', async () => {
      fake.failNext('GetTopic', 1, status.PERMISSION_DENIED);
      await expect(bus.ping()).resolves.toBeUndefined();
    });

    it('fails at once, without retrying, when Pub/Sub is unavailable', async () => {
      fake.failNext('GetTopic', 1, status.UNAVAILABLE);
      await expect(bus.ping()).rejects.toThrow(/unreachable.*sync-requests/);
      expect(fake.calls.GetTopic).toBe(1);
    });

    it('fails when the product topic is missing', async () => {
      fake.deleteTopic('sync-requests');
      await expect(bus.ping()).rejects.toThrow(/NOT_FOUND/);
    });
  });
});
