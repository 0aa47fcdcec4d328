import type { Runtime } from '@shared/runtime';
import { centsToDollars } from '@shared/money';
import { type RaffleRow, raffleStatus } from './raffle-record';
import { listRaffles } from './raffle-store';
import { raffleEntriesCurrent } from '@shared/warehouse/schema/raffles';

interface EntryTotals {
  raffle_id: string;
  method: string;
  status: string;
  entries: number;
  tickets: number;
  amount_cents: number;
}

/** Per raffle and overall: entries paid and free, tickets, revenue, refunds (made and still owed), sell-through. */
export async function raffleStats(rt: Runtime) {
  const [raffles, totals] = await Promise.all([
    listRaffles(rt),
    rt.warehouse.query<EntryTotals>(
      (d) => `SELECT raffle_id, method, status, COUNT(*) AS entries, SUM(last_ticket - first_ticket + 1) AS tickets, SUM(amount_cents) AS amount_cents
FROM ${d.table(raffleEntriesCurrent)}
GROUP BY raffle_id, method, status`,
    ),
  ]);
  const now = rt.clock.now();
  const perRaffle = raffles.map((raffle) => statsOf(raffle, totals.filter((t) => t.raffle_id === raffle.raffle_id), now));
  const sum = (pick: (s: ReturnType<typeof statsOf>) => number) => perRaffle.reduce((total, s) => total + pick(s), 0);
  return {
    totals: {
      raffles: perRaffle.length,
      entries: { paid: sum((s) => s.entries.paid), free: sum((s) => s.entries.free) },
      ticketsSold: sum((s) => s.ticketsSold),
      revenueCents: sum((s) => s.revenueCents),
      revenue: centsToDollars(sum((s) => s.revenueCents)),
      refunds: { count: sum((s) => s.refunds.count), amountCents: sum((s) => s.refunds.amountCents), owedCount: sum((s) => s.refunds.owedCount), owedCents: sum((s) => s.refunds.owedCents) },
    },
    raffles: perRaffle,
  };
}

function statsOf(raffle: RaffleRow, rows: EntryTotals[], now: Date) {
  const total = (filter: (r: EntryTotals) => boolean, field: 'entries' | 'tickets' | 'amount_cents') =>
    rows.filter(filter).reduce((sum, r) => sum + Number(r[field] ?? 0), 0);
  const held = (r: EntryTotals) => r.status === 'confirmed' || r.status === 'refunded';
  const status = raffleStatus(raffle, now);
  const paidConfirmed = (r: EntryTotals) => r.method === 'paid' && r.status === 'confirmed';
  const ticketsSold = total((r) => r.status === 'confirmed', 'tickets');
  return {
    id: raffle.raffle_id,
    title: raffle.title,
    kind: raffle.kind,
    status,
    entries: { paid: total((r) => r.method === 'paid' && held(r), 'entries'), free: total((r) => r.method === 'free' && held(r), 'entries') },
    ticketsSold,
    ticketsHeld: total((r) => r.status === 'reserved', 'tickets'),
    maxTickets: raffle.max_tickets,
    sellThrough: raffle.max_tickets > 0 ? ticketsSold / raffle.max_tickets : 0,
    revenueCents: status === 'cancelled' ? 0 : total(paidConfirmed, 'amount_cents'),
    refunds: {
      count: total((r) => r.status === 'refunded', 'entries'),
      amountCents: total((r) => r.status === 'refunded', 'amount_cents'),
      owedCount: status === 'cancelled' ? total(paidConfirmed, 'entries') : 0,
      owedCents: status === 'cancelled' ? total(paidConfirmed, 'amount_cents') : 0,
    },
  };
}
