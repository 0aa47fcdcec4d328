import { createHash, randomBytes } from 'node:crypto';
import { requireAgeVerified } from '@shared/age-check/require-age-verified';
import { HttpError } from '@shared/http/errors';
import { paymentGateway } from '@shared/payments/gateway-for-runtime';
import { paymentFailureError } from '@shared/payments/payment-failure';
import { type TakenPayment, reversePayment, takePayment } from '@shared/payments/payment-ledger';
import type { Runtime } from '@shared/runtime';
import { type Entry, type RequestOrigin, entryRefOf, recordEntryStep, recordTransaction } from './entry-store';
import { requireEntriesOpen } from './entry-window';
import { ticketNumbers, sendRaffleNotice } from './raffle-notices';
import type { RaffleRow } from './raffle-record';
import { requireRaffle } from './raffle-store';
import { releaseTickets, reserveTickets } from './ticket-pool';

/** What a purchase asks for. */
export interface PurchaseInput {
  raffleId: string;
  customerId: string;
  email?: string;
  tickets: number;
  token: string;
  idempotencyKey: string | null;
  origin: RequestOrigin;
}

/** A purchase's confirmed entry and the payment for it. */
export interface Purchase {
  raffle: RaffleRow;
  entry: Entry;
  payment: TakenPayment;
}

const PURCHASE_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * The entry a purchase works on. With an Idempotency-Key, a retry finds the entry its first attempt reserved (whose
 * payment may be in doubt) and so the same tickets and the same gateway invoice; an entry that was released is
 * forgotten, so the next attempt starts afresh. Without a key every attempt is a new entry.
 */
async function entryIdFor(rt: Runtime, input: PurchaseInput): Promise<{ entryId: string; key: string | null }> {
  const fresh = `ent_${randomBytes(12).toString('hex')}`;
  if (!input.idempotencyKey) return { entryId: fresh, key: null };
  const key = `raffle:purchase:${input.raffleId}:${createHash('sha256').update(`${input.customerId}\u0000${input.idempotencyKey}`).digest('hex')}`;
  if (await rt.kv.setIfAbsent(key, fresh, PURCHASE_KEY_TTL_MS)) return { entryId: fresh, key };
  return { entryId: (await rt.kv.get<string>(key)) ?? fresh, key };
}

/**
 * Buys charity raffle tickets: the raffle must be a charitable raffle open for entries and the customer 21+ verified;
 * contiguous tickets are reserved atomically in kv under the cap and the customer's limit, recorded as reserved,
 * charged through the payment gateway (invoice from the entry, so a retry is recognised, never charged twice), then
 * confirmed with the charge's gateway ids, IP and user agent. A declined, failed or held payment releases the tickets.
 * A payment whose answer was lost and had to be reconciled is voided and its tickets released (402 PAYMENT_TIMED_OUT):
 * no ticket and no charge. Only when the gateway's verdict could not be learnt at all are the tickets held, and the
 * answer is 502: a retry with the same Idempotency-Key resolves it.
 */
