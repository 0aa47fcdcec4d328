import { HttpError } from '@shared/http/errors';
import type { Runtime } from '@shared/runtime';
import type { MembershipRow, MembershipStatus } from './membership-record';
import { openMembershipOf } from './membership-store';

/** The customer's open membership, or 404 MEMBERSHIP_NOT_FOUND; 409 MEMBERSHIP_NOT_ACTIVE when its status is not allowed. */
export async function requireOpenMembership(rt: Runtime, customerId: string, allowed: readonly MembershipStatus[]): Promise<MembershipRow> {
  const membership = await openMembershipOf(rt, customerId);
  if (!membership) throw new HttpError(404, 'MEMBERSHIP_NOT_FOUND', 'This customer has no open membership');
  if (!allowed.includes(membership.status as MembershipStatus)) {
    throw new HttpError(409, 'MEMBERSHIP_NOT_ACTIVE', `Not possible while the membership is ${membership.status}`, {
      details: { status: membership.status },
    });
  }
  return membership;
}
