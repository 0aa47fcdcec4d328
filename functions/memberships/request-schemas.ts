import { z } from 'zod';
import { MAX_DOLLARS_TEXT, parseDollars } from '@shared/money';
import { TIER_NAMES } from './tiers';

/** A tier name, any letter case. */
export const tierField = z
  .string()
  .transform((value) => value.trim().toUpperCase())
  .pipe(z.enum(TIER_NAMES, { message: `must be one of ${TIER_NAMES.join(', ')}` }));

// Twelve to nineteen digits, with or without spaces or dashes: what a card number looks like.
const CARD_NUMBER = /^(?:\d[ -]?){11,18}\d$/;

/**
 * `paymentMethod: { type?, token }`, the token made by Accept.js / Accept Mobile; `type: "credit_card"` is what the
 * shop's front ends send with it. Nothing else is accepted: a card number, here or in any other field of the object,
 * is refused before it goes further.
 */
export const paymentMethodField = z.strictObject({
  type: z.literal('credit_card').optional(),
  token: z
    .string()
    .min(1)
    .max(8192)
    .refine((token) => !CARD_NUMBER.test(token.trim()), 'must be a card token from the payment form, never a card number'),
});

/** POST /subscribe. */
export const subscribeBody = z.object({
  customerId: z.string().trim().min(1).max(128),
  email: z.email().max(254),
  tier: tierField,
  paymentMethod: paymentMethodField,
});

/** PUT /:customerId/upgrade. */
export const upgradeBody = z.object({ tier: tierField, paymentMethod: paymentMethodField.optional() });

/** PUT /:customerId/downgrade. */
export const downgradeBody = z.object({ tier: tierField });

/** PUT /:customerId/cancel. */
export const cancelBody = z.object({ reason: z.string().trim().min(1).max(500) });

/** PUT /:customerId/payment-method. */
export const paymentMethodBody = z.object({ paymentMethod: paymentMethodField });

/** GET /discount/:customerId?subtotal=12.34: a dollar amount with at most two decimals, as cents. */
export const discountQuery = z.object({
  subtotal: z.string().transform((value, ctx) => {
    const cents = parseDollars(value);
    if (cents !== null) return cents;
    // A well-formed amount that is merely too large is told so, not that its format is wrong.
    const tooLarge = /^\d+(\.\d{1,2})?$/.test(value.trim());
    ctx.addIssue({
      code: 'custom',
      message: tooLarge ? `must be at most ${MAX_DOLLARS_TEXT}` : 'must be a dollar amount with at most two decimals, e.g. 59.99',
    });
    return z.NEVER;
  }),
});
