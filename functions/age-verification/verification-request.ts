import { z } from 'zod';
import { type CalendarDate, parseCalendarDate } from '@shared/calendar';
import { fullNameProblem } from './full-name';
import { type UsStateCode, isUsStateCode } from './us-states';

/**
 * The body of POST /verify and /resubmit. A body that breaks these rules is malformed (400 naming the field) and is not
 * an attempt; a well-formed claim that fails the age rules is answered `verified: false` and counts as a failed attempt.
 */
export const verificationRequestSchema = z.object({
  customerId: z.string().trim().min(1, 'is required').max(128, 'must be at most 128 characters'),
  fullName: z
    .string({ error: 'must be a string' })
    .superRefine((value, ctx) => {
      const problem = fullNameProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .transform((value) => value.trim()),
  dateOfBirth: z
    .string({ error: 'must be a string' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
    .transform((value, ctx): CalendarDate => {
      const date = parseCalendarDate(value);
      if (!date) {
        ctx.addIssue({ code: 'custom', message: 'is not a real calendar date' });
        return z.NEVER;
      }
      return date;
    }),
  state: z
    .string({ error: 'must be a string' })
    .trim()
    .toUpperCase()
    .refine(isUsStateCode, 'must be the two-letter code of one of the 50 US states or DC')
    .transform((value) => value as UsStateCode),
  idNumberLast4: z.string({ error: 'must be a string of four digits' }).regex(/^[0-9]{4}$/, 'must be exactly four digits'),
});

/** A well-formed verification request. */
export type VerificationRequest = z.infer<typeof verificationRequestSchema>;
