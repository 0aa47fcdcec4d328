import { route } from '@shared/http/router';
import { eraseCustomer } from './erase';

/**
 * DELETE /api/age-verification/:customerId (admin): erases the customer's personal data from the verification records
 * (see eraseCustomer); the customer is unverified afterwards and anonymous attempt counts remain. Idempotent.
 */
export const erasureRoute = route({
  method: 'DELETE',
  path: '/api/age-verification/:customerId',
  access: 'admin',
  summary: 'Erases the customer\'s personal data from the verification records (idempotent)',
  async handle({ runtime, params, principal, log }) {
    const result = await eraseCustomer(runtime, params.customerId, `admin:${principal?.sub}`);
    log.info('age verification data erased', {
      verificationRecordsScrubbed: result.verificationRecordsScrubbed,
      attemptsAnonymized: result.attemptsAnonymized,
    });
    return { body: { ...result } };
  },
});