export async function purchaseTickets(rt: Runtime, input: PurchaseInput): Promise<Purchase> {
  const raffle = await requireRaffle(rt, input.raffleId);
  if (raffle.kind !== 'charitable_raffle' || raffle.ticket_price_cents === null) {
    throw new HttpError(403, 'PAID_ENTRY_NOT_ALLOWED', 'A sweepstakes takes free entries only: no purchase is necessary', {
      details: { freeEntry: `/api/raffles/${raffle.raffle_id}/free-entry` },
    });
  }
  requireEntriesOpen(raffle, rt.clock.now());
  await requireAgeVerified(rt, input.customerId);
  if (input.tickets > raffle.max_tickets_per_customer) {
    throw new HttpError(409, 'TICKET_LIMIT_REACHED', `At most ${raffle.max_tickets_per_customer} tickets per customer`, {
      details: { limit: raffle.max_tickets_per_customer },
    });
  }

  const { entryId, key } = await entryIdFor(rt, input);
  const forget = async () => {
    await releaseTickets(rt, raffle.raffle_id, entryId).catch((error) => rt.log.error('raffle tickets not released', { entryId, error }));
    if (key) await rt.kv.del(key).catch(() => undefined);
  };
  let range: { first: number; last: number };
  try {
    range = await reserveTickets(rt, {
      raffleId: raffle.raffle_id,
      entryId,
      customerId: input.customerId,
      count: input.tickets,
      cap: raffle.max_tickets,
      perCustomer: raffle.max_tickets_per_customer,
    });
  } catch (error) {
    if (key) await rt.kv.del(key).catch(() => undefined);
    throw error;
  }
  const count = range.last - range.first + 1;
  const entry: Omit<Entry, 'status' | 'occurredAt'> = {
    entryId,
    raffleId: raffle.raffle_id,
    customerId: input.customerId,
    entryRef: await entryRefOf(rt, entryId),
    method: 'paid',
    firstTicket: range.first,
    lastTicket: range.last,
    amountCents: count * raffle.ticket_price_cents,
    paymentId: null,
  };
  try {
    await recordEntryStep(rt, entry, 'reserved');
  } catch (error) {
    await forget();
    throw new HttpError(503, 'ENTRY_NOT_RECORDED', 'Tickets cannot be recorded right now; nothing was charged', { cause: error });
  }

  const gateway = paymentGateway(rt);
  let payment: TakenPayment;
  try {
    payment = await takePayment(rt, gateway, {
      customerId: input.customerId,
      purpose: 'raffle.purchase',
      subjectId: raffle.raffle_id,
      amountCents: entry.amountCents,
      source: { kind: 'token', token: input.token },
      paymentKey: `raffle.purchase:${entryId}`,
      description: `${count} raffle ticket${count === 1 ? '' : 's'}: ${raffle.title}`.slice(0, 255),
    });
  } catch (error) {
    // Nothing was charged (the attempt could not be recorded first, or the charge was voided when its outcome could not be).
    await recordEntryStep(rt, entry, 'released', 'payment not recorded').catch(() => undefined);
    await forget();
    throw error;
  }
  const paid = { ...entry, paymentId: payment.paymentId };
  const charge = { ...payment, gateway: gateway.name, chargeTransactionId: null };

  if (payment.outcome === 'unknown') {
    rt.log.warn('raffle payment outcome unknown; tickets held until the purchase is retried', { entryId, paymentId: payment.paymentId });
    throw paymentFailureError(payment);
  }
  if (payment.outcome !== 'approved') {
    await recordEntryStep(rt, paid, 'released', `payment ${payment.outcome}`).catch(() => undefined);
    await forget();
    throw paymentFailureError(payment);
  }
  if (payment.reconciled) {
    // The gateway's answer was lost and found again: the buyer was left waiting, so the charge is cancelled rather
    // than kept behind their back; they may buy again.
    await recordTransaction(rt, paid, 'charge', charge, input.origin).catch(() => undefined);
    const reversal = await reversePayment(rt, gateway, payment, 'raffle purchase timed out');
    await recordTransaction(rt, paid, reversal?.ok ? 'void' : 'refund_failed', { ...charge, transactionId: reversal?.transactionId ?? null, chargeTransactionId: payment.transactionId, reason: reversal?.reason ?? null }, input.origin).catch(() => undefined);
    await recordEntryStep(rt, paid, 'released', 'payment timed out; charge voided').catch(() => undefined);
    await forget();
    throw new HttpError(402, 'PAYMENT_TIMED_OUT', 'The payment did not complete in time and was cancelled; nothing was charged. Please try again with a new card token', {
      details: { paymentId: payment.paymentId },
    });
  }

  try {
    await recordTransaction(rt, paid, 'charge', charge, input.origin);
    await recordEntryStep(rt, paid, 'confirmed');
  } catch (error) {
    await reversePayment(rt, gateway, payment, 'raffle entry could not be saved');
    await recordEntryStep(rt, paid, 'released', 'entry not saved; charge voided').catch(() => undefined);
    await forget();
    throw new HttpError(503, 'ENTRY_NOT_SAVED', 'The tickets could not be saved, so the payment was voided; please try again', {
      cause: error,
      details: { paymentId: payment.paymentId },
    });
  }
  await sendRaffleNotice(rt, {
    kind: 'raffle-entry-confirmed',
    customerId: input.customerId,
    dedupeKey: `raffle-entry-confirmed:${entryId}`,
    email: input.email,
    data: { raffleId: raffle.raffle_id, raffleTitle: raffle.title, ticketNumbers: ticketNumbers(range.first, range.last), amountCents: entry.amountCents, drawAt: raffle.draw_at },
  });
  return { raffle, entry: { ...paid, status: 'confirmed', occurredAt: rt.clock.now().toISOString() }, payment };
}
