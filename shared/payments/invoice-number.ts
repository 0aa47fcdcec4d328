import { createHash } from 'node:crypto';

/**
 * The gateway invoice number (Authorize.Net allows 20 characters) for a payment key: the same key always gives the
 * same invoice, which is what lets the gateway's duplicate check recognise a retried charge.
 */
export function invoiceNumberFor(paymentKey: string): string {
  return createHash('sha256').update(paymentKey).digest('hex').slice(0, 20).toUpperCase();
}
