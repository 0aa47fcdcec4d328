import { createHmac } from 'node:crypto';
import type { TakenPayment } from '@shared/payments/payment-ledger';
import type { Runtime } from '@shared/runtime';
import { raffleEntries, raffleEntriesCurrent, raffleTransactions } from '@shared/warehouse/schema/raffles';

export type EntryRow = typeof raffleEntries.row;
export const ENTRY_STATUSES = ['reserved', 'confirmed', 'released', 'refunded'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** Statuses as SQL literals: only the known words, so nothing from a request reaches the query text. */
function statusList(statuses: readonly EntryStatus[]): string {
  return statuses.filter((s) => (ENTRY_STATUSES as readonly string[]).includes(s)).map((s) => `'${s}'`).join(', ');
}
export type TransactionRow = typeof raffleTransactions.row;

/** An entry as it stands: its latest step. */
export interface Entry {
  entryId: string;
  raffleId: string;
  customerId: string;
  entryRef: string;
  method: 'paid' | 'free';
  status: EntryStatus;
  firstTicket: number;
  lastTicket: number;
  amountCents: number;
  paymentId: string | null;
  occurredAt: string;
}

/**
 * The opaque reference an entry is published under in the draw manifest: a keyed hash (the pii pepper) of its id, so
 * it names the entry to whoever holds it and nobody else, and reveals no customer.
 */
export async function entryRefOf(rt: Runtime, entryId: string): Promise<string> {
  const pepper = await rt.secrets.get('pii-pepper');
  return `e_${createHmac('sha256', pepper).update(`raffle-entry-ref\u0000${entryId}`).digest('hex').slice(0, 24)}`;
}

/** Appends one step of an entry; a step already recorded is skipped (a retry adds nothing). */
export async function recordEntryStep(
  rt: Runtime,
  entry: Omit<Entry, 'status' | 'occurredAt'>,
  status: EntryStatus,
  reason: string | null = null,
): Promise<void> {
  await rt.warehouse.append(raffleEntries, [
    {
      row_id: `${entry.entryId}:${status}`,
      entry_id: entry.entryId,
      raffle_id: entry.raffleId,
      customer_id: entry.customerId,
      entry_ref: entry.entryRef,
      method: entry.method,
      status,
      first_ticket: entry.firstTicket,
      last_ticket: entry.lastTicket,
      amount_cents: entry.amountCents,
      payment_id: entry.paymentId,
      reason,
      occurred_at: rt.clock.now().toISOString(),
    },
  ]);
}

function entryOf(row: EntryRow): Entry {
  return {
    entryId: row.entry_id,
    raffleId: row.raffle_id,
    customerId: row.customer_id,
    entryRef: row.entry_ref,
    method: row.method as Entry['method'],
    status: row.status as EntryStatus,
    firstTicket: row.first_ticket,
    lastTicket: row.last_ticket,
    amountCents: row.amount_cents,
    paymentId: row.payment_id,
    occurredAt: row.occurred_at,
  };
}

/** Current entries of a raffle (optionally of one customer, or in some statuses), by first ticket. */
export async function entriesOf(rt: Runtime, raffleId: string, filter: { customerId?: string; statuses?: EntryStatus[] } = {}): Promise<Entry[]> {
  const rows = await rt.warehouse.query<EntryRow>(
    (d) => `SELECT * FROM ${d.table(raffleEntriesCurrent)}
WHERE raffle_id = ${d.param('raffleId')}
  AND (${d.param('customerId')} = '' OR customer_id = ${d.param('customerId')})
  AND status IN (${statusList(filter.statuses ?? ENTRY_STATUSES)})
ORDER BY first_ticket, entry_id`,
    { params: { raffleId, customerId: filter.customerId ?? '' } },
  );
  return rows.map(entryOf);
}

/** The current state of one entry, or null. */
export async function entryById(rt: Runtime, entryId: string): Promise<Entry | null> {
  const rows = await rt.warehouse.query<EntryRow>(
    (d) => `SELECT * FROM ${d.table(raffleEntriesCurrent)} WHERE entry_id = ${d.param('entryId')}`,
    { params: { entryId } },
  );
  return rows[0] ? entryOf(rows[0]) : null;
}

/** Where a request came from, recorded with the money it moved. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

/** Records money moved for an entry: a charge, a void, a refund, or a refund that failed. */
export async function recordTransaction(
  rt: Runtime,
  entry: Pick<Entry, 'entryId' | 'raffleId' | 'customerId'>,
  type: 'charge' | 'void' | 'refund' | 'refund_failed',
  payment: Pick<TakenPayment, 'paymentId' | 'amountCents' | 'card'> & { gateway: string; transactionId: string | null; chargeTransactionId: string | null; authCode?: string | null; reason?: string | null },
  origin: RequestOrigin,
): Promise<void> {
  await rt.warehouse.append(raffleTransactions, [
    {
      transaction_row_id: `${entry.entryId}:${type}:${payment.transactionId ?? rt.clock.now().getTime()}`,
      raffle_id: entry.raffleId,
      entry_id: entry.entryId,
      customer_id: entry.customerId,
      type,
      amount_cents: payment.amountCents,
      payment_id: payment.paymentId,
      gateway: payment.gateway,
      gateway_transaction_id: payment.transactionId,
      charge_transaction_id: payment.chargeTransactionId,
      auth_code: payment.authCode ?? null,
      card_last4: payment.card?.last4 ?? null,
      card_type: payment.card?.type ?? null,
      reason: payment.reason ?? null,
      ip: origin.ip,
      user_agent: origin.userAgent,
      occurred_at: rt.clock.now().toISOString(),
    },
  ]);
}
