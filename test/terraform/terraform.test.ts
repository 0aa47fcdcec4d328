import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '@shared/config';
import { FUNCTIONS, SCHEDULES, functionSpec, prefixPatterns, scalingOf } from '@shared/manifest';
import { TOPICS } from '@shared/bus/port';
import { SECRET_NAMES } from '@shared/secrets/port';
import { TABLES, VIEWS } from '@shared/warehouse/schema';
import { STAGING_DATASET, STAGING_TABLE_TTL_MS } from '@shared/warehouse/bigquery-staging';
import { MAX_VIEW_LEVEL } from '../../scripts/terraform/warehouse-entries';
import { operatorSettings } from '../../scripts/terraform/environment-entries';
import { cloudbuildSteps } from './cloudbuild';
import { type Block, type TfModule, interpolations, nested, parseTerraform, strings, wiringProblems } from './hcl';

const repo = join(__dirname, '..', '..');
const terraformDir = join(repo, 'terraform');
const generated = (name: string) => JSON.parse(readFileSync(join(terraformDir, 'generated', name), 'utf8'));

let modules: Map<string, TfModule>;
const mod = (dir: string) => {
  const found = modules.get(dir);
  if (!found) throw new Error(`no Terraform module at terraform/${dir}`);
  return found;
};
const resource = (dir: string, type: string, name: string): Block => {
  const found = mod(dir).resources[type]?.[name];
  if (!found) throw new Error(`terraform/${dir} declares no ${type}.${name}`);
  return found;
};

beforeAll(async () => {
  modules = await parseTerraform(terraformDir);
});

