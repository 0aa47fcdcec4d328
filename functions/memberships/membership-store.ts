import { HttpError } from '@shared/http/errors';
import type { Runtime } from '@shared/runtime';
import { membershipEvents, membershipsCurrent } from '@shared/warehouse/schema/memberships';
import type { MembershipChange, MembershipRow } from './membership-record';

const COLUMNS = Object.keys(membershipEvents.columns).join(', ');

/** The customer's most recent membership (open or ended), or null when it never had one. */
export async function latestMembershipOf(rt: Runtime, customerId: string): Promise<MembershipRow | null> {
  const rows = await rt.warehouse.query<MembershipRow>(
    (d) => `SELECT ${COLUMNS} FROM ${d.table(membershipsCurrent)}
WHERE customer_id = ${d.param('customerId')}
ORDER BY CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END, started_at DESC, membership_id
LIMIT 1`,
    { params: { customerId } },
  );
  return rows[0] ?? null;
}

/** The customer's membership that is not cancelled, or null. */
export async function openMembershipOf(rt: Runtime, customerId: string): Promise<MembershipRow | null> {
  const latest = await latestMembershipOf(rt, customerId);
  return latest && latest.status !== 'cancelled' ? latest : null;
}

/** A membership's current state by id, or null. */
export async function membershipById(rt: Runtime, membershipId: string): Promise<MembershipRow | null> {
  const rows = await rt.warehouse.query<MembershipRow>(
    (d) => `SELECT ${COLUMNS} FROM ${d.table(membershipsCurrent)} WHERE membership_id = ${d.param('membershipId')}`,
    { params: { membershipId } },
  );
  return rows[0] ?? null;
}

/** Memberships the billing run may have to act on: past due, suspended, or with a period ending before `horizon`. */
export async function membershipsToBill(rt: Runtime, horizon: Date): Promise<MembershipRow[]> {
  return rt.warehouse.query<MembershipRow>(
    (d) => `SELECT ${COLUMNS} FROM ${d.table(membershipsCurrent)}
WHERE status IN ('past_due', 'suspended') OR (status = 'active' AND period_end < ${d.param('horizon')})
ORDER BY period_end, membership_id`,
    { params: { horizon } },
  );
}

/** Another change to this membership was recorded first; nothing of this one was kept. */
export class MembershipChangedError extends HttpError {
  constructor(membershipId: string) {
    super(409, 'MEMBERSHIP_CHANGED', `Membership ${membershipId} was changed by another request; reload and try again`);
  }
}

/**
 * Appends a change as the next row of the membership's ledger (`previous` null for a new membership). The event id is
 * `<membership>:<seq>`, so if another writer recorded the same next change first this one is not kept and
 * MembershipChangedError is thrown. Invalidates the customer's cached discount.
 */
export async function recordMembershipEvent(rt: Runtime, previous: MembershipRow | null, change: MembershipChange): Promise<MembershipRow> {
  const seq = (previous?.seq ?? 0) + 1;
  const row: MembershipRow = { ...change, event_id: `${change.membership_id}:${seq}`, seq, occurred_at: rt.clock.now().toISOString() };
  const { inserted } = await rt.warehouse.append(membershipEvents, [row]);
  if (inserted === 0) throw new MembershipChangedError(change.membership_id);
  await rt.kv.del(discountCacheKey(change.customer_id)).catch((error) => rt.log.warn('discount cache not invalidated', { error }));
  return row;
}

/** The kv key of a customer's cached discount standing. */
export function discountCacheKey(customerId: string): string {
  return `membership:discount:${customerId}`;
}
