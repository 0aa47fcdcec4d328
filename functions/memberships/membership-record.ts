import type { membershipEvents } from '@shared/warehouse/schema/memberships';

/** A membership's state as the ledger holds it: one row of commerce.membership_events (the latest is current). */
export type MembershipRow = typeof membershipEvents.row;

/** Where a membership stands. */
export type MembershipStatus = 'active' | 'past_due' | 'suspended' | 'cancelled';

/** What changed a membership. */
export type MembershipEventType =
  | 'subscribed'
  | 'upgraded'
  | 'downgrade_scheduled'
  | 'cancel_requested'
  | 'payment_method_updated'
  | 'renewed'
  | 'renewal_failed'
  | 'retry_failed'
  | 'suspended'
  | 'recovered'
  | 'cancelled';

/** The fields of a change; the ledger fills in the ids, sequence and time. */
export type MembershipChange = Omit<MembershipRow, 'event_id' | 'seq' | 'occurred_at'> & { event_type: MembershipEventType; status: MembershipStatus };

/**
 * The change `event_type` makes to `current`: every field carried over unless `fields` says otherwise, except a card
 * token an older row may hold, which is never written again (tokens are single-use; the card is stored at the gateway).
 */
export function changeOf(current: MembershipRow, event_type: MembershipEventType, actor: string, fields: Partial<MembershipRow>): MembershipChange {
  const { event_id: _id, seq: _seq, occurred_at: _at, ...state } = current;
  return { ...state, amount_cents: null, transaction_id: null, ...fields, payment_token_sealed: null, event_type, actor } as MembershipChange;
}

/** Whether the member currently gets the tier's benefits (discount): active or in the grace of past_due. */
export function hasBenefits(row: Pick<MembershipRow, 'status' | 'cancel_at_period_end' | 'period_end'>, now: Date): boolean {
  if (row.status !== 'active' && row.status !== 'past_due') return false;
  // A cancellation takes effect at period end even if the billing run has not recorded it yet.
  return !(row.cancel_at_period_end && Date.parse(row.period_end) <= now.getTime());
}
