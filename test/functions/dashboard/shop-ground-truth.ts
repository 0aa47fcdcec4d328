import { writeSourceRows } from '@shared/sales-rollup';
import type { Warehouse } from '@shared/warehouse/port';
import { lightspeedTransactions } from '@shared/warehouse/schema/lightspeed';
import { squarePayments, squareRefunds } from '@shared/warehouse/schema/square';
import { chicagoDate, chicagoInstant, mondayOf, monthOf, plusDays, yearOf } from './chicago-calendar';

type PaymentRow = typeof squarePayments.row;
type RefundRow = typeof squareRefunds.row;
type LightspeedRow = typeof lightspeedTransactions.row;

/** A generated shop: the rows as the sync would have written them. */
export interface Shop {
  payments: PaymentRow[];
  refunds: RefundRow[];
  lightspeed: LightspeedRow[];
}

/** Small deterministic PRNG (mulberry32), so a failing case can be reproduced. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}

/**
 * Instants around which the business calendar turns in America/Chicago: midnights that end a day, a week (Sunday to
 * Monday), a month and a year, both daylight-saving changes, and the midnights right after them, when the offset
 * differs from the one a day earlier.
 */
export const BOUNDARIES: readonly Date[] = [
  chicagoInstant('2025-01-01T00:00:00'), // a year
  chicagoInstant('2025-11-02T00:00:00'), // the autumn change day begins (CDT)
  new Date('2025-11-02T07:00:00Z'), // 02:00 CDT becomes 01:00 CST
  chicagoInstant('2025-11-03T00:00:00'), // the first CST midnight; a Monday: a new week
  chicagoInstant('2025-12-01T00:00:00'), // a month and (a Monday) a week
  chicagoInstant('2026-01-01T00:00:00'), // a year, in the middle of a week that began on 29 December
  chicagoInstant('2026-02-01T00:00:00'),
  chicagoInstant('2026-03-01T00:00:00'), // a month (Sunday)
  chicagoInstant('2026-03-02T00:00:00'), // a week
  new Date('2026-03-08T08:00:00Z'), // 02:00 CST becomes 03:00 CDT
  chicagoInstant('2026-03-09T00:00:00'), // the first CDT midnight; a Monday
];

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A shop whose sales and refunds crowd every boundary (a second and a minute either side, from both sources) on top
 * of a random year and a half of trade: every status, shared customer ids across sources, Lightspeed returns and
 * sales completed after they were opened, Square refunds (some pending or rejected) days or weeks after their sale,
 * many in a later day, week, month or year, and some stamped after the instants the tests ask about.
 */
export function generateShop(seed = 20260308): Shop {
  const r = random(seed);
  const shop: Shop = { payments: [], refunds: [], lightspeed: [] };
  const customers = Array.from({ length: 60 }, (_, i) => `C${i}`);
  let n = 0;

  const addSquare = (createdMs: number) => {
    const id = `sq-${++n}`;
    const status = r.pick(['COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED', 'APPROVED', 'PENDING', 'CANCELED', 'FAILED']);
    const amount = r.int(1, 40_000);
    const payment: PaymentRow = {
      id,
      location_id: r.pick(['L1', 'L2', 'L3']),
      customer_id: r.next() < 0.65 ? r.pick(customers) : r.next() < 0.5 ? null : '',
      order_id: null,
      amount_cents: amount,
      tip_cents: r.next() < 0.3 ? r.int(1, 500) : 0,
      total_cents: amount,
      refunded_cents: 0,
      currency: 'USD',
      status,
      source_type: 'CARD',
      card_brand: 'VISA',
      receipt_url: null,
      created_at: iso(createdMs),
      updated_at: iso(createdMs),
    };
    if (status === 'COMPLETED' && r.next() < 0.3) {
      // A refund minutes to six weeks later: often in a later day, week, month or year than the sale.
      const refundMs = createdMs + r.pick([30 * SECOND, 5 * MINUTE, 3 * 3_600_000, DAY, 3 * DAY, 9 * DAY, 40 * DAY]) + r.int(0, 999);
      const refundStatus = r.pick(['COMPLETED', 'COMPLETED', 'COMPLETED', 'PENDING', 'REJECTED']);
      const refundAmount = r.next() < 0.5 ? amount : r.int(1, amount);
      shop.refunds.push({
        id: `rf-${n}`,
        payment_id: id,
        location_id: payment.location_id,
        amount_cents: refundAmount,
        currency: 'USD',
        status: refundStatus,
        reason: 'Returned',
        created_at: iso(refundMs),
        updated_at: iso(refundMs),
      });
      if (refundStatus === 'COMPLETED') {
        payment.refunded_cents = refundAmount;
        payment.updated_at = iso(refundMs);
      }
    }
    shop.payments.push(payment);
  };

  const addLightspeed = (createdMs: number) => {
    const id = `ls-${++n}`;
    const status = r.pick(['completed', 'completed', 'completed', 'open', 'voided']);
    const total = r.next() < 0.1 ? -r.int(1, 5_000) : r.int(1, 30_000); // a negative total is a return
    const completedMs = status === 'completed' && r.next() < 0.3 ? createdMs + r.pick([SECOND, 2 * MINUTE, 2 * 3_600_000]) : null;
    shop.lightspeed.push({
      id,
      shop_id: r.pick(['1', '2']),
      amount_cents: total,
      tax_cents: 0,
      total_cents: total,
      customer_id: r.next() < 0.6 ? r.pick(customers) : null,
      status,
      is_archived: r.next() < 0.05,
      completed_at: completedMs === null ? null : iso(completedMs),
      created_at: iso(createdMs),
      updated_at: iso(completedMs ?? createdMs),
    });
  };

  for (const boundary of BOUNDARIES) {
    for (const delta of [-MINUTE, -SECOND, -1, 0, SECOND, MINUTE]) {
      addSquare(boundary.getTime() + delta);
      addLightspeed(boundary.getTime() + delta);
    }
  }
  const start = Date.parse('2024-11-15T00:00:00Z');
  const end = Date.parse('2026-04-20T00:00:00Z');
  for (let i = 0; i < 1500; i++) {
    const at = r.int(start, end);
    if (r.next() < 0.7) addSquare(at);
    else addLightspeed(at);
  }
  return shop;
}

