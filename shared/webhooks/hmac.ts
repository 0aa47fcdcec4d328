import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 of a message under a key. */
export function hmacSha256(key: string, ...parts: Array<string | Buffer>): Buffer {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/**
 * Whether a signature as sent (base64 or hex text) is the expected digest, compared in constant time. A value that
 * does not decode to a digest's length fails without comparing (its length says nothing about the key).
 */
export function signatureMatches(expected: Buffer, sent: string, encoding: 'base64' | 'hex'): boolean {
  const text = sent.trim();
  const wellFormed = encoding === 'hex' ? /^[0-9a-fA-F]+$/.test(text) : /^[A-Za-z0-9+/]+={0,2}$/.test(text);
  if (!wellFormed) return false;
  const given = Buffer.from(text, encoding);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
