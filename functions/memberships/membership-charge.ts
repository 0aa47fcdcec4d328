import { HttpError } from '@shared/http/errors';
import { paymentGateway } from '@shared/payments/gateway-for-runtime';
import { type TakenPayment, reversePayment, takePayment } from '@shared/payments/payment-ledger';
import type { Runtime } from '@shared/runtime';
import { type MembershipChange, type MembershipRow } from './membership-record';
import { recordMembershipEvent } from './membership-store';
import { openPaymentToken } from './sealed-fields';

/** A charge against an existing membership. */
export interface MembershipChargeRequest {
  purpose: 'membership.upgrade' | 'membership.renewal' | 'membership.recovery';
  amountCents: number;
  /** Identifies the charge so a retry of the same step reuses the gateway invoice. */
  paymentKey: string;
  description: string;
  /** A new card token; the stored one is used when absent. */
  token?: string;
}

/** Charges a membership's card (the stored token unless a new one is given). Never records anything on the membership. */
export async function chargeMembership(rt: Runtime, membership: MembershipRow, request: MembershipChargeRequest): Promise<TakenPayment> {
  const token = request.token ?? (membership.payment_token_sealed ? await openPaymentToken(rt, membership.membership_id, membership.payment_token_sealed) : null);
  if (!token) throw new HttpError(409, 'NO_PAYMENT_METHOD', 'The membership has no card on file; add one first');
  return takePayment(rt, paymentGateway(rt), {
    customerId: membership.customer_id,
    purpose: request.purpose,
    subjectId: membership.membership_id,
    amountCents: request.amountCents,
    token,
    paymentKey: request.paymentKey,
    description: request.description,
  });
}

/**
 * Records the change a successful charge paid for. If it cannot be recorded (the warehouse failed, or another change
 * got there first) the charge is reversed before the error goes on, so no charge is left without its change.
 */
export async function recordPaidChange(rt: Runtime, current: MembershipRow, change: MembershipChange, payment: TakenPayment): Promise<MembershipRow> {
  try {
    return await recordMembershipEvent(rt, current, { ...change, amount_cents: payment.amountCents, transaction_id: payment.transactionId });
  } catch (error) {
    await reversePayment(rt, paymentGateway(rt), payment, `membership change ${change.event_type} could not be saved`);
    if (error instanceof HttpError) throw error;
    throw new HttpError(503, 'MEMBERSHIP_NOT_SAVED', 'The change could not be saved, so the payment was voided; please try again', {
      cause: error,
      details: { paymentId: payment.paymentId },
    });
  }
}
