import { createHttpHandler } from '@shared/http/router';
import type { Runtime } from '@shared/runtime';
import { freeEntryRoute, purchaseRoute } from './entry-routes';
import {
  cancelRoute,
  createRoute,
  drawRoute,
  getRoute,
  listRoute,
  progressRoute,
  statsRoute,
  ticketsRoute,
  updateRoute,
  verifyRoute,
} from './raffle-routes';

/** Every route of the raffles function. `/stats` comes before `/:id`, which would otherwise match it. */
export const RAFFLE_ROUTES = [
  statsRoute,
  listRoute,
  createRoute,
  getRoute,
  updateRoute,
  progressRoute,
  ticketsRoute,
  purchaseRoute,
  freeEntryRoute,
  drawRoute,
  cancelRoute,
  verifyRoute,
];

/** The raffles HTTP function (on the process runtime unless given one). */
export function createRafflesHandler(runtime?: () => Runtime) {
  return createHttpHandler({ name: 'raffles', routes: RAFFLE_ROUTES, runtime });
}

/** The registered handler. */
export const rafflesHandler = createRafflesHandler();
