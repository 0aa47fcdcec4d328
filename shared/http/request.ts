import type { IncomingMessage } from 'node:http';
import { HttpError } from './errors';

/** Request bodies above this size are refused with 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** What the functions framework (Express) adds to a request; absent when served by a plain Node server. */
export interface FrameworkRequest extends IncomingMessage {
  rawBody?: Buffer;
  body?: unknown;
  /** The request target as it arrived, before any Express mount rewrote `url`. */
  originalUrl?: string;
}

const tooLarge = () => new HttpError(413, 'PAYLOAD_TOO_LARGE', `Request body exceeds ${MAX_BODY_BYTES} bytes`);

/**
 * The raw request body. Under the functions framework the body was already read into rawBody; under a plain Node
 * server the stream is read here, stopping at the size limit.
 */
export async function readRawBody(req: FrameworkRequest): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  if (Buffer.isBuffer(req.rawBody)) {
    if (req.rawBody.length > MAX_BODY_BYTES) throw tooLarge();
    return req.rawBody;
  }
  if (req.readableEnded || req.method === 'GET' || req.method === 'HEAD') return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      req.resume();
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The JSON body: undefined when empty, 400 INVALID_JSON when malformed. */
export function parseJsonBody(raw: Buffer, req: FrameworkRequest): unknown {
  if (raw.length === 0) return req.body && typeof req.body === 'object' && !Buffer.isBuffer(req.body) ? req.body : undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new HttpError(400, 'INVALID_JSON', 'Request body is not valid JSON', { cause: error });
  }
}

/**
 * The caller's IP. Behind Google's load balancer X-Forwarded-For ends with "<client>, <load balancer>"; earlier
 * entries are whatever the client sent, so the address is taken `hops` entries from the end, never from the start.
 */
export function clientIp(req: IncomingMessage, hops: number): string {
  if (hops > 0) {
    const forwarded = String(req.headers['x-forwarded-for'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const candidate = forwarded[forwarded.length - hops];
    if (candidate) return candidate;
  }
  return req.socket?.remoteAddress ?? 'unknown';
}
