import type { TopicName } from '@shared/bus/port';
import type { FunctionSpec } from '@shared/manifest';
import { type SecretName, secretDef } from '@shared/secrets/port';
import { STAGING_DATASET } from '@shared/warehouse/bigquery-staging';

/** The predefined roles a function's service account can hold; nothing broader is ever granted. */
export const ROLES = {
  dataViewer: 'roles/bigquery.dataViewer',
  dataEditor: 'roles/bigquery.dataEditor',
  jobUser: 'roles/bigquery.jobUser',
  publisher: 'roles/pubsub.publisher',
  secretAccessor: 'roles/secretmanager.secretAccessor',
  /** Adds a rotated token's version and disables the one before it (secretVersionAdder cannot disable). */
  secretVersionManager: 'roles/secretmanager.secretVersionManager',
} as const;

/** The IAM bindings of one function's service account, by the kind of resource they sit on. */
export interface Grants {
  /** Project-level roles: only BigQuery jobUser, because queries run as jobs billed to the project. */
  project: string[];
  /** Dataset-level roles: dataViewer on the datasets it reads, dataEditor only on the staging dataset. */
  datasets: Array<{ dataset: string; role: string }>;
  /** Table-level roles (`dataset.table`): dataEditor on each table it writes, and on no other. */
  tables: Array<{ table: string; role: string }>;
  topics: Array<{ topic: TopicName; role: string }>;
  /**
   * Secret roles, each with the mode in which the secret is read: Terraform keeps a grant only while every variable
   * of `when_set` and none of `when_unset` is in the deployed environment.
   */
  secrets: Array<{ secret: SecretName; role: string; when_set: string[]; when_unset: string[] }>;
}

/**
 * Least privilege from a function's declared access: dataViewer on the datasets it reads and dataEditor on exactly
 * the tables it writes (plus jobUser to run queries, and dataEditor on the staging dataset where its writes load
 * their rows before the MERGE), publisher only on the topics it publishes to, accessor only on the secrets it reads
 * and version manager only on the secrets it rotates, each secret only in the mode that reads it. No function holds
 * dataEditor on a dataset of real tables, so none can delete a table or write one it does not own.
 */
export function grantsFor(spec: FunctionSpec): Grants {
  const { reads, writes, publishes, writesSecrets } = spec.access;
  const usesWarehouse = reads.length > 0 || writes.length > 0;
  return {
    project: usesWarehouse ? [ROLES.jobUser] : [],
    datasets: [
      ...unique(reads).map((dataset) => ({ dataset: dataset as string, role: ROLES.dataViewer as string })),
      ...(writes.length > 0 ? [{ dataset: STAGING_DATASET, role: ROLES.dataEditor }] : []),
    ],
    tables: unique(writes.map((t) => t.id)).map((table) => ({ table, role: ROLES.dataEditor })),
    topics: unique(publishes).map((topic) => ({ topic, role: ROLES.publisher })),
    secrets: [
      ...unique(spec.secrets).map((secret) => ({ secret, role: ROLES.secretAccessor as string, ...readMode(secret) })),
      ...unique(writesSecrets).map((secret) => ({ secret, role: ROLES.secretVersionManager as string, ...readMode(secret) })),
    ],
  };
}

function readMode(secret: SecretName): { when_set: string[]; when_unset: string[] } {
  const when = secretDef(secret).readWhen;
  return { when_set: [...(when?.set ?? [])], when_unset: [...(when?.unset ?? [])] };
}

function unique<T extends string>(values: readonly T[]): T[] {
  return [...new Set(values)].sort();
}
