import type { TopicMessage, TopicName } from './topics';

export { TOPICS, type TopicName, deadLetterTopic } from './topics';

/** A message as delivered to an event function. */
export interface BusMessage {
  id: string;
  topic: TopicName;
  data: unknown;
  attributes: Record<string, string>;
  publishedAt: string;
  /** 1 on first delivery, counting up on redelivery (Pub/Sub's deliveryAttempt). */
  deliveryAttempt: number;
}

/** The message bus port: at-least-once delivery, so every consumer is idempotent. */
export interface Bus {
  readonly backend: 'local' | 'pubsub';
  /**
   * Validates the message against its topic's schema (shared/bus/topics.ts), publishes it with the attributes the
   * topic derives from it (plus `attributes`, which cannot override those), and returns the message id.
   */
  publish<T extends TopicName>(topic: T, message: TopicMessage<T>, attributes?: Record<string, string>): Promise<string>;
  ping(): Promise<void>;
}
