import { withIdempotency } from '@shared/http/idempotency';
import { HttpError } from '@shared/http/errors';
import type { RateLimit } from '@shared/http/rate-limit';
import { type RequestContext, route } from '@shared/http/router';
import type { TakenPayment } from '@shared/payments/payment-ledger';
import { cancel } from './cancel';
import { downgrade, upgrade } from './change-tier';
import { membershipJson } from './membership-json';
import type { MembershipRow } from './membership-record';
import { latestMembershipOf } from './membership-store';
import { centsToDollars } from '@shared/money';
import { updatePaymentMethod } from './payment-method';
import { cancelBody, downgradeBody, paymentMethodBody, subscribeBody, upgradeBody } from './request-schemas';
import { subscribe } from './subscribe';

/** Routes that charge a card share a tighter per-IP limit: card testers try many tokens quickly. */
const paymentLimit: RateLimit = { name: 'memberships-payments', limit: 30, windowSeconds: 600 };

function actorOf(ctx: Pick<RequestContext, 'principal'>): string {
  return ctx.principal ? `${ctx.principal.role}:${ctx.principal.sub}` : 'anonymous';
}

function show(ctx: Pick<RequestContext, 'runtime'>, row: MembershipRow) {
  return membershipJson(row, ctx.runtime.config.BUSINESS_TIMEZONE, ctx.runtime.clock.now());
}

function paymentJson(payment: TakenPayment | null) {
  if (!payment) return null;
  return {
    paymentId: payment.paymentId,
    transactionId: payment.transactionId,
    amount: centsToDollars(payment.amountCents),
    amountCents: payment.amountCents,
    card: payment.card,
  };
}

/** POST /api/memberships/subscribe: charges the first month and starts the membership (201). Idempotency-Key aware. */
export const subscribeRoute = route({
  method: 'POST',
  path: '/api/memberships/subscribe',
  access: 'customer',
  summary: 'Charges the first month and starts the membership of the caller (own `customerId`; admins: anyone); 201',
  body: subscribeBody,
  rateLimit: paymentLimit,
  async handle(ctx) {
    ctx.assertOwner(ctx.body.customerId);
    return withIdempotency(ctx, { scope: 'memberships.subscribe' }, async (idempotencyKey) => {
      const { membership, payment } = await subscribe(ctx.runtime, {
        customerId: ctx.body.customerId,
        email: ctx.body.email,
        tier: ctx.body.tier,
        token: ctx.body.paymentMethod.token,
        idempotencyKey,
        actor: actorOf(ctx),
      });
      return { status: 201, body: { membership: show(ctx, membership), payment: paymentJson(payment) } };
    });
  },
});

/** GET /api/memberships/:customerId: the customer's current (or most recent) membership. */
export const getMembershipRoute = route({
  method: 'GET',
  path: '/api/memberships/:customerId',
  access: 'customer',
  summary: 'The customer\'s current (or most recent) membership',
  owner: 'customerId',
  async handle(ctx) {
    const row = await latestMembershipOf(ctx.runtime, ctx.params.customerId);
    if (!row) throw new HttpError(404, 'MEMBERSHIP_NOT_FOUND', 'This customer has no membership');
    return { body: { membership: show(ctx, row) } };
  },
});

/** PUT /api/memberships/:customerId/upgrade: a dearer tier now, the prorated difference charged now. Idempotency-Key aware. */
export const upgradeRoute = route({
  method: 'PUT',
  path: '/api/memberships/:customerId/upgrade',
  access: 'customer',
  summary: 'A dearer tier now, the prorated difference charged now; Idempotency-Key aware',
  owner: 'customerId',
  body: upgradeBody,
  rateLimit: paymentLimit,
  async handle(ctx) {
    return withIdempotency(ctx, { scope: 'memberships.upgrade' }, async () => {
      const { membership, payment, proration } = await upgrade(ctx.runtime, {
        customerId: ctx.params.customerId,
        tier: ctx.body.tier,
        token: ctx.body.paymentMethod?.token,
        actor: actorOf(ctx),
      });
      return {
        body: {
          membership: show(ctx, membership),
          payment: paymentJson(payment),
          proration: {
            daysLeft: proration.daysLeft,
            daysInPeriod: proration.daysInPeriod,
            monthlyDifference: centsToDollars(proration.differenceCents),
            charged: centsToDollars(proration.amountCents),
            chargedCents: proration.amountCents,
          },
        },
      };
    });
  },
});

/** PUT /api/memberships/:customerId/downgrade: a cheaper tier from the next period. */
export const downgradeRoute = route({
  method: 'PUT',
  path: '/api/memberships/:customerId/downgrade',
  access: 'customer',
  summary: 'A cheaper tier from the next period',
  owner: 'customerId',
  body: downgradeBody,
  async handle(ctx) {
    const { membership, effectiveDate } = await downgrade(ctx.runtime, { customerId: ctx.params.customerId, tier: ctx.body.tier, actor: actorOf(ctx) });
    return { body: { membership: show(ctx, membership), effectiveDate } };
  },
});

/** PUT /api/memberships/:customerId/cancel: ends the membership when its paid period does. */
export const cancelRoute = route({
  method: 'PUT',
  path: '/api/memberships/:customerId/cancel',
  access: 'customer',
  summary: 'Ends the membership when its paid period does; the discount applies until then',
  owner: 'customerId',
  body: cancelBody,
  async handle(ctx) {
    const { membership, endsAt } = await cancel(ctx.runtime, { customerId: ctx.params.customerId, reason: ctx.body.reason, actor: actorOf(ctx) });
    return { body: { membership: show(ctx, membership), benefitsUntil: endsAt } };
  },
});

/**
 * PUT /api/memberships/:customerId/payment-method: a new card; for a membership in dunning the overdue renewal is
 * charged to it now and the membership recovers. Idempotency-Key aware.
 */
export const paymentMethodRoute = route({
  method: 'PUT',
  path: '/api/memberships/:customerId/payment-method',
  access: 'customer',
  summary: 'A new card; an overdue renewal is charged to it at once; Idempotency-Key aware',
  owner: 'customerId',
  body: paymentMethodBody,
  rateLimit: paymentLimit,
  async handle(ctx) {
    return withIdempotency(ctx, { scope: 'memberships.payment-method' }, async () => {
      const { membership, payment } = await updatePaymentMethod(ctx.runtime, {
        customerId: ctx.params.customerId,
        token: ctx.body.paymentMethod.token,
        actor: actorOf(ctx),
      });
      return { body: { membership: show(ctx, membership), payment: paymentJson(payment) } };
    });
  },
});
