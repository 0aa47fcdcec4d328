import type { Runtime } from '../runtime';
import { ageVerificationCurrent } from '../warehouse/schema/age-verification';

/** A customer's current age verification: what the status route and the shared check answer from. No personal data. */
export interface CurrentVerification {
  customerId: string;
  verificationId: string;
  method: string;
  provider: string;
  state: string;
  age: number;
  verifiedAt: string;
  expiresAt: string;
}

/** A verification this close to lapsing is "expiring": its customer gets a notice and compliance metrics count it. */
export const EXPIRY_NOTICE_DAYS = 30;

/** What the kv cache holds per customer: the verification, or null for "none" (never verified, revoked or erased). */
interface CachedEntry {
  verification: CurrentVerification | null;
}

/** How long "no verification" (or a lapsed one) is remembered; a new verification overwrites it at once. */
const NO_VERIFICATION_TTL_MS = 60_000;

/** The kv key of a customer's cached current verification. */
export function currentVerificationKey(customerId: string): string {
  return `age-verification:current:${customerId}`;
}

/** Whether a verification has lapsed at `now`. */
export function isExpired(verification: CurrentVerification, now: Date): boolean {
  return Date.parse(verification.expiresAt) <= now.getTime();
}

interface CurrentRow {
  customer_id: string;
  verification_id: string;
  method: string | null;
  provider: string | null;
  state: string | null;
  age: number | null;
  verified_at: string;
  expires_at: string;
}

/** The customer's current verification from the warehouse view (latest event, when it is a grant). */
export async function queryCurrentVerification(rt: Runtime, customerId: string): Promise<CurrentVerification | null> {
  const rows = await rt.warehouse.query<CurrentRow>(
    (d) => `SELECT customer_id, verification_id, method, provider, state, age, verified_at, expires_at
FROM ${d.table(ageVerificationCurrent)}
WHERE customer_id = ${d.param('customerId')}`,
    { params: { customerId } },
  );
  const row = rows[0];
  if (!row) return null;
  return {
    customerId: row.customer_id,
    verificationId: row.verification_id,
    method: row.method ?? 'full_verification',
    provider: row.provider ?? 'self_attestation',
    state: row.state ?? '',
    age: row.age ?? 0,
    verifiedAt: row.verified_at,
    expiresAt: row.expires_at,
  };
}

/** The cached current verification: undefined when kv holds nothing for the customer, null for a cached "none". */
export async function cachedCurrentVerification(rt: Runtime, customerId: string): Promise<CurrentVerification | null | undefined> {
  const cached = await rt.kv.get<CachedEntry>(currentVerificationKey(customerId));
  return cached ? cached.verification : undefined;
}

/**
 * The current verification from the warehouse, filling the cache. The fill never overwrites: a verification or erasure
 * cached meanwhile wins over this possibly older answer.
 */
export async function loadCurrentVerification(rt: Runtime, customerId: string): Promise<CurrentVerification | null> {
  const verification = await queryCurrentVerification(rt, customerId);
  // A current verification is cached until it lapses; "none" and lapsed ones briefly, as they change on the next verify.
  const untilExpiry = verification ? Date.parse(verification.expiresAt) - rt.clock.now().getTime() : 0;
  const ttlMs = untilExpiry > 0 ? untilExpiry : NO_VERIFICATION_TTL_MS;
  await rt.kv.setIfAbsent(currentVerificationKey(customerId), { verification } satisfies CachedEntry, ttlMs);
  return verification;
}

/** The customer's current verification (expired ones included; callers decide): from kv when cached, else the warehouse. */
export async function readCurrentVerification(rt: Runtime, customerId: string): Promise<CurrentVerification | null> {
  const cached = await cachedCurrentVerification(rt, customerId);
  return cached !== undefined ? cached : loadCurrentVerification(rt, customerId);
}

/** Caches a verification just granted, replacing whatever was cached; the entry lapses when the verification does. */
export async function cacheCurrentVerification(rt: Runtime, verification: CurrentVerification): Promise<void> {
  const ttlMs = Date.parse(verification.expiresAt) - rt.clock.now().getTime();
  if (ttlMs <= 0) return;
  await rt.kv.set(currentVerificationKey(verification.customerId), { verification } satisfies CachedEntry, { ttlMs });
}

/**
 * Caches "no verification" after a revocation or erasure. A set rather than a delete, so that a reader filling the cache
 * from a warehouse answer read just before the change cannot put the old verification back.
 */
export async function cacheNoVerification(rt: Runtime, customerId: string): Promise<void> {
  await rt.kv.set(currentVerificationKey(customerId), { verification: null } satisfies CachedEntry, { ttlMs: NO_VERIFICATION_TTL_MS });
}
