import { type FunctionSpec, prefixPatterns, scalingOf } from '@shared/manifest';
import { type Grants, grantsFor } from './grants';
import type { TerraformSources } from './sources';

/** One function as terraform/generated/functions.json carries it; snake_case because Terraform reads it. */
export interface FunctionEntry {
  name: string;
  description: string;
  entry_point: string;
  service_account_id: string;
  /** The identity Eventarc pushes events with (event functions only): it may invoke this function and nothing else. */
  trigger_service_account_id: string | null;
  trigger: { kind: 'http' | 'topic'; paths: string[]; topic: string | null };
  /** Load balancer path rules: each prefix and everything under it. */
  url_paths: string[];
  memory: string;
  timeout_seconds: number;
  max_instances: number;
  /** Instances kept warm (latency-critical functions). */
  min_instances: number;
  /** Requests one instance serves at once. */
  concurrency: number;
  /** vCPUs per instance, or null for the default that goes with the memory. */
  cpu: string | null;
  /** Secrets it may read, through the secret port (never mounted); `grants.secrets` says in which modes. */
  secrets: string[];
  access: { reads: string[]; writes: string[]; publishes: string[]; writes_secrets: string[] };
  grants: Grants;
}

// Service account ids are 6-30 characters; "fn-" and "ev-" prefixes leave 27 for the name.
const functionName = /^[a-z][a-z0-9-]{1,25}[a-z0-9]$/;
/** A path prefix: /a/b, or / alone (the site's root page, matched exactly). */
const httpPrefix = /^(\/|(\/[a-z0-9][a-z0-9._-]*)+)$/i;
// Cloud Functions (2nd gen) limits: HTTP functions may run 60 minutes, event functions 9.
const maxTimeoutSeconds = { http: 3600, topic: 540 } as const;

/** The functions entries, sorted by name; throws naming the function and rule when the manifest breaks one. */
export function functionEntries(sources: TerraformSources): FunctionEntry[] {
  const seenNames = new Set<string>();
  const prefixOwner = new Map<string, string>();
  const entries = sources.functions.map((spec) => {
    checkFunction(spec, sources, seenNames, prefixOwner);
    const isHttp = spec.trigger.kind === 'http';
    const paths = spec.trigger.kind === 'http' ? [...spec.trigger.paths] : [];
    return {
      name: spec.name,
      description: spec.description,
      entry_point: spec.name,
      service_account_id: `fn-${spec.name}`,
      trigger_service_account_id: isHttp ? null : `ev-${spec.name}`,
      trigger: {
        kind: spec.trigger.kind,
        paths,
        topic: spec.trigger.kind === 'topic' ? spec.trigger.topic : null,
      },
      url_paths: paths.flatMap(prefixPatterns),
      memory: spec.memory,
      timeout_seconds: spec.timeoutSeconds,
      max_instances: spec.maxInstances,
      min_instances: scalingOf(spec).minInstances,
      concurrency: scalingOf(spec).concurrency,
      cpu: scalingOf(spec).cpu,
      secrets: [...new Set(spec.secrets)].sort(),
      access: {
        reads: [...new Set(spec.access.reads)].sort(),
        writes: [...new Set(spec.access.writes.map((t) => t.id))].sort(),
        publishes: [...new Set(spec.access.publishes)].sort(),
        writes_secrets: [...new Set(spec.access.writesSecrets)].sort(),
      },
      grants: grantsFor(spec),
    } satisfies FunctionEntry;
  });
  return entries.sort((a, b) => a.name.localeCompare(b.name));
}

function checkFunction(
  spec: FunctionSpec,
  sources: TerraformSources,
  seenNames: Set<string>,
  prefixOwner: Map<string, string>,
): void {
  const fail = (rule: string) => {
    throw new Error(`Function ${spec.name}: ${rule}`);
  };
  if (!functionName.test(spec.name)) fail('name must be 3-27 characters of a-z, 0-9 and "-" (it names a service account)');
  if (seenNames.has(spec.name)) fail('defined twice');
  seenNames.add(spec.name);
  if (!Number.isInteger(spec.maxInstances) || spec.maxInstances < 1) fail('maxInstances must be a positive integer');
  const scaling = scalingOf(spec);
  if (!Number.isInteger(scaling.minInstances) || scaling.minInstances < 0 || scaling.minInstances > spec.maxInstances) {
    fail('minInstances must be an integer from 0 to maxInstances');
  }
  if (!Number.isInteger(scaling.concurrency) || scaling.concurrency < 1 || scaling.concurrency > 1000) fail('concurrency must be 1-1000');
  // Cloud Run serves more than one request at once per instance only with at least one whole vCPU.
  if (scaling.concurrency > 1 && scaling.cpu === null) fail('concurrency above 1 needs cpu of at least 1');
  const limit = maxTimeoutSeconds[spec.trigger.kind];
  if (!Number.isInteger(spec.timeoutSeconds) || spec.timeoutSeconds < 1 || spec.timeoutSeconds > limit) {
    fail(`timeoutSeconds must be 1-${limit} for a ${spec.trigger.kind} function`);
  }
  if (spec.trigger.kind === 'http') {
    if (spec.trigger.paths.length === 0) fail('an HTTP function needs at least one path prefix');
    for (const prefix of spec.trigger.paths) {
      if (!httpPrefix.test(prefix)) fail(`path prefix ${prefix} must look like /a/b (no trailing slash or wildcard)`);
      const owner = prefixOwner.get(prefix);
      if (owner) fail(`path prefix ${prefix} is already served by ${owner}`);
      prefixOwner.set(prefix, spec.name);
    }
  } else if (!sources.topics.includes(spec.trigger.topic)) {
    fail(`trigger topic ${spec.trigger.topic} is not in TOPICS`);
  }
  const tableIds = new Set(sources.tables.map((t) => t.id));
  for (const table of spec.access.writes) {
    if (!tableIds.has(table.id)) fail(`writes ${table.id}, which is not in TABLES`);
  }
  for (const topic of spec.access.publishes) {
    if (!sources.topics.includes(topic)) fail(`publishes to ${topic}, which is not in TOPICS`);
  }
  for (const secret of [...spec.secrets, ...spec.access.writesSecrets]) {
    if (!sources.secrets.includes(secret)) fail(`uses secret ${secret}, which is not in SECRET_NAMES`);
  }
}
