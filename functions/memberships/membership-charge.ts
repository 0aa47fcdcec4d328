import { HttpError } from '@shared/http/errors';
import type { PaymentSource } from '@shared/payments/gateway';
import { paymentGateway } from '@shared/payments/gateway-for-runtime';
import { type TakenPayment, reversePayment, takePayment } from '@shared/payments/payment-ledger';
import type { Runtime } from '@shared/runtime';
import { type MembershipChange, type MembershipRow } from './membership-record';
import { recordMembershipEvent } from './membership-store';
import { storedCardOf } from './stored-card';

/** A charge against an existing membership. */
export interface MembershipChargeRequest {
  purpose: 'membership.upgrade' | 'membership.renewal' | 'membership.recovery';
  amountCents: number;
  /** Identifies the charge so a retry of the same step reuses the gateway invoice. */
  paymentKey: string;
  description: string;
  /** A new card token (spent by this charge); the membership's stored card is charged when absent. */
  token?: string;
}

/**
 * Charges a membership: a new card's token when one is given, else the card stored at the gateway (409
 * NO_PAYMENT_METHOD when there is none). Never records anything on the membership.
 */
export async function chargeMembership(rt: Runtime, membership: MembershipRow, request: MembershipChargeRequest): Promise<TakenPayment> {
  const stored = storedCardOf(membership);
  const source: PaymentSource | null = request.token ? { kind: 'token', token: request.token } : stored ? { kind: 'profile', ...stored } : null;
  if (!source) throw new HttpError(409, 'NO_PAYMENT_METHOD', 'The membership has no card on file; add one first');
  return takePayment(rt, paymentGateway(rt), {
    customerId: membership.customer_id,
    purpose: request.purpose,
    subjectId: membership.membership_id,
    amountCents: request.amountCents,
    source,
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
