import { ageVerificationAttempts, ageVerificationCurrent, ageVerifications } from './age-verification';
import type { TableDef, ViewDef } from './define';
import { notificationOutbox } from './notifications';
import { syncRuns, syncState } from './ops';
import { squareCustomers, squareItems, squareLocations, squarePayments, squareRefunds } from './square';

/** Every table and view, in creation order. Terraform's schemas and the DuckDB DDL are generated from this list. */
export const TABLES: TableDef[] = [
  syncRuns,
  syncState,
  notificationOutbox,
  squareLocations,
  squarePayments,
  squareRefunds,
  squareItems,
  squareCustomers,
  ageVerifications,
  ageVerificationAttempts,
] as unknown as TableDef[];
export const VIEWS: ViewDef[] = [ageVerificationCurrent];
