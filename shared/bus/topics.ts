import { z } from 'zod';
import { JOB_NAMES } from '../jobs';
import { syncRequestSchema } from '../sources/sync-request';

/** The webhook-events message: one provider event, stored and de-duplicated by the ingress before it is published. */
export const webhookEventSchema = z.object({
  provider: z.string().min(1),
  /** The provider's own event id, the de-duplication key. */
  eventId: z.string().min(1),
  eventType: z.string().min(1),
  receivedAt: z.iso.datetime({ offset: true }),
  /** The provider's event body as it arrived (parsed JSON). */
  payload: z.record(z.string(), z.unknown()),
});

/** The jobs message: the name of a declared job (shared/jobs.ts). */
export const jobMessageSchema = z.object({ job: z.enum(JOB_NAMES) });

/** One topic: the schema every message on it satisfies and the attributes derived from a message. */
interface TopicDefinition<S extends z.ZodType> {
  description: string;
  schema: S;
  /** Pub/Sub attributes, derived from the message so that they can never disagree with it (subscription filters). */
  attributes(message: z.output<S>): Record<string, string>;
}

const topic = <S extends z.ZodType>(definition: TopicDefinition<S>) => definition;

/**
 * THE registry of topics: each maps to the zod schema of its messages. The bus ports type `publish` by it and validate
 * against it before sending; event handlers decode by it; schedules are typed by it. Each topic has a
 * `<topic>-dead-letter` twin (deadLetterTopic). Terraform's topics and subscriptions are generated from this list.
 */
export const TOPIC_REGISTRY = {
  'sync-requests': topic({
    description: 'Requests to sync a POS source, or one stream of it',
    schema: syncRequestSchema,
    attributes: (m) => ({ source: m.source, ...(m.stream ? { stream: m.stream } : {}) }),
  }),
  'webhook-events': topic({
    description: 'Verified provider webhook events, for the webhook processor',
    schema: webhookEventSchema,
    attributes: (m) => ({ provider: m.provider, eventType: m.eventType }),
  }),
  jobs: topic({
    description: 'Scheduled jobs for the jobs function',
    schema: jobMessageSchema,
    attributes: (m) => ({ job: m.job }),
  }),
};

/** A topic the product publishes to. */
export type TopicName = keyof typeof TOPIC_REGISTRY;

/** The topics the product publishes to; each has a `<topic>-dead-letter` twin. */
export const TOPICS = Object.keys(TOPIC_REGISTRY) as readonly TopicName[];

/** The dead-letter topic of a topic. */
export const deadLetterTopic = (topic: TopicName): string => `${topic}-dead-letter`;

type SchemaOf<T extends TopicName> = (typeof TOPIC_REGISTRY)[T]['schema'];

/** A message as a publisher writes it (defaults may be left out). */
export type TopicMessage<T extends TopicName> = z.input<SchemaOf<T>>;

/** A message as a handler receives it (defaults filled in). */
export type TopicData<T extends TopicName> = z.output<SchemaOf<T>>;

/** A message ready to send: validated data and its attributes. */
export interface EncodedMessage {
  data: unknown;
  attributes: Record<string, string>;
}

/**
 * Validates a message for its topic and derives its attributes, for the bus adapters' `publish`. An invalid message is
 * a publisher's bug: it throws a TypeError naming the topic and the fields, and nothing is sent.
 */
export function encodeMessage<T extends TopicName>(topic: T, message: TopicMessage<T>, extra: Record<string, string> = {}): EncodedMessage {
  const parsed = decodeMessage(topic, message);
  if (!parsed.success) throw new TypeError(`Cannot publish to ${topic}: ${parsed.issues.join('; ')}`);
  const definition = TOPIC_REGISTRY[topic] as unknown as TopicDefinition<z.ZodType>;
  return { data: parsed.data, attributes: { ...extra, ...definition.attributes(parsed.data) } };
}

/** Checks received data against its topic's schema; the issues name each bad field. */
export function decodeMessage<T extends TopicName>(
  topic: T,
  data: unknown,
): { success: true; data: TopicData<T> } | { success: false; issues: string[] } {
  const parsed = (TOPIC_REGISTRY[topic].schema as z.ZodType).safeParse(data);
  if (parsed.success) return { success: true, data: parsed.data as TopicData<T> };
  return { success: false, issues: parsed.error.issues.map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`) };
}
