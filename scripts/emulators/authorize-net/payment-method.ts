import { isObject, objectAt, stringAt, type JsonObject } from './json-shape';

/**
 * What a request's `payment` element carries. A raw card number is recognised only so it can be refused: the
 * variant deliberately has no field for it, so the number cannot travel further than this function.
 */
export type PaymentMethod =
  | { kind: 'token'; token: string }
  | { kind: 'lastFour'; lastFour: string }
  | { kind: 'cardNumber' }
  | { kind: 'unsupported' }
  | { kind: 'invalid' }
  | { kind: 'missing' };

// Refunds identify the card by its last four digits ("0015") or as the gateway masks it ("XXXX0015").
const LAST_FOUR = /^(?:X+)?(\d{4})$/i;

/** Classifies `transactionRequest.payment` (or `subscription.payment`). */
export function classifyPayment(parent: JsonObject): PaymentMethod {
  const payment = parent.payment;
  if (payment === undefined) return { kind: 'missing' };
  if (!isObject(payment)) return { kind: 'invalid' };

  if (payment.trackData !== undefined) return { kind: 'cardNumber' };
  if (isObject(payment.creditCard)) {
    const cardNumber = stringAt(payment.creditCard, 'cardNumber')?.trim() ?? '';
    const lastFour = LAST_FOUR.exec(cardNumber);
    return lastFour ? { kind: 'lastFour', lastFour: lastFour[1] } : { kind: 'cardNumber' };
  }
  if (isObject(payment.opaqueData)) {
    const token = stringAt(objectAt(payment, 'opaqueData'), 'dataValue');
    return token ? { kind: 'token', token } : { kind: 'invalid' };
  }
  if (Object.keys(payment).length === 0) return { kind: 'missing' };
  return { kind: 'unsupported' };
}
