import { LocalBus } from '@shared/bus/local';
import { type Bus, TOPICS, type TopicName } from '@shared/bus/port';
import type { TopicMessage } from '@shared/bus/topics';
import { PubSubBus } from '@shared/bus/pubsub';
import { PubSubFake } from '../../support/pubsub-fake';

/** A case: name, topic, message and extra attributes published; data and attributes the subscriber sees. */
type Case = [string, TopicName, TopicMessage<TopicName>, Record<string, string>, unknown, Record<string, string>];

/** What a subscriber on the other side received: the message id, the JSON data and the attributes. */
interface Received {
  id: string;
  data: unknown;
  attributes: Record<string, string>;
}

interface BusHarness {
  bus: Bus;
  /** Everything that arrived on `topic` so far, in publish order. */
  received(topic: TopicName): Promise<Received[]>;
  close(): Promise<void>;
}

const adapters: Array<[string, () => Promise<BusHarness>]> = [
  [
    'LocalBus',
    async () => {
      const bus = new LocalBus({ maxDeliveryAttempts: 5, minBackoffMs: 1, maxBackoffMs: 5 });
      const deliveries = new Map<TopicName, Received[]>(TOPICS.map((t) => [t, []]));
      for (const topic of TOPICS) {
        bus.subscribe(topic, async (m) => {
          deliveries.get(topic)!.push({ id: m.id, data: m.data, attributes: m.attributes });
        });
      }
      return {
        bus,
        received: async (topic) => {
          await bus.drain();
          return deliveries.get(topic)!;
        },
        close: async () => bus.close(),
      };
    },
  ],
  [
    'PubSubBus (loopback Pub/Sub)',
    async () => {
      const fake = await PubSubFake.start({ projectId: 'contract-project' });
      const bus = new PubSubBus({ projectId: 'contract-project', apiEndpoint: fake.endpoint });
      return {
        bus,
        received: async (topic) => fake.jsonOn(topic).map((m) => ({ id: m.messageId, data: m.data, attributes: m.attributes })),
        close: async () => {
          await bus.close();
          await fake.stop();
        },
      };
    },
  ],
];

describe.each(adapters)('Bus contract: %s', (_name, create) => {
  let harness: BusHarness;

  beforeEach(async () => {
    harness = await create();
  });

  afterEach(async () => {
    await harness.close();
  });

  it('returns a distinct id for every message, the id the subscriber sees', async () => {
    const ids = await Promise.all(
      Array.from({ length: 20 }, (_, i) => harness.bus.publish('sync-requests', { source: 'square', requestedBy: 'test', requestId: `r-${i}` })),
    );
    expect(new Set(ids).size).toBe(20);
    const received = await harness.received('sync-requests');
    expect(received.map((m) => m.id).sort()).toEqual([...ids].sort());
  });

  const squareEvent: TopicMessage<'webhook-events'> = {
    provider: 'square',
    eventId: 'f8a3b2c1-0d9e-4f5a-8b7c-6d5e4f3a2b1c',
    eventType: 'payment.updated',
    receivedAt: '2026-03-15T17:00:00.000Z',
    payload: { data: { object: { payment: { id: 'R2B3Z8WMVt3EAmzYWLZvz7Y69EbZY', note: 'Café ☕ — 21+ 🚫', amount_money: { amount: 4599, currency: 'USD' } } } } },
  };

  it.each<Case>([
    ['a webhook event, with the attributes its topic derives', 'webhook-events', squareEvent, {}, squareEvent, { provider: 'square', eventType: 'payment.updated' }],
    [
      'a sync request, with its defaults filled in and its source and stream as attributes',
      'sync-requests',
      { source: 'lightspeed', stream: 'sales' },
      { origin: 'ops' },
      { source: 'lightspeed', stream: 'sales', mode: 'incremental', requestedBy: 'unknown' },
      { origin: 'ops', source: 'lightspeed', stream: 'sales' },
    ],
    ['a job, named in an attribute', 'jobs', { job: 'membership-billing' }, {}, { job: 'membership-billing' }, { job: 'membership-billing' }],
  ])('delivers %s intact', async (_case, topic, message, extra, data, attributes) => {
    const id = await harness.bus.publish(topic, message, extra);
    expect(await harness.received(topic)).toEqual([{ id, data, attributes }]);
  });

  it('keeps topics apart', async () => {
    await harness.bus.publish('sync-requests', { source: 'square', mode: 'incremental', requestedBy: 'scheduler' });
    await harness.bus.publish('jobs', { job: 'membership-billing' });
    expect((await harness.received('sync-requests')).map((m) => m.data)).toEqual([
      { source: 'square', mode: 'incremental', requestedBy: 'scheduler' },
    ]);
    expect((await harness.received('jobs')).map((m) => m.data)).toEqual([{ job: 'membership-billing' }]);
    expect(await harness.received('webhook-events')).toEqual([]);
  });

  it('sends the data as it was when published, not as the caller later changes it', async () => {
    const payload = { customers: ['c1'] };
    const attributes = { origin: 'scheduler' };
    const publishing = harness.bus.publish('webhook-events', { ...squareEvent, payload }, attributes);
    payload.customers.push('c2');
    attributes.origin = 'changed';
    await publishing;
    expect((await harness.received('webhook-events')).map(({ data, attributes }) => ({ data, attributes }))).toEqual([
      { data: { ...squareEvent, payload: { customers: ['c1'] } }, attributes: { origin: 'scheduler', provider: 'square', eventType: 'payment.updated' } },
    ]);
  });

  it.each<[string, TopicName, unknown, RegExp]>([
    ['a job nobody declares', 'jobs', { job: 'membership-biling' }, /Cannot publish to jobs: job: Invalid option/],
    ['a sync request for an unknown source', 'sync-requests', { source: 'clover', requestedBy: 'x' }, /Cannot publish to sync-requests: source/],
    ['a webhook event without its event id', 'webhook-events', { ...squareEvent, eventId: undefined }, /Cannot publish to webhook-events: eventId/],
    ['no message at all', 'jobs', undefined, /Cannot publish to jobs/],
  ])('refuses %s, sending nothing', async (_case, topic, message, error) => {
    await expect(harness.bus.publish(topic, message as never)).rejects.toThrow(error);
    await expect(harness.bus.publish(topic, message as never)).rejects.toBeInstanceOf(TypeError);
    expect(await harness.received(topic)).toEqual([]);
  });

  it('answers ping', async () => {
    await expect(harness.bus.ping()).resolves.toBeUndefined();
  });
});
