import { STAGING_DATASET, STAGING_TABLE_TTL_MS } from '@shared/warehouse/bigquery-staging';
import { bigqueryDialect } from '@shared/warehouse/dialect';
import type { Dataset, TableDef, ViewDef } from '@shared/warehouse/schema/define';
import { type BigQueryField, bigquerySchema } from '@shared/warehouse/schema/render';

/** What each dataset holds. A Record, so adding a dataset to the Dataset type fails typecheck until it is described. */
export const DATASET_DESCRIPTIONS: Record<Dataset, string> = {
  commerce: 'Synced POS data, business ledgers and the views the dashboard reads',
  ops: 'Operational records: sync runs, watermarks and webhook events',
};

/** The datasets, sorted. */
export const DATASETS = (Object.keys(DATASET_DESCRIPTIONS) as Dataset[]).sort();

/** The placeholder view SQL carries for the project id; Terraform replaces it with var.project. */
export const PROJECT_PLACEHOLDER = '${project}';

/**
 * Views are created after what they read. Terraform cannot order items of one for_each among themselves, so each
 * view gets a level (0 reads only tables, n reads a view of level n-1) and the bigquery module has one resource per
 * level, each depending on the previous.
 */
export const MAX_VIEW_LEVEL = 2;

/** A table as terraform/generated/tables.json carries it. */
export interface TableEntry {
  id: string;
  dataset: Dataset;
  name: string;
  description: string;
  schema: BigQueryField[];
  time_partitioning: { type: 'DAY'; field: string };
  clustering: string[];
}

/** A view as terraform/generated/tables.json carries it. */
export interface ViewEntry {
  id: string;
  dataset: Dataset;
  name: string;
  description: string;
  depends_on: string[];
  level: number;
  query: string;
}

/** The datasets, tables and views document; throws for duplicates, unknown dependencies and cycles. */
export function warehouseDocument(tables: readonly TableDef[], views: readonly ViewDef[]) {
  const ids = new Set<string>();
  for (const item of [...tables, ...views]) {
    if (ids.has(item.id)) throw new Error(`Warehouse: ${item.id} is defined twice`);
    ids.add(item.id);
  }
  const levels = viewLevels(tables, views);
  return {
    datasets: DATASETS.map((id) => ({ id, description: DATASET_DESCRIPTIONS[id] })),
    // Where writes load their rows before the MERGE; its tables expire by default, so a crashed write leaves nothing.
    staging: {
      id: STAGING_DATASET,
      description: 'Short-lived staging tables of warehouse writes (load, then MERGE into the target); they expire on their own',
      default_table_expiration_ms: STAGING_TABLE_TTL_MS,
    },
    tables: [...tables].sort(byId).map(
      (table): TableEntry => ({
        id: table.id,
        dataset: table.dataset,
        name: table.name,
        description: table.description,
        schema: bigquerySchema(table),
        time_partitioning: { type: 'DAY', field: table.partitionBy },
        clustering: [...table.clusterBy],
      }),
    ),
    views: [...views].sort(byId).map(
      (view): ViewEntry => ({
        id: view.id,
        dataset: view.dataset,
        name: view.name,
        description: view.description,
        depends_on: [...view.dependsOn].sort(),
        level: levels.get(view.id)!,
        query: view.sql(bigqueryDialect(PROJECT_PLACEHOLDER)),
      }),
    ),
  };
}

function viewLevels(tables: readonly TableDef[], views: readonly ViewDef[]): Map<string, number> {
  const tableIds = new Set<string>(tables.map((t) => t.id));
  const byViewId = new Map<string, ViewDef>(views.map((v) => [v.id, v]));
  const levels = new Map<string, number>();
  const visiting = new Set<string>();
  const levelOf = (view: ViewDef): number => {
    const known = levels.get(view.id);
    if (known !== undefined) return known;
    if (visiting.has(view.id)) throw new Error(`Warehouse: view ${view.id} depends on itself`);
    visiting.add(view.id);
    let level = 0;
    for (const dep of view.dependsOn) {
      if (tableIds.has(dep)) continue;
      const depView = byViewId.get(dep);
      if (!depView) throw new Error(`Warehouse: view ${view.id} depends on ${dep}, which is neither a table nor a view`);
      level = Math.max(level, levelOf(depView) + 1);
    }
    visiting.delete(view.id);
    if (level > MAX_VIEW_LEVEL) {
      throw new Error(
        `Warehouse: view ${view.id} needs level ${level}; add view_level_${level} to terraform/modules/bigquery and raise MAX_VIEW_LEVEL`,
      );
    }
    levels.set(view.id, level);
    return level;
  };
  views.forEach(levelOf);
  return levels;
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id.localeCompare(b.id);
}
