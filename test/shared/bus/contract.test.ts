import { LocalBus } from '@shared/bus/local';
import { type Bus, TOPICS, type TopicName } from '@shared/bus/port';
import { PubSubBus } from '@shared/bus/pubsub';
import { PubSubFake } from '../../support/pubsub-fake';

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
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => harness.bus.publish('jobs', { job: `job-${i}` })));
    expect(new Set(ids).size).toBe(20);
    const received = await harness.received('jobs');
    expect(received.map((m) => m.id).sort()).toEqual([...ids].sort());
  });

  it.each<[string, unknown, Record<string, string>]>([
    [
      'a webhook event with attributes',
      {
        provider: 'square',
        eventId: 'f8a3b2c1-0d9e-4f5a-8b7c-6d5e4f3a2b1c',
        eventType: 'payment.updated',
        receivedAt: '2026-03-15T17:00:00.000Z',
        payload: { data: { object: { payment: { id: 'R2B3Z8WMVt3EAmzYWLZvz7Y69EbZY', amount_money: { amount: 4599, currency: 'USD' } } } } },
      },
      { provider: 'square', eventType: 'payment.updated' },
    ],
    ['a sync request without attributes', { source: 'lightspeed', mode: 'full', window: null, requestedBy: 'admin' }, {}],
    ['text beyond ASCII and edge numbers', { note: 'Café ☕ — 21+ 🚫', zero: 0, negative: -1.5, flags: [true, false], empty: {} }, {}],
    ['a bare string', 'ping', { origin: 'ops' }],
  ])('delivers %s intact', async (_case, data, attributes) => {
    const id = await harness.bus.publish('webhook-events', data, attributes);
    expect(await harness.received('webhook-events')).toEqual([{ id, data, attributes }]);
  });

  it('keeps topics apart', async () => {
    await harness.bus.publish('sync-requests', { source: 'square', mode: 'incremental', requestedBy: 'scheduler' });
    await harness.bus.publish('jobs', { job: 'billing' });
    expect((await harness.received('sync-requests')).map((m) => m.data)).toEqual([
      { source: 'square', mode: 'incremental', requestedBy: 'scheduler' },
    ]);
    expect((await harness.received('jobs')).map((m) => m.data)).toEqual([{ job: 'billing' }]);
    expect(await harness.received('webhook-events')).toEqual([]);
  });

  it('sends the data as it was when published, not as the caller later changes it', async () => {
    const data = { job: 'billing', customers: ['c1'] };
    const attributes = { origin: 'scheduler' };
    const publishing = harness.bus.publish('jobs', data, attributes);
    data.customers.push('c2');
    attributes.origin = 'changed';
    await publishing;
    expect((await harness.received('jobs')).map(({ data, attributes }) => ({ data, attributes }))).toEqual([
      { data: { job: 'billing', customers: ['c1'] }, attributes: { origin: 'scheduler' } },
    ]);
  });

  it('answers ping', async () => {
    await expect(harness.bus.ping()).resolves.toBeUndefined();
  });
});
