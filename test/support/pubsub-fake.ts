import { status } from '@grpc/grpc-js';
import { TOPICS, deadLetterTopic } from '@shared/bus/port';
import { type GrpcFake, GrpcStatusError, loadService, shippedProtos, startGrpcFake } from './grpc-fake';

type PublisherMethod = 'Publish' | 'GetTopic' | 'ListTopics';

/** A message as the fake Pub/Sub received it. */
export interface FakePubSubMessage {
  /** The short topic name (`webhook-events`), not the resource path. */
  topic: string;
  messageId: string;
  data: Buffer;
  attributes: Record<string, string>;
}

interface PublishRequest {
  topic: string;
  messages: Array<{ data: Buffer; attributes: Record<string, string> }>;
}

const publisherService = () =>
  loadService(shippedProtos('@google-cloud/pubsub'), 'google/pubsub/v1/pubsub.proto', 'google.pubsub.v1.Publisher');

/**
 * A loopback Pub/Sub publisher (google.pubsub.v1.Publisher: Publish, GetTopic, ListTopics) that records every message
 * and answers like the real service: unknown topics are NOT_FOUND, ids are server-assigned, failures can be injected.
 */
export class PubSubFake {
  /** Every message accepted, in order. */
  readonly published: FakePubSubMessage[] = [];
  private readonly topics = new Set<string>();
  private nextId = 4_000_000_000;

  private constructor(
    readonly projectId: string,
    private readonly server: GrpcFake<PublisherMethod>,
  ) {}

  /** Starts a fake holding the product's topics and their dead-letter twins (or the given topics). */
  static async start(options: { projectId?: string; topics?: readonly string[] } = {}): Promise<PubSubFake> {
    const projectId = options.projectId ?? 'fake-project';
    let fake: PubSubFake | undefined;
    const server = await startGrpcFake<PublisherMethod>(publisherService(), {
      Publish: (request: PublishRequest) => fake!.publish(request),
      GetTopic: (request: { topic: string }) => ({ name: fake!.existingTopic(request.topic) }),
      ListTopics: (request: { project: string; pageSize: number; pageToken: string }) => fake!.listTopics(request),
    });
    fake = new PubSubFake(projectId, server);
    for (const topic of options.topics ?? TOPICS.flatMap((t) => [t, deadLetterTopic(t)])) fake.createTopic(topic);
    return fake;
  }

  /** `127.0.0.1:<port>`. */
  get endpoint(): string {
    return this.server.endpoint;
  }

  /** Calls received per method, failed ones included. */
  get calls(): Readonly<Record<PublisherMethod, number>> {
    return this.server.calls;
  }

  /** Answers the next `times` calls of `method` with `code` (UNAVAILABLE by default). */
  failNext(method: PublisherMethod, times = 1, code: status = status.UNAVAILABLE): void {
    this.server.failNext(method, times, code);
  }

  /** Makes a topic of this project exist. */
  createTopic(name: string): void {
    this.topics.add(this.topicPath(name));
  }

  /** Removes a topic, so publishing to it answers NOT_FOUND. */
  deleteTopic(name: string): void {
    this.topics.delete(this.topicPath(name));
  }

  /** The messages received on one topic, data parsed as JSON. */
  jsonOn(topic: string): Array<{ messageId: string; data: unknown; attributes: Record<string, string> }> {
    return this.published
      .filter((m) => m.topic === topic)
      .map((m) => ({ messageId: m.messageId, data: JSON.parse(m.data.toString('utf8')), attributes: m.attributes }));
  }

  /** Shuts the server down at once. */
  stop(): Promise<void> {
    return this.server.stop();
  }

  private topicPath(name: string): string {
    return `projects/${this.projectId}/topics/${name}`;
  }

  private existingTopic(path: string): string {
    if (!this.topics.has(path)) throw new GrpcStatusError(status.NOT_FOUND, `Resource not found (resource=${path.split('/').pop()}).`);
    return path;
  }

  private publish(request: PublishRequest): { messageIds: string[] } {
    this.existingTopic(request.topic);
    if (request.messages.length === 0) throw new GrpcStatusError(status.INVALID_ARGUMENT, 'No messages in request.');
    const topic = request.topic.split('/').pop()!;
    const messageIds = request.messages.map((message) => {
      const messageId = String(this.nextId++);
      this.published.push({ topic, messageId, data: Buffer.from(message.data), attributes: { ...message.attributes } });
      return messageId;
    });
    return { messageIds };
  }

  private listTopics(request: { project: string; pageSize: number; pageToken: string }) {
    const all = [...this.topics].filter((t) => t.startsWith(`${request.project}/topics/`)).sort();
    const start = request.pageToken ? Number(request.pageToken) : 0;
    const end = request.pageSize > 0 ? start + request.pageSize : all.length;
    return {
      topics: all.slice(start, end).map((name) => ({ name })),
      nextPageToken: end < all.length ? String(end) : '',
    };
  }
}
