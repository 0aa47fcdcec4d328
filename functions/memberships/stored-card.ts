import { HttpError } from '@shared/http/errors';
import type { CardSummary, StoreCardOwner, StoredCard } from '@shared/payments/gateway';
import { paymentGateway } from '@shared/payments/gateway-for-runtime';
import { invoiceNumberFor } from '@shared/payments/invoice-number';
import { TOKEN_INVALID_MESSAGE, isTokenRefused } from '@shared/payments/payment-failure';
import type { TakenPayment } from '@shared/payments/payment-ledger';
import type { Runtime } from '@shared/runtime';
import type { MembershipRow } from './membership-record';

/**
 * A membership's card lives at the gateway as a customer profile: card tokens are single-use and expire within
 * minutes, so renewals, dunning retries and upgrades charge the stored card. The ledger keeps only its ids (not card
 * data, but kept out of logs all the same).
 */

/** The ledger columns that name a membership's stored card. */
export type StoredCardColumns = Pick<MembershipRow, 'gateway_customer_profile_id' | 'gateway_payment_profile_id'>;

/** The card a membership's charges use, or null when none is on file. */
export function storedCardOf(row: StoredCardColumns): StoredCard | null {
  if (!row.gateway_customer_profile_id || !row.gateway_payment_profile_id) return null;
  return { customerProfileId: row.gateway_customer_profile_id, paymentProfileId: row.gateway_payment_profile_id };
}

/** The ledger columns for a stored card (or for none). */
export function storedCardColumns(card: StoredCard | null): StoredCardColumns {
  return { gateway_customer_profile_id: card?.customerProfileId ?? null, gateway_payment_profile_id: card?.paymentProfileId ?? null };
}

/**
 * Who the stored card belongs to at the gateway: the membership, and an id derived from it and the card's origin, so
 * that retrying the same store finds the card stored before rather than storing it twice. No personal data.
 */
function ownerOf(membershipId: string, origin: string): StoreCardOwner {
  return { merchantCustomerId: invoiceNumberFor(`membership-card:${membershipId}:${origin}`), description: `Membership ${membershipId}` };
}

/**
 * Stores the card of an approved membership charge for the charges after it. A failure does not undo the charge: the
 * member paid, and the card worked. It is logged as an error and null comes back: the membership then has no card on
 * file, and its next renewal asks the member for one (and stats count it).
 */
export async function storeCardOfCharge(rt: Runtime, membershipId: string, payment: TakenPayment): Promise<StoredCard | null> {
  const log = rt.log.child({ membershipId, paymentId: payment.paymentId });
  try {
    const stored = await paymentGateway(rt).createProfileFromTransaction({
      transactionId: payment.transactionId as string,
      ...ownerOf(membershipId, `transaction:${payment.transactionId}`),
    });
    if (stored.ok) return stored.card;
    log.error('membership card not stored: the next renewal will ask for a payment method', {
      transactionId: payment.transactionId,
      outcome: stored.outcome,
      reasonCode: stored.reasonCode,
      reason: stored.reason,
    });
  } catch (error) {
    log.error('membership card not stored: the next renewal will ask for a payment method', { transactionId: payment.transactionId, error });
  }
  return null;
}

/**
 * Stores a new card without charging it (the gateway verifies it with a zero-amount authorization). 402 when the card
 * is refused, 502 when the gateway fails; nothing is stored then.
 */
export async function storeCardOfToken(rt: Runtime, membershipId: string, token: string): Promise<{ card: StoredCard; masked: CardSummary | null }> {
  // The origin is the token, spent by this store: a retry with it finds this store's card, another token stores anew.
  const stored = await paymentGateway(rt).createProfileFromToken({ token, ...ownerOf(membershipId, `token:${token}`) });
  if (stored.ok) return { card: stored.card, masked: stored.masked };
  const details = { outcome: stored.outcome, reasonCode: stored.reasonCode };
  if (stored.outcome === 'declined') throw new HttpError(402, 'PAYMENT_DECLINED', 'The card was declined; it was not saved', { details });
  if (isTokenRefused(stored.reasonCode)) {
    throw new HttpError(400, 'PAYMENT_TOKEN_INVALID', TOKEN_INVALID_MESSAGE, { details });
  }
  const retry = stored.outcome === 'unknown' ? '; retry with the same card token' : '';
  throw new HttpError(502, 'GATEWAY_ERROR', `The card could not be saved${retry}`, { details });
}

/** Deletes a stored card the membership no longer uses (replaced, or the membership ended). Never throws: logged. */
export async function deleteStoredCard(rt: Runtime, membershipId: string, card: StoredCard | null, why: string): Promise<void> {
  if (!card) return;
  const log = rt.log.child({ membershipId });
  try {
    const deleted = await paymentGateway(rt).deleteProfile(card.customerProfileId);
    if (!deleted.ok) log.warn('stored card not deleted at the gateway; its ids are in the membership ledger', { why, reason: deleted.reason });
  } catch (error) {
    log.warn('stored card not deleted at the gateway; its ids are in the membership ledger', { why, error });
  }
}
