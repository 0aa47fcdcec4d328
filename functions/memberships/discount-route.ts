import { route } from '@shared/http/router';
import { discountJson, discountStanding, quoteDiscount } from './discount';
import { discountQuery } from './request-schemas';

/** GET /api/memberships/discount/:customerId?subtotal=X: the member discount on a subtotal, exact to the cent. */
export const discountRoute = route({
  method: 'GET',
  path: '/api/memberships/discount/:customerId',
  access: 'customer',
  summary: 'The member discount on `subtotal`, exact to the cent',
  owner: 'customerId',
  query: discountQuery,
  async handle({ runtime, params, query }) {
    const standing = await discountStanding(runtime, params.customerId);
    return { body: discountJson(params.customerId, quoteDiscount(standing, query.subtotal, runtime.clock.now())) };
  },
});
