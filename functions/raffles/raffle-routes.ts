import { HttpError } from '@shared/http/errors';
import { type RequestContext, route } from '@shared/http/router';
import { cancelRaffle } from './cancel';
import { createRaffle } from './create';
import { drawRaffle } from './draw';
import { entriesOf } from './entry-store';
import { centsToDollars } from '@shared/money';
import { raffleJson, raffleStatus } from './raffle-record';
import { listRaffles, requireRaffle } from './raffle-store';
import { cancelBody, createRaffleBody, updateRaffleBody } from './request-schemas';
import { raffleStats } from './stats';
import { updateRaffle } from './update';
import { drawVerification } from './verification';

/** Who made a change, for the ledger. */
export function actorOf(ctx: Pick<RequestContext, 'principal'>): string {
  return ctx.principal ? `${ctx.principal.role}:${ctx.principal.sub}` : 'anonymous';
}

/** GET /api/raffles/stats (admin): entries paid and free, revenue, refunds, sell-through. */
export const statsRoute = route({
  method: 'GET',
  path: '/api/raffles/stats',
  access: 'admin',
  summary: 'Per raffle and overall: entries paid and free, tickets sold, revenue, refunds made and still owed, sell-through',
  async handle(ctx) {
    return { body: await raffleStats(ctx.runtime) };
  },
});

/** GET /api/raffles: every raffle with its status, odds, commitment and announced beacon round. */
export const listRoute = route({
  method: 'GET',
  path: '/api/raffles',
  access: 'customer',
  summary: 'Every raffle and sweepstakes with its status, odds, commitment and announced beacon round',
  async handle(ctx) {
    const now = ctx.runtime.clock.now();
    return { body: { raffles: (await listRaffles(ctx.runtime)).map((r) => raffleJson(r, now)) } };
  },
});

/** POST /api/raffles (admin): a charitable raffle or a sweepstakes, checked against the jurisdiction profile. */
export const createRoute = route({
  method: 'POST',
  path: '/api/raffles',
  access: 'admin',
  summary: 'Creates a charitable raffle or a sweepstakes, checked against the jurisdiction profile; publishes its commitment and beacon round; 201',
  body: createRaffleBody,
  async handle(ctx) {
    const raffle = await createRaffle(ctx.runtime, ctx.body, actorOf(ctx));
    return { status: 201, body: { raffle: raffleJson(raffle, ctx.runtime.clock.now()) } };
  },
});

/** GET /api/raffles/:id. */
export const getRoute = route({
  method: 'GET',
  path: '/api/raffles/:id',
  access: 'customer',
  summary: 'One raffle: rules, prize, odds, status, commitment, beacon round, and its result once drawn',
  async handle(ctx) {
    return { body: { raffle: raffleJson(await requireRaffle(ctx.runtime, ctx.params.id), ctx.runtime.clock.now()) } };
  },
});

/** PUT /api/raffles/:id (admin): what may still change. */
export const updateRoute = route({
  method: 'PUT',
  path: '/api/raffles/:id',
  access: 'admin',
  summary: 'Changes what may still change (less once entries are open; the draw date by more than 30 days only with no paid entry standing)',
  body: updateRaffleBody,
  async handle(ctx) {
    const raffle = await updateRaffle(ctx.runtime, ctx.params.id, ctx.body, actorOf(ctx));
    return { body: { raffle: raffleJson(raffle, ctx.runtime.clock.now()) } };
  },
});

