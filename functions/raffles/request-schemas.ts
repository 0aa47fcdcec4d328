import { parseDollars } from '@shared/money';
import { z } from 'zod';

/** A dollar amount (a JSON number with at most two decimals, at most `max`) as integer cents, read from its digits. */
const dollarsToCents = (max: number) =>
  z
    .number()
    .nonnegative()
    .max(max)
    .transform((v, ctx) => {
      const cents = parseDollars(String(v));
      if (cents === null) {
        ctx.addIssue({ code: 'custom', message: 'must be dollars with at most two decimals' });
        return z.NEVER;
      }
      return cents;
    });

const instant = z.string().datetime({ offset: true }).transform((v) => new Date(v).toISOString());

/** POST /api/raffles. Kind-specific rules (price, organization, disclosures, limits) are checked by the jurisdiction. */
export const createRaffleBody = z
  .object({
    kind: z.enum(['charitable_raffle', 'sweepstakes']),
    title: z.string().trim().min(3).max(200),
    prizeDescription: z.string().trim().min(3).max(2000),
    prizeValue: dollarsToCents(10_000_000),
    prizeKind: z.enum(['goods', 'service', 'experience', 'cash', 'cash_equivalent']),
    ticketPrice: dollarsToCents(10_000).optional(),
    charitable: z.object({ organization: z.string().trim().min(2).max(200), registrationId: z.string().trim().min(2).max(100) }).optional(),
    maxTickets: z.number().int().positive().max(10_000_000),
    maxTicketsPerCustomer: z.number().int().positive().max(10_000).optional(),
    winners: z.number().int().positive().max(100).default(1),
    runnersUp: z.number().int().min(0).max(100).default(0),
    entriesOpenAt: instant,
    entriesCloseAt: instant,
    drawAt: instant,
    officialRules: z.string().trim().min(20).max(50_000),
  })
  .strict();
export type CreateRaffleBody = z.infer<typeof createRaffleBody>;

/** PUT /api/raffles/:id: what may change (and only some of it once entries are open; see update.ts). */
export const updateRaffleBody = z
  .object({
    title: z.string().trim().min(3).max(200).optional(),
    prizeDescription: z.string().trim().min(3).max(2000).optional(),
    officialRules: z.string().trim().min(20).max(50_000).optional(),
    entriesCloseAt: instant.optional(),
    drawAt: instant.optional(),
    maxTickets: z.number().int().positive().max(10_000_000).optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');
export type UpdateRaffleBody = z.infer<typeof updateRaffleBody>;

/** POST /api/raffles/:id/purchase. */
export const purchaseBody = z
  .object({
    customerId: z.string().min(1).max(128),
    email: z.string().email().max(254).optional(),
    tickets: z.number().int().positive().max(10_000).default(1),
    paymentMethod: z.object({ token: z.string().min(1).max(8192) }),
  })
  .strict();

/** POST /api/raffles/:id/free-entry. */
export const freeEntryBody = z.object({ customerId: z.string().min(1).max(128), email: z.string().email().max(254).optional() }).strict();

/** DELETE /api/raffles/:id/cancel. */
export const cancelBody = z.object({ reason: z.string().trim().min(3).max(500) }).strict();
