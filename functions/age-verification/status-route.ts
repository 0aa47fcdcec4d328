import { DAY_MS } from '@shared/calendar';
import { ageVerificationStanding } from '@shared/age-check/require-age-verified';
import { HttpError } from '@shared/http/errors';
import { route } from '@shared/http/router';

/**
 * GET /api/age-verification/status/:customerId: the customer's current verification (own record only; admins any):
 * verified, expired, dates, age and state; 404 NOT_VERIFIED when never verified (or revoked or erased).
 */
export const statusRoute = route({
  method: 'GET',
  path: '/api/age-verification/status/:customerId',
  access: 'customer',
  summary: 'The customer\'s current verification: verified, expired, dates, age, state; 404 when none',
  owner: 'customerId',
  async handle({ runtime, params }) {
    const standing = await ageVerificationStanding(runtime, params.customerId);
    if (standing.status === 'unverified') {
      throw new HttpError(404, 'NOT_VERIFIED', 'This customer has no age verification');
    }
    const v = standing.verification;
    const msLeft = Date.parse(v.expiresAt) - runtime.clock.now().getTime();
    return {
      body: {
        customerId: v.customerId,
        verificationId: v.verificationId,
        verified: standing.status === 'verified',
        expired: standing.status === 'expired',
        method: v.method,
        age: v.age,
        state: v.state,
        verifiedAt: v.verifiedAt,
        expiresAt: v.expiresAt,
        daysUntilExpiry: Math.max(0, Math.ceil(msLeft / DAY_MS)),
      },
    };
  },
});