/** GET /api/raffles/:id/progress: tickets taken and left, and the time left. */
export const progressRoute = route({
  method: 'GET',
  path: '/api/raffles/:id/progress',
  access: 'customer',
  summary: 'Tickets sold, held and left, entrants, time to close',
  async handle(ctx) {
    const raffle = await requireRaffle(ctx.runtime, ctx.params.id);
    const entries = await entriesOf(ctx.runtime, raffle.raffle_id, { statuses: ['reserved', 'confirmed'] });
    const count = (status: string) => entries.filter((e) => e.status === status).reduce((n, e) => n + e.lastTicket - e.firstTicket + 1, 0);
    const sold = count('confirmed');
    const held = count('reserved');
    const now = ctx.runtime.clock.now();
    return {
      body: {
        raffleId: raffle.raffle_id,
        status: raffleStatus(raffle, now),
        maxTickets: raffle.max_tickets,
        ticketsSold: sold,
        ticketsHeld: held,
        ticketsLeft: Math.max(0, raffle.max_tickets - sold - held),
        percentSold: Math.round((sold / raffle.max_tickets) * 10_000) / 100,
        entrants: new Set(entries.filter((e) => e.status === 'confirmed').map((e) => e.customerId)).size,
        secondsUntilClose: Math.max(0, Math.round((Date.parse(raffle.entries_close_at) - now.getTime()) / 1000)),
        drawAt: raffle.draw_at,
      },
    };
  },
});

/** GET /api/raffles/:id/tickets/:customerId: a customer's own entries and ticket numbers. */
export const ticketsRoute = route({
  method: 'GET',
  path: '/api/raffles/:id/tickets/:customerId',
  access: 'customer',
  summary: "The customer's own entries and ticket numbers",
  owner: 'customerId',
  async handle(ctx) {
    const raffle = await requireRaffle(ctx.runtime, ctx.params.id);
    const entries = await entriesOf(ctx.runtime, raffle.raffle_id, { customerId: ctx.params.customerId });
    return {
      body: {
        raffleId: raffle.raffle_id,
        customerId: ctx.params.customerId,
        entries: entries.map((e) => ({
          entryId: e.entryId,
          entryRef: e.entryRef,
          method: e.method,
          status: e.status,
          tickets: { first: e.firstTicket, last: e.lastTicket, count: e.lastTicket - e.firstTicket + 1 },
          amount: centsToDollars(e.amountCents),
          at: e.occurredAt,
        })),
        ticketCount: entries.filter((e) => e.status === 'confirmed').reduce((n, e) => n + e.lastTicket - e.firstTicket + 1, 0),
      },
    };
  },
});

/** POST /api/raffles/:id/draw (admin): runs raffle-draw-v1 once drawAt has passed. */
export const drawRoute = route({
  method: 'POST',
  path: '/api/raffles/:id/draw',
  access: 'admin',
  summary: 'Draws with raffle-draw-v1 once drawAt has passed (409 DRAW_NOT_DUE before); a drawn raffle answers its result',
  async handle(ctx) {
    const raffle = await drawRaffle(ctx.runtime, ctx.params.id, actorOf(ctx));
    return { body: { raffle: raffleJson(raffle, ctx.runtime.clock.now()), verify: `/api/raffles/${raffle.raffle_id}/verify` } };
  },
});

/** DELETE /api/raffles/:id/cancel (admin): cancels and refunds every paid entry. */
export const cancelRoute = route({
  method: 'DELETE',
  path: '/api/raffles/:id/cancel',
  access: 'admin',
  summary: 'Cancels an undrawn raffle and refunds every paid entry (void before settlement, refund after); says what is still owed',
  body: cancelBody,
  async handle(ctx) {
    const { raffle, refunded, owed, owedCents } = await cancelRaffle(ctx.runtime, ctx.params.id, ctx.body.reason, actorOf(ctx));
    return { body: { raffle: raffleJson(raffle, ctx.runtime.clock.now()), refunds: { refunded, stillOwed: owed, stillOwedAmount: centsToDollars(owedCents) } } };
  },
});

/** GET /api/raffles/:id/verify (public once drawn): everything needed to recompute the draw. */
export const verifyRoute = route({
  method: 'GET',
  path: '/api/raffles/:id/verify',
  access: 'public',
  summary: 'Once drawn: seed, commitment, manifest, beacon round and picks, everything needed to recompute the draw',
  async handle(ctx) {
    if (!ctx.params.id.startsWith('raf_')) throw new HttpError(404, 'RAFFLE_NOT_FOUND', 'No raffle with this id');
    return { body: await drawVerification(ctx.runtime, ctx.params.id) };
  },
});
