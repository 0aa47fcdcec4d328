import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOPICS, deadLetterTopic } from '@shared/bus/port';
import { FUNCTIONS, SCHEDULES, functionForPath, type FunctionSpec, prefixPatterns } from '@shared/manifest';
import { SECRET_NAMES } from '@shared/secrets/port';
import { VARIABLES } from '@shared/config';
import { z } from 'zod';
import { bigqueryDialect } from '@shared/warehouse/dialect';
import { TABLES, VIEWS } from '@shared/warehouse/schema';
import { type TableDef, defineTable, defineView } from '@shared/warehouse/schema/define';
import { bigquerySchema } from '@shared/warehouse/schema/render';
import { STAGING_DATASET } from '@shared/warehouse/bigquery-staging';
import { cloudbuildSubstitutions } from '../../scripts/cloudbuild/substitutions';
import { generatedFiles } from '../../scripts/generated';
import { configurationTable } from '../../scripts/readme/configuration-table';
import { withSection, yamlComment } from '../../scripts/readme/sections';
import { generateTerraformFiles, staleFiles } from '../../scripts/terraform/generated-files';
import { codeSources, type TerraformSources } from '../../scripts/terraform/sources';
import { MAX_VIEW_LEVEL } from '../../scripts/terraform/warehouse-entries';

const root = join(__dirname, '..', '..');
const sources = codeSources();
const files = generateTerraformFiles(sources);
const everything = generatedFiles(root);
const doc = (name: string) => JSON.parse(files[`terraform/generated/${name}`]);

const extraTable = defineTable({
  dataset: 'ops',
  name: 'terraform_test_probe',
  description: 'A table only this test defines',
  columns: { id: { type: 'STRING', required: true, description: 'Id' }, at: { type: 'TIMESTAMP', required: true, description: 'Time' } },
  primaryKey: ['id'],
  partitionBy: 'at',
  clusterBy: ['id'],
}) as unknown as TableDef;

const extraFunction: FunctionSpec = {
  name: 'terraform-probe',
  description: 'A function only this test defines',
  trigger: { kind: 'http', paths: ['/api/terraform-probe'] },
  secrets: ['jwt-secret'],
  memory: '256Mi',
  timeoutSeconds: 30,
  maxInstances: 1,
  access: { reads: [], writes: [], publishes: [], writesSecrets: [] },
};

describe('terraform/generated', () => {
  it('is up to date with the code, the README table and cloudbuild.yaml too (otherwise run npm run generate and commit)', () => {
    expect(Object.keys(everything)).toEqual(expect.arrayContaining(['README.md', 'cloudbuild.yaml', 'terraform/configuration.tf.json']));
    const stale = staleFiles(root, everything);
    if (stale.length > 0) throw new Error(`Stale: ${stale.join(', ')}. Run npm run generate and commit the result.`);
  });

  it('reports a variable added to shared/config.ts as stale in the README, Terraform and cloudbuild.yaml until regenerated', () => {
    const variables = {
      ...VARIABLES,
      PROBE_SETTING: { schema: z.string().optional(), meaning: 'a setting only this test defines', deploy: { kind: 'operator' as const, example: 'x' } },
    };
    const read = (file: string) => readFileSync(join(root, file), 'utf8');
    const changed: Record<string, string> = {
      ...generateTerraformFiles({ ...sources, variables }),
      'README.md': withSection(read('README.md'), 'configuration', configurationTable(variables)),
      'cloudbuild.yaml': withSection(read('cloudbuild.yaml'), 'operator-settings', cloudbuildSubstitutions(variables), yamlComment),
    };
    expect(staleFiles(root, changed)).toEqual(['README.md', 'cloudbuild.yaml', 'terraform/configuration.tf.json']);
    expect(changed['README.md']).toContain('| `PROBE_SETTING` | — | `probe_setting` / `_PROBE_SETTING` | a setting only this test defines |');
    expect(changed['cloudbuild.yaml']).toContain("  _PROBE_SETTING: ''  # unset by default, e.g. x\n");
    const tf = JSON.parse(changed['terraform/configuration.tf.json']);
    expect(tf.variable.probe_setting).toMatchObject({ type: 'string', default: null });
    expect(tf.locals.configuration_environment.PROBE_SETTING).toBe('${var.probe_setting}');
  });

  it.each<[string, Partial<TerraformSources>, string]>([
    ['a table added to TABLES', { tables: [...sources.tables, extraTable] }, 'tables.json'],
    [
      'a view added to VIEWS',
      { views: [...sources.views, defineView({ dataset: 'ops', name: 'probe_view', description: 'Probe', dependsOn: [], sql: () => 'SELECT 1 AS one' })] },
      'tables.json',
    ],
    ['a function added to FUNCTIONS', { functions: [...sources.functions, extraFunction] }, 'functions.json'],
    [
      'a schedule added to SCHEDULES',
      { schedules: [...sources.schedules, { name: 'probe', description: 'Probe', cron: '0 * * * *', timeZone: 'Etc/UTC', topic: 'sync-requests', message: { source: 'square', requestedBy: 'probe' } }] },
      'messaging.json',
    ],
    ['a secret added to SECRET_NAMES', { secrets: [...sources.secrets, 'probe-secret' as never] }, 'secrets.json'],
  ])('reports %s without regenerating as stale', (_, change, file) => {
    const changed = generateTerraformFiles({ ...sources, ...change });
    expect(staleFiles(root, changed)).toContain(`terraform/generated/${file}`);
  });

  it('writes the same bytes twice, with a trailing newline', () => {
    expect(generateTerraformFiles(codeSources())).toEqual(files);
    for (const content of Object.values(files)) expect(content.endsWith('}\n')).toBe(true);
  });
});

