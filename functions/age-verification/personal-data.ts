import { timingSafeEqual } from 'node:crypto';
import { HttpError } from '@shared/http/errors';
import { type KeyRing, parseKeyRing } from '@shared/privacy/keys';
import { keyedHash, open, seal } from '@shared/privacy/seal';
import type { Runtime } from '@shared/runtime';
import { type CalendarDate, formatCalendarDate } from '@shared/calendar';
import { normalizeFullName } from './full-name';

/** The pepper for keyed hashes and the key ring for sealing. */
export interface PrivacyKeys {
  pepper: string;
  ring: KeyRing;
}

let parsed: { pepper: string; ringText: string; keys: PrivacyKeys } | undefined;

/**
 * The privacy keys from the secrets port, parsed once per secret value (a rotation is picked up when the adapter's
 * cache refreshes). A malformed secret fails with a message that never quotes it.
 */
export async function privacyKeys(rt: Runtime): Promise<PrivacyKeys> {
  const [pepper, ringText] = await Promise.all([rt.secrets.get('pii-pepper'), rt.secrets.get('pii-encryption-keys')]);
  if (parsed && parsed.pepper === pepper && parsed.ringText === ringText) return parsed.keys;
  if (pepper.length < 16) throw new HttpError(500, 'PRIVACY_KEYS_INVALID', 'Privacy keys are misconfigured: pii-pepper is too short');
  let ring: KeyRing;
  try {
    ring = parseKeyRing(ringText);
  } catch (error) {
    // JSON.parse quotes the text it failed on; the secret must not reach a log, so only the kind of error is kept.
    const kind = error instanceof SyntaxError ? 'not valid JSON' : 'not a valid key ring';
    throw new HttpError(500, 'PRIVACY_KEYS_INVALID', `Privacy keys are misconfigured: pii-encryption-keys is ${kind}`);
  }
  parsed = { pepper, ringText, keys: { pepper, ring } };
  return parsed.keys;
}

/** Keyed hash of a full name in its normalized form. */
export function hashFullName(keys: PrivacyKeys, fullName: string): string {
  return keyedHash(keys.pepper, 'age-verification:full-name', normalizeFullName(fullName));
}

/** Keyed hash of a birth date (YYYY-MM-DD). */
export function hashBirthDate(keys: PrivacyKeys, date: CalendarDate): string {
  return keyedHash(keys.pepper, 'age-verification:birth-date', formatCalendarDate(date));
}

/** The context the ID digits are sealed under: bound to the verification, so a ciphertext moved to another fails to open. */
function last4Context(verificationId: string): string {
  return `age_verifications:${verificationId}:id_last4`;
}

/** Seals the last four ID digits under the current key, bound to the verification id; returns the text and key version. */
export function sealLast4(keys: PrivacyKeys, verificationId: string, last4: string): { sealed: string; keyVersion: number } {
  return { sealed: seal(keys.ring, last4, last4Context(verificationId)), keyVersion: keys.ring.current };
}

/**
 * Opens sealed ID digits. A missing key version, a wrong key or a tampered value is a loud 500 SEALED_DATA_UNREADABLE,
 * never a quiet mismatch: it means the key ring lost or changed a key that data still depends on.
 */
export function openLast4(keys: PrivacyKeys, verificationId: string, sealed: string): string {
  try {
    return open(keys.ring, sealed, last4Context(verificationId));
  } catch (error) {
    const version = sealed.split('.')[0];
    throw new HttpError(500, 'SEALED_DATA_UNREADABLE', `Sealed ID digits of ${verificationId} cannot be opened with key ${version}`, {
      cause: error,
    });
  }
}

/** Compares ID digits in constant time. */
export function sameDigits(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
