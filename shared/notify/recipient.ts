import type { KeyRing } from '../privacy/keys';
import { keyedHash, open } from '../privacy/seal';
import { noticeEmailContext } from './outbox';

/** The sealed addresses a pending notice may go to, as the delivery query finds them. */
export interface SealedAddresses {
  dedupe_key: string;
  customer_id: string;
  /** Given with the notice itself (a raffle purchase's email). */
  email_sealed: string | null;
  /** The customer's latest membership that has an email, and that email. */
  membership_id: string | null;
  membership_email_sealed: string | null;
  /** The email of the Square customer with this id. */
  square_email_sealed: string | null;
}

/**
 * The SQL that finds those addresses for the notices in `outbox` (an alias of ops.notification_outbox): joins to the
 * customer's latest membership with an email and to the Square customer of the same id. Sealed values only: they are
 * opened in memory, one notice at a time, just before sending.
 */
export const SEALED_ADDRESS_JOINS = (table: (id: string) => string, outbox: string) => `LEFT JOIN (
  SELECT customer_id, membership_id, email_sealed,
    ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY started_at DESC, membership_id DESC) AS position
  FROM ${table('commerce.memberships_current')}
  WHERE email_sealed IS NOT NULL
) AS m ON m.customer_id = ${outbox}.customer_id AND m.position = 1
LEFT JOIN ${table('commerce.square_customers')} AS sq ON sq.id = ${outbox}.customer_id AND sq.email IS NOT NULL`;

/** The columns SEALED_ADDRESS_JOINS adds. */
export const SEALED_ADDRESS_COLUMNS = 'm.membership_id, m.email_sealed AS membership_email_sealed, sq.email AS square_email_sealed';

/**
 * Where a notice goes: the address given with it, else the customer's membership email, else the Square customer's
 * email; null when none is known. A value that does not open (a key retired too early, a tampered row) is skipped.
 */
export function recipientOf(row: SealedAddresses, ring: KeyRing): string | null {
  const candidates: Array<[string | null, string]> = [
    [row.email_sealed, noticeEmailContext(row.dedupe_key)],
    [row.membership_email_sealed, `membership:${row.membership_id}:email`],
    [row.square_email_sealed, `square_customers:${row.customer_id}:email`],
  ];
  for (const [sealed, context] of candidates) {
    if (!sealed) continue;
    try {
      const address = open(ring, sealed, context).trim();
      if (address.includes('@')) return address;
    } catch {
      // Try the next source.
    }
  }
  return null;
}

/** The keyed hash of an address, as the ledger keeps it (the same purpose as Square customers' email_hash). */
export function addressHash(pepper: string, address: string): string {
  return keyedHash(pepper, 'email', address.trim().toLowerCase());
}

const ADDRESS = /[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+/g;

/** Masks every address in a text (relays quote the recipient in their replies) before it is stored or logged. */
export function maskAddresses(text: string): string {
  return text.replace(ADDRESS, '<address>');
}
