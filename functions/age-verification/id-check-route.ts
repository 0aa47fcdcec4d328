import { z } from 'zod';
import { isExpired, readCurrentVerification } from '@shared/age-check/current-verification';
import { HttpError } from '@shared/http/errors';
import { route } from '@shared/http/router';
import { openLast4, privacyKeys, sameDigits } from './personal-data';
import { sealedDigitsOfCurrent } from './verification-store';

/**
 * POST /api/age-verification/:customerId/id-check (admin): staff handing over an order compare the ID in front of them
 * with the one the customer attested to. Answers only whether the last four digits match; the stored digits are
 * opened in memory and never returned. Limited to 10 a minute per IP, so it cannot be used to guess digits.
 */
export const idCheckRoute = route({
  method: 'POST',
  path: '/api/age-verification/:customerId/id-check',
  access: 'admin',
  summary: 'Whether the ID in front of staff ends in the attested four digits (10 a minute per IP)',
  rateLimit: { name: 'age-verification-id-check', limit: 10, windowSeconds: 60 },
  body: z.object({ idNumberLast4: z.string().regex(/^[0-9]{4}$/, 'must be exactly four digits') }),
  async handle({ runtime, params, body }) {
    const record = await sealedDigitsOfCurrent(runtime, params.customerId);
    if (!record?.sealed) throw new HttpError(404, 'NOT_VERIFIED', 'This customer has no age verification with ID digits');
    const keys = await privacyKeys(runtime);
    const matches = sameDigits(openLast4(keys, record.verificationId, record.sealed), body.idNumberLast4);
    const current = await readCurrentVerification(runtime, params.customerId);
    return {
      body: {
        customerId: params.customerId,
        verificationId: record.verificationId,
        matches,
        verificationExpired: current ? isExpired(current, runtime.clock.now()) : true,
      },
    };
  },
});
