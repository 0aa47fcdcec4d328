import { createHttpHandler } from '@shared/http/router';
import type { Runtime } from '@shared/runtime';
import { discountRoute } from './discount-route';
import {
  cancelRoute,
  downgradeRoute,
  getMembershipRoute,
  paymentMethodRoute,
  subscribeRoute,
  upgradeRoute,
} from './membership-routes';
import { statsRoute } from './stats-route';

/** Every route of the memberships function (`/stats` and `/subscribe` win over `/:customerId`: literals first). */
export const MEMBERSHIP_ROUTES = [
  statsRoute,
  discountRoute,
  subscribeRoute,
  getMembershipRoute,
  upgradeRoute,
  downgradeRoute,
  cancelRoute,
  paymentMethodRoute,
];

/** The memberships HTTP function (on the process runtime unless given one). */
export function createMembershipsHandler(runtime?: () => Runtime) {
  return createHttpHandler({ name: 'memberships', routes: MEMBERSHIP_ROUTES, runtime });
}

/** The registered handler. */
export const membershipsHandler = createMembershipsHandler();