describe('root module', () => {
  it.each([
    ['functions', 'functions.json', '.functions'],
    ['warehouse', 'tables.json', ''],
    ['messaging', 'messaging.json', ''],
    ['secrets', 'secrets.json', '.secrets'],
  ])('reads local.%s from generated/%s with jsondecode(file(...))', (local, file, path) => {
    expect(mod('').locals.generated).toBe('${path.module}/generated');
    expect(String(mod('').locals[local])).toContain(`jsondecode(file("\${local.generated}/${file}"))${path}`);
  });

  it('instantiates the function module once per entry of functions.json', () => {
    const call = mod('').modules.function;
    expect(call.source).toBe('./modules/function');
    expect(call.for_each).toBe('${local.functions}');
    expect(mod('').locals.functions).toBe('${{ for f in jsondecode(file("${local.generated}/functions.json")).functions : f.name => f }}');
    expect(call.name).toBe('${each.value.name}');
    expect(call.grants).toBe('${local.function_grants[each.key]}');
    expect(call).not.toHaveProperty('secrets');
    expect(call.source_dir).toBe('${var.dist_dir}/${each.key}');
  });

  it.each([
    ['bigquery', { datasets: '${local.warehouse.datasets}', tables: '${local.warehouse.tables}', views: '${local.warehouse.views}' }],
    ['pubsub', { topics: '${local.messaging.topics}' }],
    ['scheduler', { schedules: '${local.messaging.schedules}', topic_ids: '${module.pubsub.topic_ids}' }],
    ['secrets', { secret_ids: '${local.secrets}' }],
  ])('passes the generated %s lists to their module whole', (name, args) => {
    expect(mod('').modules[name]).toMatchObject({ source: `./modules/${name}`, ...args });
  });

  it('pins every provider it uses, and only those (no google-beta: no resource needs it), in the committed lock file', () => {
    const required = mod('').terraform.flatMap((t) => (t.required_providers as Block[]) ?? []);
    const providers = Object.assign({}, ...required);
    expect(Object.keys(providers).sort()).toEqual(['archive', 'google', 'time']);
    for (const name of Object.keys(providers)) {
      expect(providers[name]).toMatchObject({ source: `hashicorp/${name}`, version: expect.stringMatching(/^~> \d+\.\d+/) });
    }
    const used = new Set([...modules.values()].flatMap((m) => [...Object.keys(m.resources), ...Object.keys(m.data)]).map((type) => type.split('_')[0]));
    expect([...used].sort()).toEqual(['archive', 'google', 'time']);
    for (const m of modules.values()) expect(strings(m.resources).some((s) => s.includes('google-beta'))).toBe(false);
    const lock = readFileSync(join(terraformDir, '.terraform.lock.hcl'), 'utf8');
    const locked = [...lock.matchAll(/provider "registry\.terraform\.io\/hashicorp\/([\w-]+)" \{\s*version\s*=\s*"([\d.]+)"\s*constraints\s*=\s*"([^"]+)"\s*hashes = \[([^\]]*)\]/g)];
    expect(locked.map((m) => m[1]).sort()).toEqual(Object.keys(providers).sort());
    for (const [, name, version, constraints, hashes] of locked) {
      // The recorded constraints are the configuration's, and the version satisfies them (same major, "~> x.y").
      expect(constraints).toBe(providers[name].version);
      const [major, minor] = constraints.replace('~> ', '').split('.').map(Number);
      const [vMajor, vMinor] = version.split('.').map(Number);
      expect(vMajor === major && vMinor >= minor).toBe(true);
      // zh: hashes (one per platform's release zip) let `terraform init -lockfile=readonly` verify any platform.
      expect(hashes.match(/"zh:[0-9a-f]{64}"/g)?.length).toBeGreaterThanOrEqual(10);
      expect(hashes).toMatch(/"h1:[A-Za-z0-9+/]{43}="/);
    }
  });

  it('gives every function the environment generated from shared/config.ts, and no more', () => {
    expect(String(mod('').locals.function_environment).replace(/\s+/g, ' ')).toBe(
      '${{ for name, value in local.configuration_environment : name => tostring(value) if value != null && value != "" }}',
    );
    expect(mod('').modules.function.environment).toBe('${local.function_environment}');
    expect(mod('').variables).not.toHaveProperty('extra_environment');
    expect(mod('').variables).not.toHaveProperty('build_version');
  });

  it('grants each function its secrets only in the modes it runs, and adopts exactly those secrets from the bootstrap', () => {
    const grants = String(mod('').locals.function_grants).replace(/\s+/g, ' ');
    expect(grants).toContain('for g in f.grants.secrets : { secret = g.secret, role = g.role }');
    expect(grants).toContain(
      'if alltrue([for v in g.when_set : contains(keys(local.function_environment), v)]) && !anytrue([for v in g.when_unset : contains(keys(local.function_environment), v)])',
    );
    expect(mod('').locals.read_secrets).toBe('${toset(flatten([for name, grants in local.function_grants : [for g in grants.secrets : g.secret]]))}');
    expect(mod('').imports).toEqual([
      {
        for_each: '${local.read_secrets}',
        to: '${module.secrets.google_secret_manager_secret.secret[each.key]}',
        id: 'projects/${var.project}/secrets/${each.key}',
      },
    ]);
    const version = mod('').terraform.map((t) => t.required_version).find(Boolean);
    expect(version).toBe('>= 1.7.0'); // for_each in import blocks
  });

  it('keeps replaced function bundles as noncurrent versions for a while, then deletes them', () => {
    const bucket = resource('', 'google_storage_bucket', 'sources');
    expect(nested(bucket, 'versioning')).toEqual({ enabled: true });
    const rules = bucket.lifecycle_rule as Block[];
    const deleteRule = rules.find((r) => nested(r, 'action').type === 'Delete')!;
    expect(nested(deleteRule, 'condition')).toEqual({ days_since_noncurrent_time: '${var.source_retention_days}' });
    expect(mod('').variables.source_retention_days.default).toBeGreaterThan(0);
  });
});

describe('a fresh project applies in one go', () => {
  /** The API each resource type needs, by type prefix (the longest matching prefix wins). */
  const API_OF: Record<string, string> = {
    google_bigquery_: 'bigquery.googleapis.com',
    google_cloud_run_v2_: 'run.googleapis.com',
    google_cloud_scheduler_: 'cloudscheduler.googleapis.com',
    google_cloudfunctions2_: 'cloudfunctions.googleapis.com',
    google_compute_: 'compute.googleapis.com',
    google_logging_: 'logging.googleapis.com',
    google_monitoring_: 'monitoring.googleapis.com',
    google_project_iam_: 'cloudresourcemanager.googleapis.com',
    google_project_service: 'serviceusage.googleapis.com',
    google_project: 'cloudresourcemanager.googleapis.com',
    google_pubsub_: 'pubsub.googleapis.com',
    google_secret_manager_: 'secretmanager.googleapis.com',
    google_service_account: 'iam.googleapis.com',
    google_storage_: 'storage.googleapis.com',
  };
  // A 2nd gen function is built by Cloud Build into Artifact Registry, runs on Cloud Run, and its event trigger is Eventarc.
  const FUNCTION_APIS = ['cloudbuild.googleapis.com', 'artifactregistry.googleapis.com', 'run.googleapis.com', 'eventarc.googleapis.com'];
  const enabled = () => String(resource('', 'google_project_service', 'api').for_each);

  it('enables the API of every resource type any module uses, and what function builds and triggers use', () => {
    const types = new Set([...modules.values()].flatMap((m) => [...Object.keys(m.resources), ...Object.keys(m.data)]).filter((t) => t.startsWith('google_')));
    for (const type of types) {
      const prefix = Object.keys(API_OF)
        .filter((p) => type.startsWith(p))
        .sort((a, b) => b.length - a.length)[0];
      expect([type, prefix ? 'known' : 'add its API to API_OF']).toEqual([type, 'known']);
      expect(enabled()).toContain(`"${API_OF[prefix]}"`);
    }
    for (const api of FUNCTION_APIS) expect(enabled()).toContain(`"${api}"`);
    expect(resource('', 'google_project_service', 'api').disable_on_destroy).toBe(false);
  });

  it('makes every module, resource and data source of the root module wait for the APIs', () => {
    const root = mod('');
    const waiting = (block: Block) => ((block.depends_on as string[] | undefined) ?? []).includes('${google_project_service.api}');
    for (const [name, call] of Object.entries(root.modules)) expect([`module.${name}`, waiting(call)]).toEqual([`module.${name}`, true]);
    for (const section of [root.resources, root.data]) {
      for (const [type, named] of Object.entries(section)) {
        for (const [name, block] of Object.entries(named)) {
          if (type === 'google_project_service') continue;
          expect([`${type}.${name}`, waiting(block)]).toEqual([`${type}.${name}`, true]);
        }
      }
    }
    // Modules declare no depends_on of their own; everything inside them inherits the module's.
    for (const [dir, m] of modules) if (dir) expect(strings(m.resources).join(' ')).not.toContain('google_project_service');
  });

  it('builds every function with its own build service account, which holds exactly the build roles', () => {
    const build = nested(resource('modules/function', 'google_cloudfunctions2_function', 'function'), 'build_config');
    expect(build.service_account).toBe('${var.build_service_account}');
    expect(mod('').modules.function.build_service_account).toBe('${google_service_account.build.id}');
    expect(resource('', 'google_project_iam_member', 'build').for_each).toBe('${toset(["roles/logging.logWriter", "roles/artifactregistry.writer"])}');
    expect(resource('', 'google_storage_bucket_iam_member', 'build_reads_sources')).toMatchObject({ bucket: '${google_storage_bucket.sources.name}', role: 'roles/storage.objectViewer' });
    const buckets = resource('', 'google_project_iam_member', 'build_function_buckets');
    expect(buckets.role).toBe('roles/storage.objectAdmin');
    expect(nested(buckets, 'condition').expression).toBe('resource.name.startsWith("projects/_/buckets/gcf-v2-")');
    // The functions are built only once the account holds those roles.
    expect(mod('').modules.function.depends_on).toEqual(
      expect.arrayContaining(['${google_project_iam_member.build}', '${google_project_iam_member.build_function_buckets}', '${google_storage_bucket_iam_member.build_reads_sources}']),
    );
  });
});

describe('every module is wired consistently (what terraform validate would check)', () => {
  it('passes only declared variables to modules, all required ones, and refers only to what is declared', () => {
    expect(wiringProblems(modules)).toEqual([]);
  });

  it('notices a broken reference or module call', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tf-wiring-'));
    mkdirSync(join(dir, 'modules', 'child'), { recursive: true });
    writeFileSync(join(dir, 'modules', 'child', 'main.tf'), 'variable "needed" {\n  type = string\n}\noutput "id" {\n  value = var.needed\n}\n');
    writeFileSync(
      join(dir, 'main.tf'),
      'module "child" {\n  source = "./modules/child"\n  extra  = 1\n}\noutput "x" {\n  value = "${var.missing}-${local.gone}-${module.child.nope}-${google_storage_bucket.none.name}"\n}\n',
    );
    try {
      expect(wiringProblems(await parseTerraform(dir))).toEqual([
        '(root): google_storage_bucket.none is not declared',
        '(root): local.gone is not declared',
        '(root): module child misses required needed',
        '(root): module child passes undeclared extra',
        '(root): module.child has no output nope',
        '(root): var.missing is not declared',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('modules/function', () => {
  const dir = 'modules/function';

  it('deploys a 2nd gen nodejs20 function from a bundle named by its content hash', () => {
    const fn = resource(dir, 'google_cloudfunctions2_function', 'function');
    const build = nested(fn, 'build_config');
    expect(build).toMatchObject({ runtime: 'nodejs20', entry_point: '${var.entry_point}' });
    expect(nested(nested(build, 'source'), 'storage_source').object).toBe('${google_storage_bucket_object.bundle.name}');
    expect(resource(dir, 'google_storage_bucket_object', 'bundle').name).toContain('${data.archive_file.bundle.output_sha256}');
    expect(mod(dir).data.archive_file.bundle).toMatchObject({ type: 'zip', source_dir: '${var.source_dir}' });
  });

  it('mounts no secret (the code reads them through Secret Manager) and reports its bundle\'s hash as BUILD_VERSION', () => {
    const service = nested(resource(dir, 'google_cloudfunctions2_function', 'function'), 'service_config');
    for (const m of modules.values()) expect(JSON.stringify(m)).not.toContain('secret_environment_variables');
    expect(mod(dir).variables).not.toHaveProperty('secrets');
    expect(service.environment_variables).toBe('${merge(var.environment, { BUILD_VERSION = local.build_version })}');
    expect(mod(dir).locals.build_version).toBe('${substr(data.archive_file.bundle.output_sha256, 0, 12)}');
    // The same bundle zips to the same bytes anywhere: no timestamps (the provider's), one file mode (ours).
    expect(mod(dir).data.archive_file.bundle.output_file_mode).toBe('0644');
    expect(service.service_account_email).toBe('${google_service_account.function.email}');
  });

  it('admits HTTP traffic only from the load balancer and triggers event functions from their topic with retries', () => {
    const fn = resource(dir, 'google_cloudfunctions2_function', 'function');
    expect(nested(fn, 'service_config').ingress_settings).toBe('${local.is_http ? "ALLOW_INTERNAL_AND_GCLB" : "ALLOW_INTERNAL_ONLY"}');
    const trigger = nested(fn.dynamic as Block, 'event_trigger');
    expect(trigger.for_each).toBe('${local.is_http ? [] : [var.trigger.topic]}');
    expect(nested(trigger, 'content')).toMatchObject({
      event_type: 'google.cloud.pubsub.topic.v1.messagePublished',
      pubsub_topic: '${var.topic_ids[event_trigger.value]}',
      retry_policy: 'RETRY_POLICY_RETRY',
    });
  });

  it('grants its service account exactly var.grants: one IAM resource per kind, role taken from the grant', () => {
    const expected: Record<string, string> = {
      google_project_iam_member: 'project',
      google_bigquery_dataset_iam_member: 'datasets',
      google_bigquery_table_iam_member: 'tables',
      google_pubsub_topic_iam_member: 'topics',
      google_secret_manager_secret_iam_member: 'secrets',
    };
    const bindingsOfFunction = Object.entries(mod(dir).resources)
      .filter(([type]) => /_iam_(member|binding|policy)$/.test(type))
      .flatMap(([type, named]) => Object.entries(named).map(([name, block]) => ({ type, name, block })))
      .filter(({ block }) => strings(block.member ?? block.members ?? block.policy_data).some((s) => s.includes('local.member') || s.includes('google_service_account.function')));
    expect(bindingsOfFunction.map((b) => b.type).sort()).toEqual(Object.keys(expected).sort());
    for (const { type, block } of bindingsOfFunction) {
      expect(String(block.for_each)).toContain(`var.grants.${expected[type]}`);
      expect(block.role).toMatch(/^\$\{each\.value(\.role)?\}$/);
    }
    expect(mod(dir).locals.member).toBe('serviceAccount:${google_service_account.function.email}');
  });

  it('lets only the load balancer path (HTTP) or its own trigger identity (events) invoke it', () => {
    const invokers = mod(dir).resources.google_cloud_run_v2_service_iam_member;
    expect(Object.keys(invokers).sort()).toEqual(['public', 'trigger']);
    expect(invokers.public).toMatchObject({ role: 'roles/run.invoker', member: 'allUsers', count: '${local.is_http ? 1 : 0}' });
    expect(invokers.trigger).toMatchObject({ role: 'roles/run.invoker', member: 'serviceAccount:${google_service_account.trigger[0].email}' });
  });
});

describe('function scaling', () => {
  it('gives each function the concurrency, CPU and warm instances of its manifest entry, overridable per function', () => {
    const service = nested(resource('modules/function', 'google_cloudfunctions2_function', 'function'), 'service_config');
    expect(service).toMatchObject({
      max_instance_request_concurrency: '${var.concurrency}',
      available_cpu: '${var.cpu}',
      min_instance_count: '${var.min_instances}',
      max_instance_count: '${var.max_instances}',
    });
    const call = mod('').modules.function;
    for (const [variable, field] of [['min_instances', 'min_instances'], ['concurrency', 'concurrency'], ['max_instances', 'max_instances']]) {
      expect(call[variable]).toBe(`\${coalesce(try(var.function_scaling[each.key].${field}, null), each.value.${field})}`);
    }
    const entries = generated('functions.json').functions as Block[];
    for (const spec of FUNCTIONS) {
      const scaling = scalingOf(spec);
      expect(entries.find((e) => e.name === spec.name)).toMatchObject({ min_instances: scaling.minInstances, concurrency: scaling.concurrency, cpu: scaling.cpu });
    }
  });

  it('serves many requests per instance on HTTP functions and keeps the checkout functions warm', () => {
    for (const spec of FUNCTIONS) {
      const scaling = scalingOf(spec);
      if (spec.trigger.kind === 'http') expect([spec.name, scaling.concurrency > 1, Number(scaling.cpu) >= 1]).toEqual([spec.name, true, true]);
    }
    for (const name of ['age-verification', 'memberships']) expect(scalingOf(functionSpec(name)).minInstances).toBeGreaterThan(0);
  });
});

describe('modules/bigquery', () => {
  const dir = 'modules/bigquery';

  it('creates every dataset tables.json names and nothing expires', () => {
    const datasets = resource(dir, 'google_bigquery_dataset', 'dataset');
    expect(datasets.for_each).toBe('${{ for d in var.datasets : d.id => d }}');
    expect(datasets).not.toHaveProperty('default_table_expiration_ms');
    const datasetNames = generated('tables.json').datasets.map((d: Block) => d.id);
    for (const item of [...TABLES, ...VIEWS]) expect(datasetNames).toContain(item.dataset);
  });

  it('creates the staging dataset with the default table expiration the adapter relies on', () => {
    const staging = resource(dir, 'google_bigquery_dataset', 'staging');
    expect(staging).toMatchObject({ dataset_id: '${var.staging.id}', default_table_expiration_ms: '${var.staging.default_table_expiration_ms}' });
    expect(mod('').modules.bigquery.staging).toBe('${local.warehouse.staging}');
    expect(generated('tables.json').staging).toEqual({ id: STAGING_DATASET, description: expect.any(String), default_table_expiration_ms: STAGING_TABLE_TTL_MS });
  });

  it('grants writes per table: the function module binds dataEditor on each table of var.grants.tables', () => {
    const grant = resource('modules/function', 'google_bigquery_table_iam_member', 'grant');
    expect(grant).toMatchObject({ table_id: '${var.table_names[each.value.table]}', role: '${each.value.role}', member: '${local.member}' });
    expect(mod('').modules.function.table_names).toBe('${module.bigquery.table_names}');
  });

  it('creates tables with their schema, DAY partitioning on the partition column, clustering and deletion protection', () => {
    const table = resource(dir, 'google_bigquery_table', 'table');
    expect(table).toMatchObject({
      for_each: '${{ for t in var.tables : t.id => t }}',
      schema: '${jsonencode(each.value.schema)}',
      clustering: '${each.value.clustering}',
      deletion_protection: true,
    });
    expect(table).not.toHaveProperty('expiration_time');
    const partitioning = nested(table, 'time_partitioning');
    expect(partitioning).toEqual({ type: '${each.value.time_partitioning.type}', field: '${each.value.time_partitioning.field}' });
    for (const entry of generated('tables.json').tables) expect(entry.time_partitioning.type).toBe('DAY');
  });

  it('creates each view level after the one before, substituting the project', () => {
    for (let level = 0; level <= MAX_VIEW_LEVEL; level++) {
      const view = resource(dir, 'google_bigquery_table', `view_level_${level}`);
      expect(view.for_each).toBe(`\${{ for v in var.views : v.id => v if v.level == ${level} }}`);
      expect(nested(view, 'view')).toEqual({ query: '${replace(each.value.query, "$${project}", var.project)}', use_legacy_sql: false });
      expect(view.depends_on).toContain(level === 0 ? '${google_bigquery_table.table}' : `\${google_bigquery_table.view_level_${level - 1}}`);
    }
  });
});

describe('modules/pubsub, scheduler and secrets', () => {
  it('creates each topic, its dead-letter topic, and a never-expiring replay subscription on the dead-letter topic', () => {
    const dir = 'modules/pubsub';
    expect(mod(dir).locals.topics).toBe('${{ for t in var.topics : t.name => t }}');
    expect(resource(dir, 'google_pubsub_topic', 'topic')).toMatchObject({ for_each: '${local.topics}', name: '${each.key}' });
    expect(resource(dir, 'google_pubsub_topic', 'dead_letter')).toMatchObject({ for_each: '${local.topics}', name: '${each.value.dead_letter_topic}' });
    const retained = resource(dir, 'google_pubsub_subscription', 'dead_letter_retained');
    expect(retained).toMatchObject({ name: '${each.value.dead_letter_subscription}', topic: '${google_pubsub_topic.dead_letter[each.key].id}' });
    expect(nested(retained, 'expiration_policy')).toEqual({ ttl: '' });
    const topics = generated('messaging.json').topics.map((t: Block) => t.name);
    expect(topics.sort()).toEqual([...TOPICS].sort());
  });

  it('lets the Pub/Sub service agent publish to the dead-letter topics', () => {
    expect(resource('modules/pubsub', 'google_pubsub_topic_iam_member', 'dead_letter_publisher')).toMatchObject({
      topic: '${google_pubsub_topic.dead_letter[each.key].id}',
      role: 'roles/pubsub.publisher',
      member: 'serviceAccount:${var.pubsub_service_agent}',
    });
  });

  it('hands each event trigger subscription its dead-letter policy after apply', () => {
    const attachments = String(mod('').outputs.dead_letter_attachments.value);
    for (const expr of ['module.function[name].event_trigger', 'module.pubsub.dead_letter_topic_ids[f.trigger.topic]', 'local.messaging.delivery.max_delivery_attempts', 'local.messaging.delivery.min_backoff_seconds', 'local.messaging.delivery.max_backoff_seconds']) {
      expect(attachments).toContain(expr);
    }
    const apply = readFileSync(join(repo, 'scripts', 'deploy', 'terraform-apply.sh'), 'utf8');
    expect(apply).toContain('terraform output -raw dead_letter_attachments');
    const attach = readFileSync(join(repo, 'scripts', 'deploy', 'attach-dead-letter-policies.sh'), 'utf8');
    expect(attach).toMatch(/gcloud pubsub subscriptions update .*--dead-letter-topic/);
    expect(attach).toMatch(/add-iam-policy-binding .*--role=roles\/pubsub\.subscriber/);
  });

  it('publishes each schedule\'s message to its topic', () => {
    const job = resource('modules/scheduler', 'google_cloud_scheduler_job', 'job');
    expect(job).toMatchObject({ for_each: '${{ for s in var.schedules : s.name => s }}', schedule: '${each.value.cron}', time_zone: '${each.value.time_zone}' });
    expect(nested(job, 'pubsub_target')).toEqual({ topic_name: '${var.topic_ids[each.value.topic]}', data: '${base64encode(each.value.data)}' });
    expect(generated('messaging.json').schedules.map((s: Block) => s.name).sort()).toEqual(SCHEDULES.map((s) => s.name).sort());
  });

  it('creates every secret with automatic replication and no value anywhere in Terraform', () => {
    const secret = resource('modules/secrets', 'google_secret_manager_secret', 'secret');
    expect(secret).toMatchObject({ for_each: '${toset(var.secret_ids)}', secret_id: '${each.value}' });
    expect(nested(nested(secret, 'replication'), 'auto')).toEqual({});
    for (const m of modules.values()) expect(Object.keys(m.resources)).not.toContain('google_secret_manager_secret_version');
    expect(generated('secrets.json').secrets).toEqual([...SECRET_NAMES].sort());
  });
});

describe('modules/load_balancer', () => {
  const dir = 'modules/load_balancer';

  it('routes every HTTP function path prefix through the URL map to that function', () => {
    const routes = String(mod('').modules.load_balancer.routes);
    expect(routes).toContain('for name, f in local.http_functions');
    expect(routes).toContain('paths    = f.url_paths');
    expect(routes).toContain('function = module.function[name].function_name');
    const matcher = nested(resource(dir, 'google_compute_url_map', 'api'), 'path_matcher');
    const rule = nested(matcher.dynamic as Block, 'path_rule');
    expect(rule.for_each).toBe('${var.routes}');
    expect(nested(rule, 'content')).toEqual({ paths: '${path_rule.value.paths}', service: '${google_compute_backend_service.function[path_rule.key].id}' });
    const entries = generated('functions.json').functions as Block[];
    for (const spec of FUNCTIONS) {
      if (spec.trigger.kind !== 'http') continue;
      const paths = entries.find((e) => e.name === spec.name)!.url_paths;
      for (const prefix of spec.trigger.paths) expect(paths).toEqual(expect.arrayContaining(prefixPatterns(prefix)));
    }
  });

  it('protects every backend with the Cloud Armor policy and the HTTPS proxy with a TLS 1.2+ MODERN SSL policy', () => {
    expect(resource(dir, 'google_compute_backend_service', 'function').security_policy).toBe('${google_compute_security_policy.api.id}');
    expect(resource(dir, 'google_compute_target_https_proxy', 'api').ssl_policy).toBe('${google_compute_ssl_policy.api.id}');
    expect(resource(dir, 'google_compute_ssl_policy', 'api')).toMatchObject({ profile: 'MODERN', min_tls_version: 'TLS_1_2' });
    expect(String(mod('').modules.load_balancer.edge)).toMatch(/^\$\{merge\(var\.edge, /);
  });

  it('runs the preconfigured WAF rules before the per-IP rate-based bans, webhooks with their own higher limit', () => {
    const policy = resource(dir, 'google_compute_security_policy', 'api');
    const dynamicRules = (policy.dynamic as Block).rule as Block[];
    const [waf, rates] = dynamicRules;
    expect(waf.for_each).toBe('${var.edge.waf_rules}');
    const wafRule = nested(waf, 'content');
    expect(wafRule).toMatchObject({ priority: '${1000 + rule.key}', action: 'deny(403)' });
    expect(nested(nested(wafRule, 'match'), 'expr').expression).toContain("evaluatePreconfiguredWaf('${rule.value}'");
    expect(rates.for_each).toBe('${local.rate_limits}');
    const rateRule = nested(rates, 'content');
    expect(rateRule.action).toBe('rate_based_ban');
    const options = nested(rateRule, 'rate_limit_options');
    expect(options).toMatchObject({ enforce_on_key: 'IP', exceed_action: 'deny(429)', conform_action: 'allow', ban_duration_sec: '${var.edge.ban_seconds}' });
    expect(nested(options, 'rate_limit_threshold')).toEqual({ count: '${floor(rule.value.per_minute * var.edge.headroom)}', interval_sec: 60 });

    const limits = mod(dir).locals.rate_limits as Record<string, Block>;
    expect(limits.webhooks).toMatchObject({ expression: "request.path.startsWith('/api/webhooks/')", per_minute: '${var.edge.webhooks_per_minute}' });
    expect(limits.api).toMatchObject({ expression: "request.path.startsWith('/api/')", per_minute: '${var.edge.api_per_minute}' });
    // Webhooks are matched first (a lower number is a higher priority), and every rate rule runs after every WAF rule.
    expect(Number(limits.webhooks.priority)).toBeLessThan(Number(limits.api.priority));
    const wafCount = (String(mod('').variables.edge.type).match(/-v33-stable/g) ?? []).length;
    expect(1000 + wafCount).toBeLessThan(Number(limits.webhooks.priority));
  });

  it('limits per IP with the same figures as the functions\' own limiter, and refuses a ban below the throttle', () => {
    // The root module passes the functions' own limits (generated from shared/config.ts), not a second copy.
    const edge = String(mod('').modules.load_balancer.edge).replace(/\s+/g, ' ');
    expect(edge).toBe('${merge(var.edge, { api_per_minute = var.rate_limit_api_per_minute webhooks_per_minute = var.rate_limit_webhooks_per_minute })}');
    expect(String(mod('').variables.edge.type)).not.toMatch(/api_per_minute|webhooks_per_minute/);
    const defaults = parseConfig({});
    expect(mod('').variables.rate_limit_api_per_minute.default).toBe(defaults.RATE_LIMIT_API_PER_MINUTE);
    expect(mod('').variables.rate_limit_webhooks_per_minute.default).toBe(defaults.RATE_LIMIT_WEBHOOKS_PER_MINUTE);
    expect(String(nested(mod(dir).variables.edge, 'validation').condition)).toContain('var.edge.ban_multiple > var.edge.headroom');
  });

  it('redirects plain HTTP to HTTPS with 308, so a POST stays a POST', () => {
    const redirect = nested(resource(dir, 'google_compute_url_map', 'https_redirect'), 'default_url_redirect');
    expect(redirect).toMatchObject({ https_redirect: true, redirect_response_code: 'PERMANENT_REDIRECT' });
  });

  it('puts a serverless NEG per function behind a managed certificate for var.domain', () => {
    expect(resource(dir, 'google_compute_region_network_endpoint_group', 'function')).toMatchObject({ for_each: '${var.routes}', network_endpoint_type: 'SERVERLESS' });
    expect(nested(resource(dir, 'google_compute_managed_ssl_certificate', 'api'), 'managed')).toEqual({ domains: ['${var.domain}'] });
    expect(resource(dir, 'google_compute_global_forwarding_rule', 'https')).toMatchObject({ port_range: '443', load_balancing_scheme: 'EXTERNAL_MANAGED' });
  });
});

describe('modules/monitoring', () => {
  const dir = 'modules/monitoring';
  const policies = () => Object.entries(mod(dir).resources.google_monitoring_alert_policy);
  /** A filter with the module's locals inlined (they hold the metric types and resource types). */
  const expand = (text: string): string =>
    text.replace(/\$\{local\.(\w+)\}/g, (whole, name: string) => {
      const value = mod(dir).locals[name];
      return typeof value === 'string' ? expand(value) : whole;
    });
  const conditionFilters = (policy: Block): string[] =>
    (policy.conditions as Block[]).flatMap((condition) =>
      Object.entries(condition)
        .filter(([key]) => key.startsWith('condition_'))
        .flatMap(([, blocks]) => (blocks as Block[]).flatMap((b) => [b.filter, b.denominator_filter].filter((f): f is string => typeof f === 'string'))),
    );

  it('has the alert policies the issue names, sync lag over 45 minutes and errors over 1 % by default', () => {
    const names = policies().map(([name]) => name);
    expect(names).toEqual(expect.arrayContaining(['sync_failure', 'sync_lag', 'webhook_failure_rate', 'error_rate', 'latency_p95', 'cache_hit_rate', 'bigquery_daily_cost', 'dead_letters']));
    const absent = nested(nested(resource(dir, 'google_monitoring_alert_policy', 'sync_lag'), 'conditions'), 'condition_absent');
    expect(absent.duration).toBe('${var.thresholds.sync_lag_minutes * 60}s');
    const thresholds = String(mod('').variables.alert_thresholds.type);
    expect(thresholds).toContain('sync_lag_minutes        = optional(number, 45)');
    expect(thresholds).toContain('error_rate              = optional(number, 0.01)');
  });

  it('notifies a channel from every policy, and refuses to deploy without one', () => {
    for (const [name, policy] of policies()) expect([name, policy.notification_channels]).toEqual([name, '${local.channels}']);
    expect(mod(dir).locals.channels).toBe('${[for c in google_monitoring_notification_channel.email : c.id]}');
    expect(mod('').modules.monitoring.notification_emails).toBe('${var.alert_emails}');
    const rootVariable = mod('').variables.alert_emails;
    expect(rootVariable).not.toHaveProperty('default');
    for (const variable of [rootVariable, mod(dir).variables.notification_emails]) {
      expect(String(nested(variable, 'validation').condition)).toMatch(/length\(var\.\w+\) > 0/);
    }
  });

  it('names the monitored resource type in every condition filter', () => {
    for (const [name, policy] of policies()) {
      const filters = conditionFilters(policy).map(expand);
      expect(filters.length).toBeGreaterThan(0);
      for (const filter of filters) expect([name, filter]).toEqual([name, expect.stringMatching(/resource\.type="[a-z_]+"/)]);
    }
    for (const chart of mod(dir).locals.charts as Block[]) expect(expand(String(chart.filter))).toMatch(/resource\.type="[a-z_]+"/);
  });

  it('alerts on log-based metrics only for fields the code writes in a log call', () => {
    const logCalls = sourceFiles().flatMap((file) => logCallArguments(readFileSync(file, 'utf8')));
    const logs = (field: string) => logCalls.some((args) => new RegExp(`(^|[{,\\s])${field}\\s*[:,}]`).test(args));
    const metrics = mod(dir).resources.google_logging_metric;
    let checked = 0;
    for (const [name, policy] of policies()) {
      for (const filter of conditionFilters(policy)) {
        for (const [, metricName] of expand(filter).matchAll(/logging\.googleapis\.com\/user\/\$\{google_logging_metric\.(\w+)\.name\}/g)) {
          const metric = metrics[metricName];
          expect([name, metricName, Boolean(metric)]).toEqual([name, metricName, true]);
          const fields = [...strings([metric.filter, metric.label_extractors]).join(' ').matchAll(/jsonPayload\.(\w+)/g)].map((m) => m[1]);
          if (/severity>=/.test(String(metric.filter))) expect(logs('severity')).toBe(true);
          for (const field of fields) expect([metricName, field, logs(field)]).toEqual([metricName, field, true]);
          checked += fields.length;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(4); // syncOutcome, source, stream, cache
    expect(logs('aFieldNobodyLogs')).toBe(false);
  });

  it('creates the alert policies that read log-based metrics only after Monitoring knows the metrics', () => {
    const sleep = resource(dir, 'time_sleep', 'log_metrics_known');
    expect(sleep.create_duration).toBe('${var.log_metric_propagation}');
    const triggered = strings(sleep.triggers).flatMap(interpolations).join(' ');
    for (const metric of Object.keys(mod(dir).resources.google_logging_metric)) expect(triggered).toContain(`google_logging_metric.${metric}.id`);
    for (const [name, policy] of policies()) {
      const readsLogMetric = conditionFilters(policy).map(expand).some((f) => f.includes('logging.googleapis.com/user/'));
      if (readsLogMetric) expect([name, policy.depends_on]).toEqual([name, ['${time_sleep.log_metrics_known}']]);
    }
  });

  it('has a dashboard and the log-based metrics the alerts read', () => {
    expect(resource(dir, 'google_monitoring_dashboard', 'overview').dashboard_json).toMatch(/^\$\{jsonencode\(/);
    for (const name of ['function_errors', 'cache_lookups', 'sync_runs']) expect(resource(dir, 'google_logging_metric', name).filter).toBeTruthy();
  });
});

/** The product's TypeScript sources (what is deployed). */
function sourceFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  return [...walk(join(repo, 'shared')), ...walk(join(repo, 'functions'))];
}

/** The argument text of every logger call (`log.info(...)`, `rt.log.child({...})`, ...) in a source file. */
function logCallArguments(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\blog(?:\(\))?\??\.(?:debug|info|warn|error|child)\(/g)) {
    let depth = 1;
    let i = m.index! + m[0].length;
    const start = i;
    while (i < text.length && depth > 0) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')') depth--;
      i++;
    }
    found.push(text.slice(start, i - 1));
  }
  // The logger itself writes severity on every line.
  if (/severity,\s*message/.test(text)) found.push('severity,');
  return found;
}

describe('cloudbuild.yaml', () => {
  const pipeline = cloudbuildSteps(readFileSync(join(repo, 'cloudbuild.yaml'), 'utf8'));
  const script = (id: string) => pipeline.steps.find((step) => step.id === id)?.script ?? '';

  it('runs the tests as CI does, then a saved plan, then applies exactly that plan (or holds it for approval)', () => {
    expect(pipeline.steps.map((step) => step.id)).toEqual(['test', 'generated-inputs', 'plan', 'hold-for-approval', 'apply', 'attach-dead-letter-policies']);
    expect(script('test')).toBe('bash .ci/run');
    expect(pipeline.steps[0].text).toContain("CI=true");
    const ci = readFileSync(join(repo, '.ci', 'run'), 'utf8');
    expect(ci).toMatch(/apt-get install -y redis-server/);
    expect(ci).toMatch(/apt-get install -y chromium/);
    expect(ci).toMatch(/^npm ci /m);
    expect(ci.indexOf('npm ci')).toBeLessThan(ci.indexOf('npm test'));
    expect(ci.indexOf('npm test')).toBeLessThan(ci.indexOf('npm run build'));
    expect(script('generated-inputs')).toBe('npm run generate -- --check');
    expect(script('plan')).toContain('terraform init -input=false -lockfile=readonly');
    expect(script('plan')).toContain('terraform plan -input=false -lock-timeout="$_LOCK_TIMEOUT" -out=commerce.tfplan');
    expect(script('apply')).toContain('sh scripts/deploy/terraform-apply.sh');
    const apply = readFileSync(join(repo, 'scripts', 'deploy', 'terraform-apply.sh'), 'utf8');
    expect(apply).toContain('terraform apply -input=false -lock-timeout="${_LOCK_TIMEOUT:-10m}" commerce.tfplan');
    expect(apply).not.toContain('-auto-approve');
    for (const id of ['apply', 'attach-dead-letter-policies']) expect(script(id)).toMatch(/if \[ "\$_APPROVAL" = required \]; then .*exit 0; fi/);
    expect(script('hold-for-approval')).toContain('gcloud storage cp /workspace/plan.tgz "gs://$_TF_STATE_BUCKET/plans/$BUILD_ID.tgz"');
    const later = cloudbuildSteps(readFileSync(join(repo, 'cloudbuild-apply.yaml'), 'utf8'));
    expect(later.steps.map((step) => step.id)).toEqual(['fetch-plan', 'apply', 'attach-dead-letter-policies']);
    expect(later.steps[0].script).toContain('gs://$_TF_STATE_BUCKET/plans/$_PLAN_BUILD_ID.tgz');
    expect(later.steps[1].script).toBe('sh scripts/deploy/terraform-apply.sh');
  });

  it('has a substitution for every Terraform variable without a default, and for every operator setting', () => {
    const variables = Object.entries(mod('').variables);
    const substitutions = new Set(Object.keys(pipeline.substitutions));
    // $PROJECT_ID is built in; every other _NAME becomes TF_VAR_name (scripts/deploy/terraform-vars.sh).
    const provided = (name: string) => name === 'project' || substitutions.has(`_${name.toUpperCase()}`);
    expect(variables.filter(([, block]) => !('default' in block)).map(([name]) => name).filter((name) => !provided(name))).toEqual([]);
    for (const setting of operatorSettings()) expect(substitutions).toContain(setting.substitution);
    for (const name of substitutions) {
      const known = ['_TF_STATE_BUCKET', '_APPROVAL', '_LOCK_TIMEOUT'].includes(name) || name.slice(1).toLowerCase() in mod('').variables;
      expect({ substitution: name, known }).toEqual({ substitution: name, known: true });
    }
    expect(JSON.stringify(pipeline)).not.toContain('SHORT_SHA');
  });

  it('hands every non-empty substitution to Terraform as TF_VAR_<lower case name>, and only those', () => {
    const env = { PROJECT_ID: 'shop-prod', _DOMAIN: 'api.shop.example', _LIGHTSPEED_ACCOUNT_ID: '123456', _LIGHTSPEED_CLIENT_ID: '', PATH: process.env.PATH };
    const result = spawnSync('sh', ['-c', '. scripts/deploy/terraform-vars.sh && env'], { cwd: repo, env, encoding: 'utf8' });
    expect(result.status).toBe(0);
    const tfVars = result.stdout.split('\n').filter((line) => line.startsWith('TF_VAR_')).sort();
    expect(tfVars).toEqual(['TF_VAR_domain=api.shop.example', 'TF_VAR_lightspeed_account_id=123456', 'TF_VAR_project=shop-prod']);
  });
});

const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' });
const hasTerraform = terraform.status === 0 && existsSync(terraformDir);
if (!hasTerraform) console.warn('terraform binary not found: skipping `terraform fmt -check` (install Terraform to run it)');

(hasTerraform ? it : it.skip)(`terraform fmt -check -recursive terraform is clean${hasTerraform ? '' : ' (skipped: no terraform binary)'}`, () => {
  const result = spawnSync('terraform', ['fmt', '-check', '-recursive', '-list=true', terraformDir], { encoding: 'utf8' });
  expect({ status: result.status, unformatted: result.stdout.trim() }).toEqual({ status: 0, unformatted: '' });
});
