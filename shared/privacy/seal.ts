import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { KeyRing } from './keys';

/**
 * A keyed hash (HMAC-SHA256 with the secret pepper) of a normalized value: equal inputs match, but without the pepper
 * the hash cannot be reversed by trying every birth date or name.
 */
export function keyedHash(pepper: string, purpose: string, value: string): string {
  return createHmac('sha256', pepper).update(`${purpose}\u0000${value}`).digest('hex');
}

/**
 * Encrypts with AES-256-GCM under the ring's current key. `context` (e.g. the record id) is bound as additional
 * data, so a ciphertext copied onto another record fails to open. Format: `v<version>.<iv>.<tag>.<ciphertext>`.
 */
export function seal(ring: KeyRing, plaintext: string, context: string): string {
  const key = ring.keys.get(ring.current) as Buffer;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v' + ring.current, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

/** Opens a sealed value with the key version it names; a wrong key, context or tampering throws. */
export function open(ring: KeyRing, sealed: string, context: string): string {
  const [versionText, iv, tag, data] = sealed.split('.');
  const version = Number(versionText?.slice(1));
  const key = ring.keys.get(version);
  if (!key || !iv || !tag || data === undefined) throw new Error(`Cannot open sealed value: unknown key version ${versionText}`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}
