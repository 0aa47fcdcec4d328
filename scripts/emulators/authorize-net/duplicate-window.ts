import { listAt, objectAt, stringAt, type JsonObject } from './json-shape';
import type { EmulatedTransaction, EmulatedTransactionType } from './types';

/** The gateway caps the window at eight hours; a larger value is treated as 28 800 s. */
export const MAX_DUPLICATE_WINDOW_SECONDS = 28_800;

/**
 * The duplicate window a transactionRequest asks for through
 * `transactionSettings.setting[{ settingName: "duplicateWindow", settingValue }]`, in seconds; undefined when the
 * request does not send one. Zero or a negative value turns duplicate detection off for that request.
 */
export function requestedDuplicateWindow(transactionRequest: JsonObject): number | undefined {
  const settings = listAt(objectAt(transactionRequest, 'transactionSettings'), 'setting');
  const setting = settings.find((s) => stringAt(s, 'settingName') === 'duplicateWindow');
  if (!setting) return undefined;
  const seconds = Number(stringAt(setting, 'settingValue'));
  if (!Number.isFinite(seconds)) return undefined;
  return Math.min(Math.trunc(seconds), MAX_DUPLICATE_WINDOW_SECONDS);
}

/** The fields that make two submissions "the same transaction" for duplicate detection. */
export interface DuplicateProbe {
  type: EmulatedTransactionType;
  amountCents: number;
  /** The test card charged (for a charge; a fresh nonce for the same card is still the same card). */
  testCard?: string;
  refTransId?: string;
  invoiceNumber?: string;
}

/**
 * The earlier transaction this submission duplicates, if any: same type, amount, card (the test card, however it
 * was sent: token or stored profile; or, for a refund, the refunded charge) and invoice number within the window. Declines count, as on the gateway, so retrying a decline at once is refused;
 * processing errors do not, so they can be retried.
 */
export function findDuplicate(
  transactions: EmulatedTransaction[],
  probe: DuplicateProbe,
  windowSeconds: number,
  now: Date,
): EmulatedTransaction | undefined {
  if (windowSeconds <= 0) return undefined;
  const since = now.getTime() - windowSeconds * 1000;
  return transactions.find(
    (t) =>
      t.status !== 'generalError' &&
      new Date(t.createdAt).getTime() > since &&
      t.type === probe.type &&
      t.amountCents === probe.amountCents &&
      t.testCard === probe.testCard &&
      t.refTransId === probe.refTransId &&
      t.invoiceNumber === probe.invoiceNumber,
  );
}
