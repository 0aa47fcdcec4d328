import { type BusMessage } from '@shared/bus/port';
import { LocalBus, type LocalBusOptions } from '@shared/bus/local';
import { type LogFields, createLogger } from '@shared/log';

/** A webhook-events message. */
const squareEvent = (eventId: string) => ({
  provider: 'square',
  eventId,
  eventType: 'payment.created',
  receivedAt: '2026-03-15T17:00:00.000Z',
  payload: { type: 'payment.created', event_id: eventId },
});

/** A LocalBus whose log lines are kept for inspection. */
function localBus(options: Partial<LocalBusOptions> = {}) {
  const logs: LogFields[] = [];
  const log = createLogger({ level: 'DEBUG', write: (line) => logs.push(JSON.parse(line)) });
  const bus = new LocalBus({ maxDeliveryAttempts: 5, minBackoffMs: 100, maxBackoffMs: 300, log, ...options });
  return { bus, logs };
}

describe('LocalBus delivery', () => {
  it('delivers every message to every subscriber of its topic, as a Pub/Sub push would', async () => {
    const { bus } = localBus();
    const first: BusMessage[] = [];
    const second: BusMessage[] = [];
    bus.subscribe('webhook-events', async (m) => void first.push(m));
    bus.subscribe('webhook-events', async (m) => void second.push(m));
    bus.subscribe('jobs', async () => {
      throw new Error('jobs subscriber must not see webhook events');
    });

    const id = await bus.publish('webhook-events', squareEvent('evt-1'), { origin: 'test' });
    await bus.drain();

    expect(first).toEqual([
      {
        id,
        topic: 'webhook-events',
        data: squareEvent('evt-1'),
        attributes: { origin: 'test', provider: 'square', eventType: 'payment.created' },
        publishedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        deliveryAttempt: 1,
      },
    ]);
    expect(second).toEqual(first);
    expect(bus.deadLetters).toEqual([]);
  });

  it('keeps what was published, for inspection by the local stack', async () => {
    const { bus } = localBus();
    const id = await bus.publish('jobs', { job: 'membership-billing' });
    expect(bus.published).toEqual([expect.objectContaining({ id, topic: 'jobs', data: { job: 'membership-billing' } })]);
  });
});

