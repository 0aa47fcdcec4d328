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

/**
 * Every route of the memberships function. Fixed paths come before `/:customerId`, which would otherwise also match
 * `/stats` and `/subscribe`.
 */
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
