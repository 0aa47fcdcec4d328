/** The topics the product publishes to; each has a `<topic>-dead-letter` twin. */
export const TOPICS = ['sync-requests', 'webhook-events', 'jobs'] as const;
export type TopicName = (typeof TOPICS)[number];

/** The dead-letter topic of a topic. */
export const deadLetterTopic = (topic: TopicName): string => `${topic}-dead-letter`;

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
  /** Publishes JSON data and returns the message id. */
  publish(topic: TopicName, data: unknown, attributes?: Record<string, string>): Promise<string>;
  ping(): Promise<void>;
}