describe('functions.json', () => {
  const entries = doc('functions.json').functions as Array<Record<string, any>>;

  it('has exactly the functions of the manifest, nothing orphaned', () => {
    expect(entries.map((f) => f.name).sort()).toEqual(FUNCTIONS.map((f) => f.name).sort());
  });

  it.each(FUNCTIONS.map((f) => [f.name, f] as const))('carries %s as the manifest defines it', (name, spec) => {
    const entry = entries.find((f) => f.name === name)!;
    expect(entry).toMatchObject({
      description: spec.description,
      entry_point: name,
      memory: spec.memory,
      timeout_seconds: spec.timeoutSeconds,
      max_instances: spec.maxInstances,
      trigger: {
        kind: spec.trigger.kind,
        paths: spec.trigger.kind === 'http' ? spec.trigger.paths : [],
        topic: spec.trigger.kind === 'topic' ? spec.trigger.topic : null,
      },
      access: { reads: [...spec.access.reads].sort(), writes: spec.access.writes.map((t) => t.id).sort() },
    });
    expect(entry.secrets).toEqual([...new Set(spec.secrets)].sort());
    expect(entry.access.publishes).toEqual([...spec.access.publishes].sort());
    expect(entry.access.writes_secrets).toEqual([...spec.access.writesSecrets].sort());
    expect(entry.service_account_id).toMatch(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/);
    expect(entry.trigger_service_account_id === null).toBe(spec.trigger.kind === 'http');
  });

  it('gives every service account a distinct id', () => {
    const ids = entries.flatMap((f) => [f.service_account_id, f.trigger_service_account_id]).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('routes every HTTP prefix, and everything under it, to the function the local server would pick', () => {
    for (const spec of FUNCTIONS) {
      if (spec.trigger.kind !== 'http') continue;
      const entry = entries.find((f) => f.name === spec.name)!;
      for (const prefix of spec.trigger.paths) {
        expect(entry.url_paths).toEqual(expect.arrayContaining(prefixPatterns(prefix)));
        expect(functionForPath(prefix)?.name).toBe(spec.name);
        // The root page is / alone; every other prefix takes everything under it.
        if (prefix === '/') expect(functionForPath('/anything')?.name).not.toBe(spec.name);
        else expect(functionForPath(`${prefix}/anything`)?.name).toBe(spec.name);
      }
    }
    const allPaths = entries.flatMap((f) => f.url_paths);
    expect(new Set(allPaths).size).toBe(allPaths.length);
  });
});

/** The roles a function must hold, written from the rules rather than from the generator. */
function expectedRoles(spec: FunctionSpec): string[] {
  const roles: string[] = [];
  const { reads, writes } = spec.access;
  if (reads.length > 0 || writes.length > 0) roles.push('project roles/bigquery.jobUser');
  for (const dataset of reads) roles.push(`dataset:${dataset} roles/bigquery.dataViewer`);
  if (writes.length > 0) roles.push(`dataset:${STAGING_DATASET} roles/bigquery.dataEditor`);
  for (const table of writes) roles.push(`table:${table.id} roles/bigquery.dataEditor`);
  for (const topic of spec.access.publishes) roles.push(`topic:${topic} roles/pubsub.publisher`);
  for (const secret of spec.secrets) roles.push(`secret:${secret} roles/secretmanager.secretAccessor`);
  for (const secret of spec.access.writesSecrets) roles.push(`secret:${secret} roles/secretmanager.secretVersionManager`);
  return [...new Set(roles)].sort();
}

function grantedRoles(entry: Record<string, any>): string[] {
  const g = entry.grants;
  return [
    ...g.project.map((role: string) => `project ${role}`),
    ...g.datasets.map((d: any) => `dataset:${d.dataset} ${d.role}`),
    ...g.tables.map((t: any) => `table:${t.table} ${t.role}`),
    ...g.topics.map((t: any) => `topic:${t.topic} ${t.role}`),
    ...g.secrets.map((s: any) => `secret:${s.secret} ${s.role}`),
  ].sort();
}

describe('service account grants', () => {
  const none = { reads: [], writes: [], publishes: [], writesSecrets: [] };
  const variants: FunctionSpec[] = [
    { ...extraFunction, name: 'reads', access: { ...none, reads: ['commerce'] } },
    { ...extraFunction, name: 'writes', access: { ...none, reads: ['ops'], writes: [extraTable], publishes: ['jobs'] } },
    { ...extraFunction, name: 'rotates', secrets: ['lightspeed-refresh-token'], access: { ...none, writesSecrets: ['lightspeed-refresh-token'] } },
    { ...extraFunction, name: 'publishes', secrets: [], access: { ...none, publishes: ['sync-requests', 'webhook-events'] } },
  ];
  const specs = [...FUNCTIONS, ...variants.map((v, i) => ({ ...v, trigger: { kind: 'http' as const, paths: [`/probe-${i}`] } }))];
  const generated = JSON.parse(
    generateTerraformFiles({ ...sources, tables: [...sources.tables, extraTable], functions: specs })['terraform/generated/functions.json'],
  ).functions;
  const rolesOf = (name: string) => grantedRoles(generated.find((f: any) => f.name === name));

  it.each(specs.map((s) => [s.name, s] as const))('match the declared access of %s', (name, spec) => {
    expect(rolesOf(name)).toEqual(expectedRoles(spec));
  });

  it('never give a reader write access, a dataset-wide write outside staging, or a non-publisher a topic', () => {
    for (const spec of specs) {
      const roles = rolesOf(spec.name);
      if (spec.access.writes.length === 0) expect(roles.join()).not.toContain('dataEditor');
      if (spec.access.reads.length === 0 && spec.access.writes.length === 0) expect(roles.join()).not.toContain('bigquery');
      if (spec.access.publishes.length === 0) expect(roles.join()).not.toContain('pubsub');
      const datasetEditors = roles.filter((r) => r.startsWith('dataset:') && r.endsWith('dataEditor'));
      expect(datasetEditors.every((r) => r.startsWith(`dataset:${STAGING_DATASET} `))).toBe(true);
    }
  });

  it('refuses a write to a table that is not in TABLES', () => {
    const stray = { ...variants[1], trigger: { kind: 'http' as const, paths: ['/stray'] } };
    expect(() => generateTerraformFiles({ ...sources, functions: [...FUNCTIONS, stray] })).toThrow(/writes ops\.terraform_test_probe, which is not in TABLES/);
  });
});

describe('tables.json', () => {
  const warehouse = doc('tables.json');

  it('has exactly the tables and views of the schema registry', () => {
    expect(warehouse.tables.map((t: any) => t.id).sort()).toEqual(TABLES.map((t) => t.id).sort());
    expect(warehouse.views.map((v: any) => v.id).sort()).toEqual(VIEWS.map((v) => v.id).sort());
  });

  it.each(TABLES.map((t) => [t.id, t] as const))('renders %s with its schema, DAY partitioning and clustering', (id, table) => {
    const entry = warehouse.tables.find((t: any) => t.id === id);
    expect(entry).toEqual({
      id,
      dataset: table.dataset,
      name: table.name,
      description: table.description,
      schema: bigquerySchema(table),
      time_partitioning: { type: 'DAY', field: table.partitionBy },
      clustering: table.clusterBy,
    });
    expect(warehouse.datasets.map((d: any) => d.id)).toContain(table.dataset);
  });

  it('renders views in BigQuery SQL with a ${project} placeholder, at a level the module creates', () => {
    for (const view of VIEWS) {
      const entry = warehouse.views.find((v: any) => v.id === view.id);
      expect(entry.query).toBe(view.sql(bigqueryDialect('${project}')));
      expect(entry.level).toBeLessThanOrEqual(MAX_VIEW_LEVEL);
    }
  });

  it('orders views after the views they read', () => {
    const base = defineView({ dataset: 'commerce', name: 'base', description: 'b', dependsOn: [TABLES[0].id], sql: () => 'SELECT 1' });
    const top = defineView({ dataset: 'commerce', name: 'top', description: 't', dependsOn: ['commerce.base'], sql: (d) => `SELECT * FROM ${d.table('commerce.base')}` });
    const views = JSON.parse(generateTerraformFiles({ ...sources, views: [top, base] })['terraform/generated/tables.json']).views;
    expect(views.map((v: any) => [v.id, v.level])).toEqual([['commerce.base', 0], ['commerce.top', 1]]);
    expect(views[1].query).toBe('SELECT * FROM `${project}.commerce.base`');
  });
});

describe('messaging.json and secrets.json', () => {
  const messaging = doc('messaging.json');

  it('has every topic with its dead-letter topic and replay subscription, nothing orphaned', () => {
    expect(messaging.topics.map((t: any) => t.name)).toEqual([...TOPICS].sort());
    for (const topic of messaging.topics) {
      expect(topic.dead_letter_topic).toBe(deadLetterTopic(topic.name));
      expect(topic.dead_letter_subscription).toBe(`${deadLetterTopic(topic.name)}-retained`);
      const subscribers = FUNCTIONS.filter((f) => f.trigger.kind === 'topic' && f.trigger.topic === topic.name).map((f) => f.name);
      expect(topic.subscribers).toEqual(subscribers.sort());
    }
  });

  it('carries the delivery policy the local bus applies', () => {
    const defaults = codeSources().delivery;
    expect(messaging.delivery).toEqual({
      max_delivery_attempts: defaults.maxDeliveryAttempts,
      min_backoff_seconds: defaults.minBackoffSeconds,
      max_backoff_seconds: defaults.maxBackoffSeconds,
    });
  });

  it('has every schedule with its exact message, nothing orphaned', () => {
    expect(messaging.schedules.map((s: any) => s.name).sort()).toEqual(SCHEDULES.map((s) => s.name).sort());
    for (const schedule of SCHEDULES) {
      expect(messaging.schedules.find((s: any) => s.name === schedule.name)).toEqual({
        name: schedule.name,
        description: schedule.description,
        cron: schedule.cron,
        time_zone: schedule.timeZone,
        topic: schedule.topic,
        data: JSON.stringify(schedule.message),
      });
    }
  });

  it('has exactly the secrets of SECRET_NAMES, covering every secret a function uses', () => {
    const secrets: string[] = doc('secrets.json').secrets;
    expect(secrets).toEqual([...SECRET_NAMES].sort());
    for (const spec of FUNCTIONS) for (const s of [...spec.secrets, ...spec.access.writesSecrets]) expect(secrets).toContain(s);
  });
});

describe('the generator refuses a manifest Terraform could not deploy', () => {
  const cyclicA = defineView({ dataset: 'ops', name: 'a', description: 'a', dependsOn: ['ops.b'], sql: () => 'SELECT 1' });
  const cyclicB = defineView({ dataset: 'ops', name: 'b', description: 'b', dependsOn: ['ops.a'], sql: () => 'SELECT 1' });
  const chain = Array.from({ length: MAX_VIEW_LEVEL + 2 }, (_, i) =>
    defineView({ dataset: 'ops', name: `v${i}`, description: 'v', dependsOn: i === 0 ? [] : [`ops.v${i - 1}`], sql: () => 'SELECT 1' }),
  );
  it.each<[string, Partial<TerraformSources>, RegExp]>([
    ['a path prefix served twice', { functions: [...FUNCTIONS, { ...extraFunction, trigger: { kind: 'http', paths: ['/health'] } }] }, /already served/],
    ['a name too long for a service account', { functions: [{ ...extraFunction, name: 'a-function-name-far-too-long-for-iam' }] }, /3-27 characters/],
    ['an event function over 540 s', { functions: [{ ...extraFunction, trigger: { kind: 'topic', topic: 'jobs' }, timeoutSeconds: 600 }] }, /1-540/],
    ['an unknown secret', { functions: [{ ...extraFunction, secrets: ['no-such-secret' as never] }] }, /not in SECRET_NAMES/],
    ['a schedule on an unknown topic', { schedules: [{ name: 'x', description: 'x', cron: '* * * * *', timeZone: 'Etc/UTC', topic: 'nope' as never, message: {} as never }] }, /not in TOPICS/],
    ['more warm instances than the maximum', { functions: [{ ...extraFunction, maxInstances: 1, scaling: { minInstances: 2 } }] }, /minInstances must be/],
    ['concurrent requests without a whole vCPU', { functions: [{ ...extraFunction, scaling: { concurrency: 10, cpu: null } }] }, /needs cpu of at least 1/],
    ['views that read each other', { views: [cyclicA, cyclicB] }, /depends on itself/],
    ['views nested deeper than the module creates', { views: chain }, /view_level_/],
  ])('%s', (_, change, message) => {
    expect(() => generateTerraformFiles({ ...sources, ...change })).toThrow(message);
  });
});
