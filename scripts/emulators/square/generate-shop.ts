/** Builds the whole deterministic shop from a seed: locations, catalog, customers, payments and refunds. */
import { CardPool } from './card-pool';
import { generateCatalog } from './generate-catalog';
import { generateCustomers } from './generate-customers';
import { generateLocations, type GeneratedLocation } from './generate-locations';
import { generatePayments, generateRefunds, keepSomeAwaitingCapture } from './generate-payments';
import { createRng } from './random';
import { SquareStore } from './square-store';
import type { SquareCustomer } from './wire-types';

const DAY_MS = 86_400_000;

/** Size and span of the generated shop. */
export interface ShopShape {
  seed: number;
  payments: number;
  items: number;
  customers: number;
  locations: number;
  days: number;
  nowMs: number;
}

/** The generated shop: the store plus what run-time mutations need to create more of the same. */
export interface GeneratedShop {
  store: SquareStore;
  locations: GeneratedLocation[];
  prices: number[];
  cards: CardPool;
  /** Customers sorted by created_at and their creation times; mutations append to both. */
  customers: SquareCustomer[];
  customerCreatedMs: number[];
  /** The latest time any generated object carries. */
  latestMs: number;
}

/** Generates the shop; identical shapes give identical shops, ids included. */
export function generateShop(shape: ShopShape): GeneratedShop {
  const historyStart = shape.nowMs - shape.days * DAY_MS;
  // History stops a minute before "now" so that the first change made at run time is always the newest.
  const latest = shape.nowMs - 60_000;
  const locations = generateLocations(createRng(shape.seed, 'locations'), Math.max(1, shape.locations), historyStart);
  const locationIds = locations.map((l) => l.wire.id);
  const catalog = generateCatalog(createRng(shape.seed, 'catalog'), shape.items, historyStart, shape.nowMs, locationIds);
  const customers = generateCustomers(createRng(shape.seed, 'customers'), shape.customers, historyStart, shape.nowMs);
  const customerCreatedMs = customers.map((c) => Date.parse(c.created_at));
  const prices = catalog.variations.map((v) => v.item_variation_data.price_money.amount);
  if (prices.length === 0) prices.push(2999); // a shop without a catalog still sells something
  const cards = new CardPool(Math.max(50, Math.floor(shape.payments / 4)));
  const ctx = { locations, prices, cards, customers, customerCreatedMs };
  const payments = generatePayments(createRng(shape.seed, 'payments'), ctx, shape.payments, historyStart, latest);
  const refunds = generateRefunds(createRng(shape.seed, 'refunds'), payments, latest);
  // About 0.4% of sales await capture or clearing at any time (online orders are captured when they ship), so
  // the mutate endpoint always has status changes to make.
  keepSomeAwaitingCapture(createRng(shape.seed, 'capture'), payments, Math.min(400, Math.max(10, Math.ceil(shape.payments * 0.004))));
  const store = new SquareStore(locations.map((l) => l.wire), {
    payments, refunds, categories: catalog.categories, items: catalog.items, variations: catalog.variations, customers,
  });
  return { store, locations, prices, cards, customers, customerCreatedMs, latestMs: latest };
}
