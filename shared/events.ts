import type { CloudEvent } from '@google-cloud/functions-framework';
import type { BusMessage } from './bus/port';
import { type TopicData, type TopicName, decodeMessage } from './bus/topics';
import type { Logger } from './log';
import { type Runtime, runtime as defaultRuntime } from './runtime';

/** The data of a Pub/Sub CloudEvent (google.cloud.pubsub.topic.v1.messagePublished). */
export interface PubSubEventData {
  message: { data?: string; attributes?: Record<string, string>; messageId?: string; publishTime?: string };
  subscription?: string;
  deliveryAttempt?: number;
}

/** The CloudEvent Pub/Sub delivers for a message; the local bus builds the same one. */
export function pubSubCloudEvent(message: BusMessage, projectId: string): CloudEvent<PubSubEventData> {
  return {
    specversion: '1.0',
    id: message.id,
    source: `//pubsub.googleapis.com/projects/${projectId}/topics/${message.topic}`,
    type: 'google.cloud.pubsub.topic.v1.messagePublished',
    time: message.publishedAt,
    datacontenttype: 'application/json',
    data: {
      message: {
        data: Buffer.from(JSON.stringify(message.data)).toString('base64'),
        attributes: message.attributes,
        messageId: message.id,
        publishTime: message.publishedAt,
      },
      subscription: `projects/${projectId}/subscriptions/${message.topic}-local`,
      deliveryAttempt: message.deliveryAttempt,
    },
  };
}

/** What an event handler sees. */
export interface EventContext<T> {
  runtime: Runtime;
  log: Logger;
  data: T;
  attributes: Record<string, string>;
  messageId: string;
  deliveryAttempt: number;
}

/**
 * An event function body for a topic: decodes the message and validates it against the topic's schema (the topic
 * registry, shared/bus/topics.ts). A malformed message (not JSON, or not the topic's shape, such as a job nobody
 * declares) is logged and acknowledged, since a retry would fail the same way; a handler that throws asks Pub/Sub to
 * redeliver.
 */
export function createEventHandler<T extends TopicName>(options: {
  name: string;
  topic: T;
  handle(ctx: EventContext<TopicData<T>>): Promise<void>;
  runtime?: () => Runtime;
}) {
  return async function onEvent(event: CloudEvent<PubSubEventData>): Promise<void> {
    const rt = (options.runtime ?? defaultRuntime)();
    const message = event.data?.message ?? {};
    const messageId = message.messageId ?? event.id;
    const log = rt.log.child({ function: options.name, eventId: messageId, topic: options.topic });
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(message.data ?? '', 'base64').toString('utf8'));
    } catch {
      log.error('message is not JSON; acknowledged without processing');
      return;
    }
    const parsed = decodeMessage(options.topic, decoded);
    if (!parsed.success) {
      log.error('message failed validation; acknowledged without processing', { issues: parsed.issues });
      return;
    }
    await options.handle({
      runtime: rt,
      log,
      data: parsed.data,
      attributes: message.attributes ?? {},
      messageId,
      deliveryAttempt: event.data?.deliveryAttempt ?? 1,
    });
  };
}
