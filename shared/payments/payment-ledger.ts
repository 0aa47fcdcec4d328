import { HttpError } from '../http/errors';
import type { Runtime } from '../runtime';
import { paymentsTaken } from '../warehouse/schema/memberships';
import type { ChargeResult, PaymentGateway, PaymentSource, ReversalResult } from './gateway';
import { invoiceNumberFor } from './invoice-number';

/** A payment to take. */
export interface PaymentIntent {
  customerId: string;
  /** What it pays for, e.g. membership.subscribe; recorded with every row. */
  purpose: string;
  subjectId: string | null;
  amountCents: number;
  /** The card: a single-use token, or a card stored at the gateway. */
  source: PaymentSource;
  /**
   * What makes this one payment. The same key gives the same invoice number, so a retry of the same operation is
   * recognised by the gateway and answered with the first charge rather than charging again.
   */
  paymentKey: string;
  description: string;
}

/** A payment taken (or refused): the gateway's verdict, our payment id (the invoice number) and the amount. */
export interface TakenPayment extends ChargeResult {
  paymentId: string;
  amountCents: number;
  customerId: string;
  purpose: string;
  subjectId: string | null;
}

type LedgerRow = typeof paymentsTaken.row;
// An invoice whose charge was voided is retried under a derived invoice; this bounds that chain.
const MAX_CHARGES_PER_INTENT = 3;

/**
 * Charges through the gateway with a ledger record on each side of the call: the attempt is written first (if that
 * fails, nothing is charged), then the outcome with its transaction id. If the outcome cannot be written the charge
 * is voided before the error is raised, so no charge exists without a record. A charge held for review is voided at
 * once, so it cannot capture later without what it paid for.
 */
export async function takePayment(rt: Runtime, gateway: PaymentGateway, intent: PaymentIntent): Promise<TakenPayment> {
  let paymentKey = intent.paymentKey;
  for (let charge = 1; ; charge++) {
    const paymentId = invoiceNumberFor(paymentKey);
    await appendRows(rt, [ledgerRow(rt, gateway, intent, paymentId, { status: 'attempted', transaction_id: null })]).catch((error) => {
      throw new HttpError(503, 'PAYMENT_NOT_RECORDED', 'Payments cannot be recorded right now; nothing was charged', { cause: error });
    });
    const result = await gateway.charge({
      amountCents: intent.amountCents,
      source: intent.source,
      invoiceNumber: paymentId,
      description: intent.description,
    });
    const taken: TakenPayment = { ...result, paymentId, amountCents: intent.amountCents, customerId: intent.customerId, purpose: intent.purpose, subjectId: intent.subjectId };
    try {
      await appendRows(rt, [outcomeRow(rt, gateway, taken)]);
    } catch (error) {
      if (result.outcome === 'approved' || result.outcome === 'held_for_review') await reversePayment(rt, gateway, taken, 'outcome could not be recorded');
      throw new HttpError(503, 'PAYMENT_NOT_RECORDED', 'The payment could not be recorded, so it was voided; please try again', { cause: error });
    }
    if (result.outcome === 'voided' && result.transactionId && charge < MAX_CHARGES_PER_INTENT) {
      // The gateway matched this invoice to a charge we voided when its operation failed; the retry pays afresh, under
      // an invoice derived from the voided one so that it too is recognised if retried.
      paymentKey = `${paymentKey}:after-void:${result.transactionId}`;
      continue;
    }
    if (result.outcome === 'held_for_review') await reversePayment(rt, gateway, taken, 'held for review: voided so it cannot capture later');
    return taken;
  }
}

/**
 * Undoes a charge: voids it while it is unsettled, refunds it once settled, and records which (or that it failed,
 * which is also logged as an error for an operator). Never throws: it runs on paths that are already failing.
 */
