import { randomUUID } from 'node:crypto';
import type { Logger } from '../log';
import { type Bus, type BusMessage, type TopicName, deadLetterTopic } from './port';
import { type TopicMessage, encodeMessage } from './topics';

/** A subscriber; throwing asks for redelivery. */
export type BusHandler = (message: BusMessage) => Promise<void>;

export interface LocalBusOptions {
  maxDeliveryAttempts: number;
  minBackoffMs: number;
  maxBackoffMs: number;
  log?: Logger;
}

/** A message that exhausted its delivery attempts, as it would sit in the dead-letter topic. */
export interface DeadLetter {
  topic: string;
  message: BusMessage;
  error: string;
  deadLetteredAt: string;
}

/**
 * In-process delivery to the event functions with Pub/Sub's rules: at-least-once, exponential backoff between
 * attempts (bounded by min and max), and a dead-letter list after the maximum number of delivery attempts.
 */
export class LocalBus implements Bus {
  readonly backend = 'local' as const;
  readonly deadLetters: DeadLetter[] = [];
  readonly published: BusMessage[] = [];
  private readonly handlers = new Map<TopicName, BusHandler[]>();
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly options: LocalBusOptions) {}

  /** Delivers every later message on `topic` to `handler`. */
  subscribe(topic: TopicName, handler: BusHandler): void {
    this.handlers.set(topic, [...(this.handlers.get(topic) ?? []), handler]);
  }

  async publish<T extends TopicName>(topic: T, data: TopicMessage<T>, attributes: Record<string, string> = {}): Promise<string> {
    const encoded = encodeMessage(topic, data, attributes);
    const message: BusMessage = {
      id: randomUUID(),
      topic,
      data: JSON.parse(JSON.stringify(encoded.data)),
      attributes: encoded.attributes,
      publishedAt: new Date().toISOString(),
      deliveryAttempt: 1,
    };
    this.published.push(message);
    if (this.published.length > 1000) this.published.shift();
    for (const handler of this.handlers.get(topic) ?? []) this.schedule(handler, message, 0);
    return message.id;
  }

  /** Puts a dead-lettered message back on its topic with a fresh attempt count. */
  async replay(messageId: string): Promise<boolean> {
    const index = this.deadLetters.findIndex((d) => d.message.id === messageId);
    if (index < 0) return false;
    const [dead] = this.deadLetters.splice(index, 1);
    // It was valid when first published; publish checks it again against today's schema.
    await this.publish(dead.message.topic, dead.message.data as TopicMessage<TopicName>, dead.message.attributes);
    return true;
  }

  /** Resolves once no delivery is running or waiting for its backoff. */
  async drain(): Promise<void> {
    if (this.inFlight === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** Cancels pending redeliveries (shutdown). */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    // Cancelled deliveries will never run; running ones still settle through their own finally.
    this.inFlight -= this.timers.size;
    this.timers.clear();
    this.settle();
  }

  async ping(): Promise<void> {}

  private schedule(handler: BusHandler, message: BusMessage, delayMs: number): void {
    if (this.closed) return;
    this.inFlight++;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.deliver(handler, message);
    }, delayMs);
    this.timers.add(timer);
  }

  private async deliver(handler: BusHandler, message: BusMessage): Promise<void> {
    try {
      await handler(message);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (message.deliveryAttempt >= this.options.maxDeliveryAttempts) {
        this.deadLetters.push({
          topic: deadLetterTopic(message.topic),
          message,
          error: reason,
          deadLetteredAt: new Date().toISOString(),
        });
        this.options.log?.error('message dead-lettered', { topic: message.topic, messageId: message.id, error: reason });
      } else {
        const backoff = Math.min(
          this.options.maxBackoffMs,
          this.options.minBackoffMs * 2 ** (message.deliveryAttempt - 1),
        );
        this.options.log?.warn('message redelivery scheduled', {
          topic: message.topic,
          messageId: message.id,
          attempt: message.deliveryAttempt,
          backoffMs: backoff,
          error: reason,
        });
        this.schedule(handler, { ...message, deliveryAttempt: message.deliveryAttempt + 1 }, backoff);
      }
    } finally {
      this.inFlight--;
      this.settle();
    }
  }

  private settle(): void {
    if (this.inFlight > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