describe('LocalBus redelivery and dead letters', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-03-15T17:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('redelivers a failing message with exponential backoff, capped at the maximum, counting attempts up', async () => {
    const { bus } = localBus({ maxDeliveryAttempts: 5, minBackoffMs: 100, maxBackoffMs: 300 });
    const attempts: Array<[number, number]> = [];
    const start = Date.now();
    bus.subscribe('jobs', async (m) => {
      attempts.push([m.deliveryAttempt, Date.now() - start]);
      throw new Error('warehouse unavailable');
    });

    await bus.publish('jobs', { job: 'membership-billing' });
    await jest.advanceTimersByTimeAsync(0);
    expect(attempts).toEqual([[1, 0]]);
    await jest.advanceTimersByTimeAsync(99);
    expect(attempts).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(10_000);

    // Backoff 100, 200, then 400 capped to 300, and 300 again.
    expect(attempts).toEqual([
      [1, 0],
      [2, 100],
      [3, 300],
      [4, 600],
      [5, 900],
    ]);
  });

  it('stops redelivering once the handler succeeds', async () => {
    const { bus } = localBus();
    let calls = 0;
    bus.subscribe('jobs', async () => {
      calls++;
      if (calls < 3) throw new Error('transient');
    });
    await bus.publish('jobs', { job: 'membership-billing' });
    await jest.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(3);
    expect(bus.deadLetters).toEqual([]);
  });

  it('dead-letters a message after the maximum attempts, recording the last error, and logs it', async () => {
    const { bus, logs } = localBus({ maxDeliveryAttempts: 3 });
    bus.subscribe('webhook-events', async (m) => {
      throw new Error(`apply failed on attempt ${m.deliveryAttempt}`);
    });
    const id = await bus.publish('webhook-events', squareEvent('evt-9'));
    await jest.advanceTimersByTimeAsync(10_000);

    expect(bus.deadLetters).toEqual([
      {
        topic: 'webhook-events-dead-letter',
        message: expect.objectContaining({ id, data: squareEvent('evt-9'), attributes: { provider: 'square', eventType: 'payment.created' }, deliveryAttempt: 3 }),
        error: 'apply failed on attempt 3',
        deadLetteredAt: expect.any(String),
      },
    ]);
    expect(logs.filter((l) => l.severity === 'WARNING').map((l) => l.attempt)).toEqual([1, 2]);
    expect(logs.filter((l) => l.severity === 'ERROR')).toEqual([
      expect.objectContaining({ message: 'message dead-lettered', topic: 'webhook-events', messageId: id }),
    ]);
  });

  it('replays a dead letter as a fresh message starting again at attempt 1', async () => {
    const { bus } = localBus({ maxDeliveryAttempts: 2 });
    let healthy = false;
    const seen: Array<{ id: string; attempt: number }> = [];
    bus.subscribe('jobs', async (m) => {
      seen.push({ id: m.id, attempt: m.deliveryAttempt });
      if (!healthy) throw new Error('down');
    });
    const id = await bus.publish('jobs', { job: 'verification-expiry-notices' });
    await jest.advanceTimersByTimeAsync(10_000);
    expect(bus.deadLetters.map((d) => d.message.id)).toEqual([id]);

    healthy = true;
    await expect(bus.replay(id)).resolves.toBe(true);
    expect(bus.deadLetters).toEqual([]);
    await jest.advanceTimersByTimeAsync(0);

    const replayed = seen.at(-1)!;
    expect(replayed.attempt).toBe(1);
    expect(replayed.id).not.toBe(id);
    expect(bus.published.at(-1)).toMatchObject({ id: replayed.id, data: { job: 'verification-expiry-notices' } });
    await expect(bus.replay(id)).resolves.toBe(false);
  });

  it('drain waits for deliveries still waiting for their backoff', async () => {
    const { bus } = localBus({ maxDeliveryAttempts: 3 });
    let calls = 0;
    bus.subscribe('jobs', async () => {
      calls++;
      throw new Error('down');
    });
    await bus.publish('jobs', { job: 'membership-billing' });
    let drained = false;
    const draining = bus.drain().then(() => (drained = true));

    await jest.advanceTimersByTimeAsync(150);
    expect(drained).toBe(false);
    await jest.advanceTimersByTimeAsync(10_000);
    await draining;
    expect(calls).toBe(3);
    expect(bus.deadLetters).toHaveLength(1);
  });

  it('drain resolves at once when nothing is in flight', async () => {
    const { bus } = localBus();
    await expect(bus.drain()).resolves.toBeUndefined();
  });

  it('close cancels pending redeliveries and releases anyone draining', async () => {
    const { bus } = localBus();
    let calls = 0;
    bus.subscribe('jobs', async () => {
      calls++;
      throw new Error('down');
    });
    await bus.publish('jobs', { job: 'membership-billing' });
    await jest.advanceTimersByTimeAsync(0);
    const draining = bus.drain();
    bus.close();
    await draining;
    await jest.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(1);
    expect(bus.deadLetters).toEqual([]);
  });

  it('close while a handler runs keeps the count right: a later drain waits only for real work', async () => {
    const { bus } = localBus();
    let release!: () => void;
    bus.subscribe('jobs', () => new Promise<void>((resolve) => (release = resolve)));
    await bus.publish('jobs', { job: 'membership-billing' });
    await jest.advanceTimersByTimeAsync(0);
    bus.close();
    release();
    await jest.advanceTimersByTimeAsync(0);
    let drained = false;
    void bus.drain().then(() => (drained = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(drained).toBe(true);
    await bus.publish('jobs', { job: 'age-verification-retention' });
    await expect(bus.drain()).resolves.toBeUndefined();
  });
});
