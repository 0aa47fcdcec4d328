/**
 * The shop's sales history: payments over the configured span at every location, with the later lives Square
 * users see (delayed captures, voids, declines, ACH transfers clearing, refunds days or months after the sale).
 */
import { floor, max, min, parseDate } from './bound-globals';
import type { CardPool } from './card-pool';
import { draftPayment } from './draft-payment';
import { draftRefund, refundCents, settleRefund, settlesLater } from './draft-refund';
import type { GeneratedLocation } from './generate-locations';
import { iso } from './emulator-clock';
import { applyRefundsToPayment, setPaymentStatus } from './payment-lifecycle';
import type { Rng } from './random';
import { SaleTimeSampler } from './sales-seasonality';
import type { SquareCustomer, SquarePayment, SquarePaymentStatus, SquareRefund } from './wire-types';

const SECOND = 1000, MINUTE = 60_000, HOUR = 3_600_000, DAY = 86_400_000;
const WEB_FATES = [['COMPLETED', 93], ['FAILED', 4.5], ['CANCELED', 2.5]] as const;
const STORE_FATES = [['COMPLETED', 96.5], ['FAILED', 2.6], ['CANCELED', 0.9]] as const;
const REFUND_DELAYS = [[0, 65], [1, 22], [2, 13]] as const;
const REFUND_OUTCOMES = [['COMPLETED', 98.5], ['REJECTED', 0.75], ['FAILED', 0.75]] as const;

/** Inputs shared by history generation and run-time mutations. */
export interface SalesContext {
  locations: readonly GeneratedLocation[];
  /** Shelf prices in cents that baskets are filled from. */
  prices: readonly number[];
  /** Cards shoppers pay with. */
  cards: CardPool;
  /** Customers sorted by created_at, with their creation times in ms. */
  customers: readonly SquareCustomer[];
  customerCreatedMs: readonly number[];
}

/** A customer who already existed at `ms`, or none (walk-ins rarely give their name; online orders nearly always do). */
export function customerFor(rng: Rng, ctx: SalesContext, ms: number, online: boolean): string | undefined {
  if (!rng.chance(online ? 0.95 : 0.5)) return undefined;
  let lo = 0, hi = ctx.customerCreatedMs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ctx.customerCreatedMs[mid] <= ms) lo = mid + 1; else hi = mid;
  }
  return lo === 0 ? undefined : ctx.customers[rng.int(0, lo - 1)].id;
}

/** Decides what became of a drafted payment by `latestMs` and applies it. */
function settlePayment(rng: Rng, p: SquarePayment, createdMs: number, latestMs: number, online: boolean): void {
  const quick = createdMs + rng.int(300, 2 * SECOND);
  // History keeps the token the payment was drafted with: only its final state is ever observed.
  if (p.status === 'COMPLETED') { p.updated_at = iso(min(quick, latestMs)); return; }
  let fate: SquarePaymentStatus;
  let at: number;
  if (p.source_type === 'BANK_ACCOUNT') {
    fate = rng.chance(0.95) ? 'COMPLETED' : 'FAILED';
    at = createdMs + rng.int(3 * DAY, 5 * DAY);
  } else {
    fate = rng.weighted(online ? WEB_FATES : STORE_FATES);
    if (fate === 'FAILED') at = createdMs + rng.int(SECOND, 5 * SECOND);
    else if (fate === 'CANCELED') at = online ? createdMs + rng.int(HOUR, 6 * DAY) : createdMs + rng.int(MINUTE, 30 * MINUTE);
    // Online orders are often authorized at checkout and captured when they ship.
    else at = online && rng.chance(0.35) ? createdMs + rng.int(HOUR, 3 * DAY) : quick;
  }
  if (at <= latestMs) setPaymentStatus(p, fate, at, rng);
  else p.updated_at = iso(min(quick, latestMs));
}

/** Generates `count` payments between `fromMs` and `latestMs`, sorted by created_at. */
export function generatePayments(rng: Rng, ctx: SalesContext, count: number, fromMs: number, latestMs: number): SquarePayment[] {
  const sampler = new SaleTimeSampler(
    ctx.locations.map((l) => ({ timeZone: l.wire.timezone, online: l.online, weight: l.salesWeight })), fromMs, latestMs,
  );
  // Time and channel packed in one float (ms * 64 + channel, exact below 2^53) sort natively, without a comparator.
  const draws = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const { channel, ms } = sampler.sample(rng);
    draws[i] = ms * 64 + channel;
  }
  draws.sort();
  return Array.from(draws, (packed) => {
    const ms = floor(packed / 64);
    const loc = ctx.locations[packed - ms * 64];
    const p = draftPayment(rng, ctx.prices, ctx.cards, loc, ms, customerFor(rng, ctx, ms, loc.online));
    settlePayment(rng, p, ms, latestMs, loc.online);
    return p;
  });
}

/** Adds refunds to a few percent of completed payments, some partial, some long after the sale. */
export function generateRefunds(rng: Rng, payments: readonly SquarePayment[], latestMs: number): SquareRefund[] {
  const all: SquareRefund[] = [];
  for (const p of payments) {
    if (p.status !== 'COMPLETED' || !rng.chance(0.032)) continue;
    const soldAt = parseDate(p.updated_at);
    const mine: SquareRefund[] = [];
    let lastChange = soldAt;
    let remaining = p.total_money.amount;
    let at = soldAt;
    for (let n = 0; n < 2 && remaining > 0; n++) {
      const delay = rng.weighted(REFUND_DELAYS);
      at += delay === 0 ? rng.int(5 * MINUTE, 3 * DAY) : delay === 1 ? rng.int(3 * DAY, 30 * DAY) : rng.int(30 * DAY, 240 * DAY);
      if (at > latestMs) break;
      const cents = refundCents(rng, remaining);
      const r = draftRefund(rng, p, at, cents);
      lastChange = max(lastChange, at);
      if (settlesLater(p)) {
        const settledAt = at + rng.int(10 * MINUTE, 48 * HOUR);
        if (settledAt <= latestMs) {
          const status = rng.weighted(REFUND_OUTCOMES);
          settleRefund(r, status, settledAt);
          // A refund that did not go through changes what the payment reports as refunded.
          if (status !== 'COMPLETED') lastChange = max(lastChange, settledAt);
        }
      }
      mine.push(r);
      if (r.status === 'PENDING' || r.status === 'COMPLETED') remaining -= cents;
      // Only some customers bring back a second part of the same basket.
      if (!rng.chance(0.15)) break;
    }
    if (mine.length === 0) continue;
    applyRefundsToPayment(p, mine, lastChange, rng);
    all.push(...mine);
  }
  return all;
}

/** Makes sure some recent card payments are still awaiting capture, so status changes have candidates. */
export function keepSomeAwaitingCapture(rng: Rng, payments: SquarePayment[], target: number): void {
  let waiting = payments.filter((p) => p.status === 'APPROVED' || p.status === 'PENDING').length;
  for (let i = payments.length - 1; i >= 0 && waiting < target; i--) {
    const p = payments[i];
    if (p.status !== 'COMPLETED' || p.refund_ids || (p.source_type !== 'CARD' && p.source_type !== 'WALLET')) continue;
    setPaymentStatus(p, 'APPROVED', parseDate(p.created_at) + rng.int(300, 2 * SECOND), rng);
    waiting++;
  }
}