/** Writes the shop as the sync would, the rollups with it. */
export async function loadShop(warehouse: Warehouse, shop: Shop, timeZone = 'America/Chicago', now = new Date('2026-04-20T00:00:00Z')): Promise<void> {
  const ctx = { warehouse, timeZone, now };
  await writeSourceRows(ctx, squarePayments, shop.payments);
  await writeSourceRows(ctx, squareRefunds, shop.refunds);
  await writeSourceRows(ctx, lightspeedTransactions, shop.lightspeed);
}

/** A sale or refund reduced to what the figures depend on. */
interface Movement {
  at: number;
  cents: number;
  sale: boolean;
  customer: string | null;
  /** The source's location id ('' when none). */
  location: string;
}

/**
 * Completed sales of both sources (Lightspeed dated at completion) and completed refunds, as plain movements; with a
 * location id, only that location's (of any source).
 */
function movements(shop: Shop, locationId?: string): Movement[] {
  const out: Movement[] = [];
  for (const p of shop.payments) {
    if (p.status === 'COMPLETED') {
      out.push({ at: Date.parse(p.created_at), cents: p.amount_cents, sale: true, customer: p.customer_id ? `square:${p.customer_id}` : null, location: p.location_id });
    }
  }
  for (const s of shop.lightspeed) {
    if (s.status === 'completed') {
      const customer = s.customer_id ? `lightspeed:${s.customer_id}` : null;
      out.push({ at: Date.parse(s.completed_at ?? s.created_at), cents: s.total_cents, sale: true, customer, location: s.shop_id ?? '' });
    }
  }
  for (const f of shop.refunds) {
    if (f.status === 'COMPLETED') out.push({ at: Date.parse(f.created_at), cents: -f.amount_cents, sale: false, customer: null, location: f.location_id ?? '' });
  }
  return locationId === undefined ? out : out.filter((m) => m.location === locationId);
}

/** Every location id the shop's rows name. */
export function locationIds(shop: Shop): string[] {
  return [...new Set(movements(shop).map((m) => m.location))].sort();
}

/** The dashboard's figures recomputed from the rows, in cents, as of `now`. */
export function expectedDashboard(shop: Shop, now: Date, locationId?: string) {
  const today = chicagoDate(now);
  const starts = { week: mondayOf(today), month: monthOf(today), year: yearOf(today) };
  const totals = { todayCents: 0, weekCents: 0, monthCents: 0, yearCents: 0, count: 0, netCents: 0 };
  const customers = new Set<string>();
  for (const m of movements(shop, locationId)) {
    if (m.at > now.getTime()) continue;
    const day = chicagoDate(m.at);
    if (day === today) totals.todayCents += m.cents;
    if (day >= starts.week) totals.weekCents += m.cents;
    if (day >= starts.month) totals.monthCents += m.cents;
    if (day >= starts.year) totals.yearCents += m.cents;
    totals.netCents += m.cents;
    if (m.sale) {
      totals.count++;
      if (m.customer) customers.add(m.customer);
    }
  }
  return { today, ...totals, customers: customers.size };
}

/** Cents as a dollars string with two decimals, by string arithmetic only. */
export function dollarText(cents: number): string {
  const digits = String(Math.abs(cents)).padStart(3, '0');
  return `${cents < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** total / count rounded half away from zero, in cents, by long division on integers. */
export function roundedAverage(total: number, count: number): number {
  if (count === 0) return 0;
  const sign = total < 0 ? -1 : 1;
  const abs = Math.abs(total);
  const quotient = Math.floor(abs / count);
  const remainder = abs - quotient * count;
  return sign * (remainder * 2 >= count ? quotient + 1 : quotient);
}

/** The daily or monthly series recomputed: every business day (or month) in the window, net cents and sale counts. */
export function expectedHistorical(shop: Shop, now: Date, period: 'daily' | 'monthly', days: number, locationId?: string) {
  const today = chicagoDate(now);
  const windowStart = plusDays(today, 1 - days);
  const first = period === 'daily' ? windowStart : monthOf(windowStart);
  const bucketOf = (day: string) => (period === 'daily' ? day : monthOf(day));
  const buckets = new Map<string, { cents: number; transactions: number }>();
  for (let day = first; day <= today; day = plusDays(day, 1)) buckets.set(bucketOf(day), { cents: 0, transactions: 0 });
  for (const m of movements(shop, locationId)) {
    if (m.at > now.getTime()) continue;
    const day = chicagoDate(m.at);
    if (day < first) continue;
    const bucket = buckets.get(bucketOf(day))!;
    bucket.cents += m.cents;
    if (m.sale) bucket.transactions++;
  }
  return { from: first, to: today, buckets: [...buckets].map(([date, b]) => ({ date, ...b })) };
}
