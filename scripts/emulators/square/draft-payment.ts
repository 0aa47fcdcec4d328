/** A brand-new payment as Square records it when a sale is rung up or an online order is paid. */
import { ceil, round } from './bound-globals';
import type { GeneratedLocation } from './generate-locations';
import { iso } from './emulator-clock';
import type { Rng } from './random';
import type { CardPool } from './card-pool';
import { orderId, paymentId, versionToken } from './square-ids';
import type { SquarePayment } from './wire-types';

/** Texas state and local sales tax on the shop's goods. */
const SALES_TAX = 0.0825;
/** Application details are the same for every sale of a channel, so all payments share (and never change) them. */
const POS_APP: SquarePayment['application_details'] = { square_product: 'SQUARE_POS', application_id: 'sq0idp-wGVapF8sNt9PLrdj5znuKA' };
const WEB_APP: SquarePayment['application_details'] = { square_product: 'ECOMMERCE_API', application_id: 'sq0idp-7Fz3P1rVn4sYqLmX8eTc2A' };
const BANKS = ['Frost Bank', 'Texas Capital Bank', 'Prosperity Bank', 'Broadway Bank', 'First Financial Bank'];
const BASKET_LINES = [[1, 50], [2, 30], [3, 13], [4, 7]] as const;
const DISCOUNTS = [0.1, 0.15, 0.2, 0.3];
const WEB_SOURCES = [['CARD', 86], ['WALLET', 11], ['BANK_ACCOUNT', 3]] as const;
const STORE_SOURCES = [['CARD', 72], ['CASH', 20], ['WALLET', 5], ['EXTERNAL', 3]] as const;
const STORE_ENTRY = [['EMV', 45], ['CONTACTLESS', 48], ['SWIPED', 7]] as const;
const NOTES = [0, 500, 1000, 2000];

/** The basket total in cents: shelf prices, an occasional member or promo discount, then sales tax. */
function basketCents(rng: Rng, prices: readonly number[]): number {
  const lines = rng.weighted(BASKET_LINES);
  let subtotal = 0;
  for (let i = 0; i < lines; i++) subtotal += rng.pick(prices) * (rng.chance(0.1) ? 2 : 1);
  if (rng.chance(0.12)) subtotal -= round(subtotal * rng.pick(DISCOUNTS));
  return subtotal + round(subtotal * SALES_TAX);
}

/** Drafts a payment created at `createdMs`: card and wallet payments start APPROVED, ACH transfers PENDING,
 * cash and external ones are COMPLETED at once. Callers move it on with setPaymentStatus. */
export function draftPayment(
  rng: Rng, prices: readonly number[], cards: CardPool, location: GeneratedLocation, createdMs: number, customerId: string | undefined,
): SquarePayment {
  const id = paymentId(rng);
  const amount = basketCents(rng, prices);
  const currency = location.wire.currency;
  const online = location.online;
  const source = rng.weighted(online ? WEB_SOURCES : STORE_SOURCES);
  const created = iso(createdMs);
  const settled = source === 'CASH' || source === 'EXTERNAL';
  // Money objects are never changed in place (refunds get their own), so the payment's amounts can share one.
  const money = { amount, currency };
  // Every payment object has the same keys (absent ones undefined, which JSON leaves out): one hidden class
  // for 100,000 objects keeps generation and serialisation fast.
  const p: SquarePayment = {
    id,
    created_at: created,
    updated_at: created,
    amount_money: money,
    total_money: money,
    approved_money: settled ? undefined : money,
    refunded_money: undefined,
    processing_fee: undefined,
    status: settled ? 'COMPLETED' : source === 'BANK_ACCOUNT' ? 'PENDING' : 'APPROVED',
    delay_duration: undefined,
    delay_action: undefined,
    delayed_until: undefined,
    source_type: source,
    card_details: undefined,
    cash_details: undefined,
    wallet_details: undefined,
    external_details: undefined,
    bank_account_details: undefined,
    location_id: location.wire.id,
    order_id: orderId(rng),
    customer_id: customerId,
    team_member_id: online || location.teamMemberIds.length === 0 ? undefined : rng.pick(location.teamMemberIds),
    refund_ids: undefined,
    receipt_number: id.slice(0, 4),
    receipt_url: settled ? `https://squareup.com/receipt/preview/${id}` : undefined,
    application_details: online ? WEB_APP : POS_APP,
    version_token: versionToken(rng),
  };
  if (source === 'CARD') {
    p.delay_duration = online ? 'P7D' : 'PT36H';
    p.delay_action = 'CANCEL';
    p.delayed_until = iso(createdMs + (online ? 7 * 86_400_000 : 36 * 3_600_000));
    p.card_details = {
      status: 'AUTHORIZED',
      card: cards.cardFor(rng, customerId, createdMs),
      entry_method: online ? 'KEYED' : rng.weighted(STORE_ENTRY),
      cvv_status: online ? 'CVV_ACCEPTED' : 'CVV_NOT_CHECKED',
      avs_status: online ? 'AVS_ACCEPTED' : 'AVS_NOT_CHECKED',
      statement_description: 'SQ *LONE STAR HEMP',
      card_payment_timeline: { authorized_at: created, captured_at: undefined, voided_at: undefined },
    };
  } else if (source === 'CASH') {
    // Cash tendered: the next $5, $10 or $20 note above the total, or exact change.
    const note = rng.pick(NOTES);
    const tendered = note === 0 ? amount : ceil(amount / note) * note;
    p.cash_details = { buyer_supplied_money: { amount: tendered, currency }, change_back_money: { amount: tendered - amount, currency } };
  } else if (source === 'WALLET') {
    p.wallet_details = { status: 'AUTHORIZED', brand: 'CASH_APP' };
  } else if (source === 'EXTERNAL') {
    p.external_details = { type: 'OTHER_GIFT_CARD', source: 'Store gift card' };
  } else {
    p.bank_account_details = {
      bank_name: rng.pick(BANKS), transfer_type: 'ACH', account_ownership_type: 'INDIVIDUAL', country: 'US',
      statement_description: 'SQ *LONE STAR HEMP',
      ach_details: { routing_number: '111000025', account_number_suffix: String(rng.int(0, 9999)).padStart(4, '0'), account_type: rng.chance(0.8) ? 'CHECKING' : 'SAVINGS' },
    };
  }
  return p;
}
