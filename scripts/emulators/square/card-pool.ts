/**
 * The cards shoppers pay with. Customers keep using the same one or two cards and regulars without a profile
 * come back too, so fingerprints repeat across payments as they do in real data (and cost little to make).
 */
import { max } from './bound-globals';
import type { Rng } from './random';
import { cardFingerprint } from './square-ids';
import type { SquareCardBrand, SquareCardDetails } from './wire-types';

/** A card as it appears in card_details.card; shared by every payment made with it, never changed. */
export type SquareCard = SquareCardDetails['card'];

const BRANDS: readonly (readonly [SquareCardBrand, number])[] = [['VISA', 55], ['MASTERCARD', 28], ['AMERICAN_EXPRESS', 10], ['DISCOVER', 7]];
/** Test BINs of each brand, never real issuers. */
const BINS: Record<SquareCardBrand, string> = { VISA: '411111', MASTERCARD: '540000', AMERICAN_EXPRESS: '371449', DISCOVER: '601100' };

function newCard(rng: Rng, issuedMs: number): SquareCard {
  const brand = rng.weighted(BRANDS);
  return {
    card_brand: brand, last_4: String(rng.int(0, 9999)).padStart(4, '0'), exp_month: rng.int(1, 12),
    exp_year: new Date(issuedMs).getUTCFullYear() + rng.int(3, 6), fingerprint: cardFingerprint(rng),
    card_type: rng.chance(0.45) ? 'DEBIT' : 'CREDIT', prepaid_type: 'NOT_PREPAID', bin: BINS[brand],
  };
}

/** Hands out cards: a customer's own, or one of the regulars' cards for anonymous sales. */
export class CardPool {
  private readonly byCustomer = new Map<string, SquareCard[]>();
  private readonly anonymous: SquareCard[] = [];

  constructor(private readonly anonymousCards: number) {}

  /** The card used for a payment at `ms` by `customerId` (or by an anonymous shopper). */
  cardFor(rng: Rng, customerId: string | undefined, ms: number): SquareCard {
    if (customerId) {
      let cards = this.byCustomer.get(customerId);
      if (!cards) { cards = []; this.byCustomer.set(customerId, cards); }
      // Now and then a customer pays with a new card.
      if (cards.length === 0 || (cards.length < 3 && rng.chance(0.08))) cards.push(newCard(rng, ms));
      return cards[cards.length === 1 ? 0 : rng.int(0, cards.length - 1)];
    }
    const slot = rng.int(0, max(1, this.anonymousCards) - 1);
    return (this.anonymous[slot] ??= newCard(rng, ms));
  }
}
