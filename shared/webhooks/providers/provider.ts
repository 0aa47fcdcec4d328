import type { IncomingHttpHeaders } from 'node:http';
import type { SecretName } from '../../secrets/port';

/** What a provider's signature check needs of a delivery. */
export interface Delivery {
  rawBody: Buffer;
  headers: IncomingHttpHeaders;
  /** Every active signing key (a rotation keeps the old key valid until it is removed). */
  keys: readonly string[];
  nowMs: number;
  /** Square signs the notification URL as registered with it, before the body. */
  notificationUrl: string | undefined;
}

/** Why a delivery failed verification; all of them are answered 401 and store nothing. */
export type RejectionReason = 'missing-signature' | 'malformed-signature' | 'bad-signature' | 'stale-timestamp';

export type Verdict = { ok: true } | { ok: false; reason: RejectionReason };

/** The provider's own identity of a verified event. */
export interface ProviderEvent {
  eventId: string;
  eventType: string;
  /** The body as parsed JSON (an object). */
  payload: Record<string, unknown>;
}

/** A body that verified but is not the provider's event shape: answered 400. */
export class EventShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventShapeError';
  }
}

/** What signing a body needs: the key, and for some providers the time or the notification URL. */
export interface SigningInput {
  body: string;
  key: string;
  nowMs: number;
  notificationUrl: string;
  /** Shopify sends the event id and topic in headers. */
  eventId?: string;
  eventType?: string;
}

/** One webhook provider: how its deliveries are signed, verified and identified. */
export interface WebhookProvider<Name extends string = string> {
  readonly name: Name;
  readonly label: string;
  /** The secret holding its signing keys, one or more, separated by whitespace or commas. */
  readonly secret: SecretName;
  /** Signs the notification URL before the body (Square), so it cannot verify until that URL is configured. */
  readonly signsNotificationUrl?: boolean;
  /** The header carrying the signature (lower case). */
  readonly signatureHeader: string;
  verify(delivery: Delivery): Verdict;
  /** The event id and type of a verified delivery; throws EventShapeError when it is not the provider's shape. */
  identify(rawBody: Buffer, headers: IncomingHttpHeaders): ProviderEvent;
  /** The headers a delivery of `body` carries, signed as the provider signs (local stack, `npm run webhook`, tests). */
  sign(input: SigningInput): Record<string, string>;
  /** A sample event body of a type, shaped as the provider sends it (`npm run webhook`). */
  sample(eventType: string, nowMs: number): { body: Record<string, unknown>; eventId: string };
  /** Event types `npm run webhook` can send a sample of. */
  readonly sampleTypes: readonly string[];
}

/** A single header value (the first, when a header repeats). */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first && first.trim() ? first.trim() : undefined;
}

/** The body as a JSON object, or EventShapeError. */
export function jsonObject(rawBody: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new EventShapeError('body is not JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new EventShapeError('body is not a JSON object');
  return parsed as Record<string, unknown>;
}

/** A non-empty string field of an object, or EventShapeError naming it. */
export function requiredText(object: Record<string, unknown>, field: string): string {
  const value = object[field];
  if (typeof value !== 'string' || value.trim() === '') throw new EventShapeError(`${field} is missing or not a string`);
  return value;
}
