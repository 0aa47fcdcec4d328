import type { TopicName } from '@shared/bus/port';
import { TOPICS } from '@shared/bus/port';
import { VARIABLES, type VariableDef, parseConfig } from '@shared/config';
import { FUNCTIONS, SCHEDULES, type FunctionSpec, type ScheduleSpec } from '@shared/manifest';
import { SECRET_NAMES, type SecretName } from '@shared/secrets/port';
import { TABLES, VIEWS } from '@shared/warehouse/schema';
import type { TableDef, ViewDef } from '@shared/warehouse/schema/define';

/** How Pub/Sub redelivers a failed event before it goes to the dead-letter topic. */
export interface DeliveryPolicy {
  maxDeliveryAttempts: number;
  minBackoffSeconds: number;
  maxBackoffSeconds: number;
}

/** Everything Terraform is generated from: the code's own lists, never a copy of them. */
export interface TerraformSources {
  functions: readonly FunctionSpec[];
  schedules: readonly ScheduleSpec[];
  topics: readonly TopicName[];
  secrets: readonly SecretName[];
  tables: readonly TableDef[];
  views: readonly ViewDef[];
  delivery: DeliveryPolicy;
  /** The environment variables' definitions (shared/config.ts). */
  variables: Record<string, VariableDef>;
}

/**
 * The sources as the code defines them today. The delivery policy is the one the local bus applies by default, so
 * production redelivers exactly as `npm start` does.
 */
export function codeSources(): TerraformSources {
  const defaults = parseConfig({});
  return {
    functions: FUNCTIONS,
    schedules: SCHEDULES,
    topics: TOPICS,
    secrets: SECRET_NAMES,
    tables: TABLES,
    views: VIEWS,
    variables: VARIABLES,
    delivery: {
      maxDeliveryAttempts: defaults.BUS_MAX_DELIVERY_ATTEMPTS,
      minBackoffSeconds: Math.round(defaults.BUS_MIN_BACKOFF_MS / 1000),
      maxBackoffSeconds: Math.round(defaults.BUS_MAX_BACKOFF_MS / 1000),
    },
  };
}
