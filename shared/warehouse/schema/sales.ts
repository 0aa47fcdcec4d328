import { CONNECTORS } from '../../sources/registry';
import type { SourceQuery } from '../../sources/connector';
import { defineView } from './define';

/** Every connector's query of one kind, put together. */
function unionOf(queries: ReadonlyArray<SourceQuery | null>) {
  const present = queries.filter((q): q is SourceQuery => q !== null);
  return {
    dependsOn: [...new Set(present.flatMap((q) => q.reads.map((t) => t.id)))],
    sql: (d: Parameters<SourceQuery['sql']>[0]) => present.map((q) => q.sql(d)).join('\nUNION ALL'),
  };
}

const sales = unionOf(CONNECTORS.map((c) => c.salesQuery));
const refunds = unionOf(CONNECTORS.map((c) => c.refundsQuery));
const locations = unionOf(CONNECTORS.map((c) => c.locationsQuery));

/**
 * Every sale of every source, one row each, amounts in cents, status normalized to completed / pending / canceled /
 * failed / voided; each connector says how its sales map (see its salesQuery). The dashboard reads this view, never
 * the source tables.
 */
export const salesView = defineView({
  dataset: 'commerce',
  name: 'sales',
  description: 'All sales of every source, normalized',
  dependsOn: sales.dependsOn,
  sql: sales.sql,
});

/** Completed refunds of every source, dated by the refund's own time (a late refund counts when it is made). */
export const saleRefundsView = defineView({
  dataset: 'commerce',
  name: 'sale_refunds',
  description: 'Completed refunds of every source',
  dependsOn: refunds.dependsOn,
  sql: refunds.sql,
});

/** Every source's locations with their names (Square locations, Lightspeed shops): source, id, name. */
export const locationsView = defineView({
  dataset: 'commerce',
  name: 'locations',
  description: 'Locations of every source with their names',
  dependsOn: locations.dependsOn,
  sql: locations.sql,
});
