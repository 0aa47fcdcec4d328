import type { ClientConfig, PubSub, Topic } from '@google-cloud/pubsub';
import { type Bus, TOPICS, type TopicName } from './port';
import { type TopicMessage, encodeMessage } from './topics';

/** Settings of the Pub/Sub bus. */
export interface PubSubBusOptions {
  projectId: string;
  /**
   * `host:port` (or URL) of another Pub/Sub endpoint: outside googleapis.com it is an emulator or fake, reached
   * without credentials. Without it the client honours PUBSUB_EMULATOR_HOST, then uses production.
   */
  apiEndpoint?: string;
}

/** google.rpc.Code values the bus tells apart. */
const PERMISSION_DENIED = 7;

/** A health probe must answer within the health check's own bound, so it gets one short attempt. */
const PING_TIMEOUT_MS = 3000;

/**
 * The production bus: publishes JSON messages to Google Cloud Pub/Sub. The client is created on first use and reused
 * across invocations, as are its topic objects (each owns a publish batcher). The client retries transient failures
 * itself (UNAVAILABLE and friends, with exponential backoff); what still fails is rethrown naming the topic.
 */
export class PubSubBus implements Bus {
  readonly backend = 'pubsub' as const;
  private client: PubSub | undefined;
  private readonly topics = new Map<TopicName, Topic>();

  constructor(private readonly options: PubSubBusOptions) {}

  async publish<T extends TopicName>(topic: T, message: TopicMessage<T>, attributes: Record<string, string> = {}): Promise<string> {
    const encoded = encodeMessage(topic, message, attributes);
    const json = JSON.stringify(encoded.data);
    try {
      // The client batches for a few milliseconds; the encoded copy keeps the caller's later changes out of the message.
      return await this.topic(topic).publishMessage({ data: Buffer.from(json, 'utf8'), attributes: encoded.attributes });
    } catch (error) {
      throw new Error(`Publishing to Pub/Sub topic ${topic} failed: ${describe(error)}`, { cause: error });
    }
  }

  /**
   * Reads the metadata of the first product topic. A permission error still proves that Pub/Sub answers and accepts
   * our credentials (publishers hold pubsub.topics.publish, not pubsub.topics.get), so only other failures count.
   */
  async ping(): Promise<void> {
    const probe = TOPICS[0];
    try {
      await this.topic(probe).getMetadata({ timeout: PING_TIMEOUT_MS, retry: null });
    } catch (error) {
      if ((error as { code?: unknown }).code === PERMISSION_DENIED) return;
      throw new Error(`Pub/Sub is unreachable (topic ${probe}): ${describe(error)}`, { cause: error });
    }
  }

  /** Closes the client's connections (shutdown, tests); a later publish opens a new client. */
  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.topics.clear();
    await client?.close();
  }

  private topic(name: TopicName): Topic {
    let topic = this.topics.get(name);
    if (!topic) {
      topic = this.pubsub().topic(name);
      this.topics.set(name, topic);
    }
    return topic;
  }

  private pubsub(): PubSub {
    if (!this.client) {
      // Loaded here, not on import: the local stack and most cold starts never need the Pub/Sub client.
      const { PubSub: Client } = require('@google-cloud/pubsub') as typeof import('@google-cloud/pubsub');
      this.client = new Client(clientOptions(this.options));
    }
    return this.client;
  }
}

/**
 * An endpoint outside googleapis.com is a local stand-in: plaintext without credentials (emulator mode). Naming the
 * universe keeps the client from probing the GCE metadata server for it, which it would otherwise do even then.
 */
function clientOptions({ projectId, apiEndpoint }: PubSubBusOptions): ClientConfig {
  if (!apiEndpoint) return { projectId };
  const host = apiEndpoint.replace(/^https?:\/\//, '').split(/[:/]/)[0];
  if (host.endsWith('.googleapis.com')) return { projectId, apiEndpoint };
  return { projectId, apiEndpoint, emulatorMode: true, universeDomain: 'googleapis.com' };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