export async function reversePayment(rt: Runtime, gateway: PaymentGateway, taken: TakenPayment, why: string): Promise<ReversalResult | null> {
  if (!taken.transactionId) return null;
  const log = rt.log.child({ paymentId: taken.paymentId, transactionId: taken.transactionId, purpose: taken.purpose });
  let result: ReversalResult;
  let status: 'voided' | 'refunded' | 'reversal_failed';
  try {
    result = await gateway.voidTransaction(taken.transactionId);
    status = 'voided';
    if (!result.ok && result.wrongSettlementState && taken.card) {
      result = await gateway.refund({
        transactionId: taken.transactionId,
        amountCents: taken.amountCents,
        cardLast4: taken.card.last4,
        invoiceNumber: invoiceNumberFor(`refund:${taken.paymentId}:${taken.transactionId}`),
      });
      status = 'refunded';
    }
    if (!result.ok) status = 'reversal_failed';
  } catch (error) {
    result = { ok: false, transactionId: null, reasonCode: null, reason: (error as Error)?.message ?? String(error), wrongSettlementState: false };
    status = 'reversal_failed';
  }
  const row = ledgerRow(rt, gateway, taken, taken.paymentId, {
    status,
    transaction_id: status === 'refunded' ? result.transactionId : status === 'voided' ? taken.transactionId : null,
    charge_transaction_id: taken.transactionId,
    reason_code: result.reasonCode,
    reason: `${why}${result.ok ? '' : `; gateway: ${result.reason}`}`,
    card_last4: taken.card?.last4 ?? null,
    card_type: taken.card?.type ?? null,
  });
  try {
    await appendRows(rt, [row]);
  } catch (error) {
    log.error('payment reversal could not be recorded', { status, reversalTransactionId: row.transaction_id, error });
  }
  if (status === 'reversal_failed') log.error('payment could not be reversed; needs an operator', { why, gatewayReason: result.reason });
  else log.warn('payment reversed', { status, why });
  return result;
}

/** The payment rows of a payment or a subject, oldest first (for records, tests and support). */
export async function paymentRows(rt: Runtime, filter: { subjectId?: string; customerId?: string }): Promise<LedgerRow[]> {
  return rt.warehouse.query<LedgerRow>(
    (d) => `SELECT * FROM ${d.table(paymentsTaken)}
WHERE (${d.param('subjectId')} = '' OR subject_id = ${d.param('subjectId')})
  AND (${d.param('customerId')} = '' OR customer_id = ${d.param('customerId')})
ORDER BY recorded_at, CASE status WHEN 'attempted' THEN 0 WHEN 'voided' THEN 2 WHEN 'refunded' THEN 2 WHEN 'reversal_failed' THEN 2 ELSE 1 END, entry_id`,
    { params: { subjectId: filter.subjectId ?? '', customerId: filter.customerId ?? '' } },
  );
}

async function appendRows(rt: Runtime, rows: LedgerRow[]): Promise<void> {
  await rt.warehouse.append(paymentsTaken, rows);
}

function outcomeRow(rt: Runtime, gateway: PaymentGateway, taken: TakenPayment): LedgerRow {
  return ledgerRow(rt, gateway, taken, taken.paymentId, {
    status: taken.outcome,
    transaction_id: taken.transactionId,
    reason_code: taken.reasonCode,
    reason: taken.reason,
    card_last4: taken.card?.last4 ?? null,
    card_type: taken.card?.type ?? null,
    reconciled: taken.reconciled,
  });
}

function ledgerRow(
  rt: Runtime,
  gateway: PaymentGateway,
  intent: Pick<PaymentIntent, 'customerId' | 'purpose' | 'subjectId' | 'amountCents'>,
  paymentId: string,
  fields: Partial<LedgerRow> & Pick<LedgerRow, 'status' | 'transaction_id'>,
): LedgerRow {
  return {
    entry_id: `${paymentId}:${fields.status}:${fields.transaction_id ?? fields.charge_transaction_id ?? '-'}`,
    payment_id: paymentId,
    gateway: gateway.name,
    charge_transaction_id: null,
    customer_id: intent.customerId,
    purpose: intent.purpose,
    subject_id: intent.subjectId,
    amount_cents: intent.amountCents,
    reason_code: null,
    reason: null,
    card_last4: null,
    card_type: null,
    reconciled: false,
    recorded_at: rt.clock.now().toISOString(),
    ...fields,
  };
}
