import { paymentGateway } from '@shared/payments/gateway-for-runtime';
import { type TakenPayment, reversePayment } from '@shared/payments/payment-ledger';
import type { Runtime } from '@shared/runtime';
import { type Entry, type TransactionRow, entriesOf, recordEntryStep, recordTransaction } from './entry-store';
import { sendRaffleNotice, ticketNumbers } from './raffle-notices';
import type { RaffleRow } from './raffle-record';
import { raffleTransactions, rafflesCurrent } from '@shared/warehouse/schema/raffles';

/** The charge that paid for an entry, from the raffle's transaction ledger. */
async function chargeOf(rt: Runtime, entryId: string): Promise<TransactionRow | null> {
  const rows = await rt.warehouse.query<TransactionRow>(
    (d) => `SELECT * FROM ${d.table(raffleTransactions)} WHERE entry_id = ${d.param('entryId')} AND type = 'charge' ORDER BY occurred_at LIMIT 1`,
    { params: { entryId } },
  );
  return rows[0] ?? null;
}

/**
 * Gives a paid entry its money back: the charge is voided while unsettled and refunded once settled (the gateway says
 * which), each recorded with its gateway id; then the entry is marked refunded and the customer told. A failure is
 * recorded as refund_failed and the entry stays confirmed, so the refund job tries again. Safe to repeat: a void of a
 * voided charge succeeds, and a refund's invoice is derived from the charge, so the gateway recognises a repeat.
 */
export async function refundEntry(rt: Runtime, raffle: RaffleRow, entry: Entry, reason: string): Promise<boolean> {
  const charge = await chargeOf(rt, entry.entryId);
  if (!charge || !charge.gateway_transaction_id) {
    rt.log.error('paid raffle entry has no recorded charge; needs an operator', { entryId: entry.entryId, raffleId: raffle.raffle_id });
    return false;
  }
  const gateway = paymentGateway(rt);
  const taken: TakenPayment = {
    outcome: 'approved',
    transactionId: charge.gateway_transaction_id,
    authCode: charge.auth_code,
    card: charge.card_last4 ? { last4: charge.card_last4, type: charge.card_type ?? '' } : null,
    reasonCode: null,
    reason: '',
    reconciled: false,
    paymentId: charge.payment_id,
    amountCents: charge.amount_cents,
    customerId: entry.customerId,
    purpose: 'raffle.purchase',
    subjectId: raffle.raffle_id,
  };
  const result = await reversePayment(rt, gateway, taken, `raffle cancelled: ${reason}`);
  const ok = result?.ok === true;
  const type = !ok ? 'refund_failed' : result.transactionId === charge.gateway_transaction_id ? 'void' : 'refund';
  await recordTransaction(
    rt,
    entry,
    type,
    { ...taken, gateway: gateway.name, transactionId: ok ? result.transactionId : null, chargeTransactionId: charge.gateway_transaction_id, reason: result?.reason ?? null },
    { ip: null, userAgent: null },
  );
  if (!ok) return false;
  await recordEntryStep(rt, entry, 'refunded', reason);
  await sendRaffleNotice(rt, {
    kind: 'raffle-refund',
    customerId: entry.customerId,
    dedupeKey: `raffle-refund:${entry.entryId}`,
    data: { raffleId: raffle.raffle_id, raffleTitle: raffle.title, ticketNumbers: ticketNumbers(entry.firstTicket, entry.lastTicket), amountCents: entry.amountCents, reason },
  });
  return true;
}

/** Refunds every paid entry of a cancelled raffle still owed; how many were refunded and how many are still owed. */
export async function refundOwed(rt: Runtime, raffle: RaffleRow): Promise<{ refunded: number; owed: number; owedCents: number }> {
  const owed = (await entriesOf(rt, raffle.raffle_id, { statuses: ['confirmed'] })).filter((e) => e.method === 'paid');
  let refunded = 0;
  let owedCents = 0;
  for (const entry of owed) {
    if (await refundEntry(rt, raffle, entry, raffle.cancel_reason ?? 'cancelled')) refunded++;
    else owedCents += entry.amountCents;
  }
  return { refunded, owed: owed.length - refunded, owedCents };
}

/** Cancelled raffles that still owe refunds. */
export async function cancelledRaffles(rt: Runtime): Promise<RaffleRow[]> {
  return rt.warehouse.query<RaffleRow>((d) => `SELECT * FROM ${d.table(rafflesCurrent)} WHERE cancel_reason IS NOT NULL`);
}

/** The refund job: retries every refund a cancelled raffle still owes. */
export async function retryOwedRefunds(rt: Runtime): Promise<Record<string, unknown>> {
  let refunded = 0;
  let owed = 0;
  for (const raffle of await cancelledRaffles(rt)) {
    const result = await refundOwed(rt, raffle);
    refunded += result.refunded;
    owed += result.owed;
  }
  return { refunded, stillOwed: owed };
}
