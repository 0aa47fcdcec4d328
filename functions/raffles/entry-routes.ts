import { withIdempotency } from '@shared/http/idempotency';
import type { RateLimit } from '@shared/http/rate-limit';
import { route } from '@shared/http/router';
import { centsToDollars } from '@shared/money';
import { enterForFree } from './free-entry';
import { purchaseTickets } from './purchase';
import { freeEntryBody, purchaseBody } from './request-schemas';

/** Card payments share a tighter per-IP limit: card testers try many tokens quickly. */
const paymentLimit: RateLimit = { name: 'raffles-payments', limit: 30, windowSeconds: 600 };

/** POST /api/raffles/:id/purchase: charity raffle tickets, paid by card token. Idempotency-Key aware. */
export const purchaseRoute = route({
  method: 'POST',
  path: '/api/raffles/:id/purchase',
  access: 'customer',
  summary: 'Buys charity raffle tickets for the 21+ verified caller (own `customerId`), paid by card token; Idempotency-Key aware; 201',
  body: purchaseBody,
  rateLimit: paymentLimit,
  async handle(ctx) {
    ctx.assertOwner(ctx.body.customerId);
    return withIdempotency(ctx, { scope: 'raffles.purchase' }, async (idempotencyKey) => {
      const { entry, payment } = await purchaseTickets(ctx.runtime, {
        raffleId: ctx.params.id,
        customerId: ctx.body.customerId,
        email: ctx.body.email,
        tickets: ctx.body.tickets,
        token: ctx.body.paymentMethod.token,
        idempotencyKey,
        origin: { ip: ctx.ip, userAgent: ctx.userAgent || null },
      });
      return {
        status: 201,
        body: {
          entry: { entryId: entry.entryId, entryRef: entry.entryRef, status: entry.status, tickets: { first: entry.firstTicket, last: entry.lastTicket, count: entry.lastTicket - entry.firstTicket + 1 } },
          payment: { paymentId: payment.paymentId, transactionId: payment.transactionId, amount: centsToDollars(payment.amountCents), amountCents: payment.amountCents, card: payment.card },
        },
      };
    });
  },
});

/** POST /api/raffles/:id/free-entry: one free sweepstakes entry per customer. */
export const freeEntryRoute = route({
  method: 'POST',
  path: '/api/raffles/:id/free-entry',
  access: 'customer',
  summary: 'One free sweepstakes entry for the 21+ verified caller (own `customerId`); 201',
  body: freeEntryBody,
  async handle(ctx) {
    ctx.assertOwner(ctx.body.customerId);
    const entry = await enterForFree(ctx.runtime, { raffleId: ctx.params.id, customerId: ctx.body.customerId, email: ctx.body.email });
    return { status: 201, body: { entry: { entryId: entry.entryId, entryRef: entry.entryRef, status: entry.status, tickets: { first: entry.firstTicket, last: entry.lastTicket, count: 1 } } } };
  },
});
