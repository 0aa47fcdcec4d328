/**
 * The sales rollups (commerce.daily_sales, commerce.customer_sales): written with the rows by writeSourceRows,
 * repaired by rebuildRollup, compared with the rows by checkRollup.
 */
export { type RollupContext, rollupCompanion, writeSourceRows } from './write';
export { type RollupDifference, checkRollup, rebuildRollup } from './rebuild';
