import { randomBytes, randomUUID } from 'node:crypto';

/** A new verification id: `av_` and 120 random bits, URL-safe. */
export function newVerificationId(): string {
  return `av_${randomBytes(15).toString('base64url')}`;
}

/** A new ledger event or attempt id. */
export function newRecordId(): string {
  return randomUUID();
}
