/** Identifier formats that look like Square's, so code that validates or stores ids sees realistic values. */
import type { Rng } from './random';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Location ids: "L" and 12 upper-case alphanumerics, e.g. LH2XR7AMB1XWN. */
export const locationId = (rng: Rng): string => 'L' + rng.chars(UPPER_ALNUM, 12);
/** Merchant ids: 13 upper-case alphanumerics. */
export const merchantId = (rng: Rng): string => rng.chars(UPPER_ALNUM, 13);
/** Catalog object ids: 24 upper-case alphanumerics, e.g. W62UWFY35CWMYGVWK6TWJDNI. */
export const catalogObjectId = (rng: Rng): string => rng.chars(UPPER_ALNUM, 24);
/** Customer ids: 26 upper-case alphanumerics. */
export const customerId = (rng: Rng): string => rng.chars(UPPER_ALNUM, 26);
/** Team member ids: "TM" and 14 base62 characters. */
export const teamMemberId = (rng: Rng): string => 'TM' + rng.chars(BASE62, 14);
/** Payment ids: 29 base62 characters. */
export const paymentId = (rng: Rng): string => rng.chars(BASE62, 29);
/** Order ids: 27 base62 characters. */
export const orderId = (rng: Rng): string => rng.chars(BASE62, 27);
/** Refund ids are the payment id, an underscore and 43 base62 characters, as Square forms them. */
export const refundId = (rng: Rng, ofPayment: string): string => `${ofPayment}_${rng.chars(BASE62, 43)}`;
/** Payment version tokens: 46 base62 characters, new on every change. */
export const versionToken = (rng: Rng): string => rng.chars(BASE62, 46);
/** Card fingerprints: "sq-1-" and 64 base62/dash characters. */
export const cardFingerprint = (rng: Rng): string => 'sq-1-' + rng.chars(BASE62 + '-_', 64);
