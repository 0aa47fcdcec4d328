import type { TopicName } from '@shared/bus/port';
import type { FunctionSpec } from '@shared/manifest';
import type { SecretName } from '@shared/secrets/port';
import type { Dataset } from '@shared/warehouse/schema/define';

/** The predefined roles a function's service account can hold; nothing broader is ever granted. */
export const ROLES = {
  dataViewer: 'roles/bigquery.dataViewer',
  dataEditor: 'roles/bigquery.dataEditor',
  jobUser: 'roles/bigquery.jobUser',
  publisher: 'roles/pubsub.publisher',
  secretAccessor: 'roles/secretmanager.secretAccessor',
  secretVersionAdder: 'roles/secretmanager.secretVersionAdder',
} as const;

/** The IAM bindings of one function's service account, by the kind of resource they sit on. */
export interface Grants {
  /** Project-level roles: only BigQuery jobUser, because queries run as jobs billed to the project. */
  project: string[];
  datasets: Array<{ dataset: Dataset; role: string }>;
  topics: Array<{ topic: TopicName; role: string }>;
  secrets: Array<{ secret: SecretName; role: string }>;
}

/**
 * Least privilege from a function's declared access: read or write on the datasets (plus jobUser to run queries)
 * only when it uses the warehouse, publisher only on the topics it publishes to, accessor only on the secrets it
 * reads and version adder only on the secrets it rotates.
 */
export function grantsFor(spec: FunctionSpec, datasets: readonly Dataset[]): Grants {
  const { warehouse, publishes, writesSecrets } = spec.access;
  const datasetRole = warehouse === 'write' ? ROLES.dataEditor : ROLES.dataViewer;
  return {
    project: warehouse === 'none' ? [] : [ROLES.jobUser],
    datasets: warehouse === 'none' ? [] : [...datasets].sort().map((dataset) => ({ dataset, role: datasetRole })),
    topics: unique(publishes).map((topic) => ({ topic, role: ROLES.publisher })),
    secrets: [
      ...unique(spec.secrets).map((secret) => ({ secret, role: ROLES.secretAccessor as string })),
      ...unique(writesSecrets).map((secret) => ({ secret, role: ROLES.secretVersionAdder as string })),
    ],
  };
}

function unique<T extends string>(values: readonly T[]): T[] {
  return [...new Set(values)].sort();
}
