import { ageVerificationAttempts, ageVerificationCurrent, ageVerifications } from './age-verification';
import { customerSales, dailySales } from './daily-sales';
import type { TableDef, ViewDef } from './define';
import { lightspeedProducts, lightspeedTransactions } from './lightspeed';
import { membershipEvents, membershipsCurrent, paymentsTaken } from './memberships';
import { notificationDeliveries, notificationOutbox, notificationStatus } from './notifications';
import { raffleEntries, raffleEntriesCurrent, raffleEvents, raffleTransactions, rafflesCurrent } from './raffles';
import { locationsView, saleRefundsView, salesView } from './sales';
import { integrationChecks, syncRuns, syncState } from './ops';
import { squareCustomers, squareInventory, squareItems, squareLocations, squarePayments, squareRefunds } from './square';
import { webhookEvents } from './webhooks';

/** Every table and view, in creation order. Terraform's schemas and the DuckDB DDL are generated from this list. */
export const TABLES: TableDef[] = [
  syncRuns,
  syncState,
  webhookEvents,
  integrationChecks,
  notificationOutbox,
  notificationDeliveries,
  squareLocations,
  squarePayments,
  squareRefunds,
  squareItems,
  squareCustomers,
  squareInventory,
  membershipEvents,
  paymentsTaken,
  ageVerifications,
  ageVerificationAttempts,
  raffleEvents,
  raffleEntries,
  raffleTransactions,
  lightspeedTransactions,
  lightspeedProducts,
  dailySales,
  customerSales,
];
export const VIEWS: ViewDef[] = [salesView, saleRefundsView, locationsView, ageVerificationCurrent, membershipsCurrent, rafflesCurrent, raffleEntriesCurrent, notificationStatus];
