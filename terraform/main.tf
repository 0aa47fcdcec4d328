# Everything that the code defines (functions, tables, views, topics, schedules, secrets) comes from
# generated/*.json, which `npm run generate` writes from shared/. Adding an entry to one of those lists
# and regenerating is all it takes; nothing here names a function, table, topic or secret.

locals {
  generated = "${path.module}/generated"
  functions = { for f in jsondecode(file("${local.generated}/functions.json")).functions : f.name => f }
  warehouse = jsondecode(file("${local.generated}/tables.json"))
  messaging = jsondecode(file("${local.generated}/messaging.json"))
  secrets   = jsondecode(file("${local.generated}/secrets.json")).secrets

  http_functions  = { for name, f in local.functions : name => f if f.trigger.kind == "http" }
  event_functions = { for name, f in local.functions : name => f if f.trigger.kind == "topic" }
  topics          = { for t in local.messaging.topics : t.name => t }

  # Functions watched by the sync and webhook alerts: subscribers of their topics, and the HTTP webhook receivers.
  sync_functions = try(local.topics["sync-requests"].subscribers, [])
  webhook_functions = distinct(concat(
    try(local.topics["webhook-events"].subscribers, []),
    [for name, f in local.http_functions : name if anytrue([for p in f.trigger.paths : startswith(p, "/api/webhooks")])],
  ))

  pubsub_service_agent = "service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"

  # Every function's environment: the fixed production adapters, derived values and the operator's settings, all
  # from the definitions in shared/config.ts (configuration.tf.json, generated). Unset optional settings are left
  # out, so the code's default applies. BUILD_VERSION is added per function by modules/function.
  function_environment = {
    for name, value in local.configuration_environment : name => tostring(value) if value != null && value != ""
  }

  # Secrets are read through the secret port, never mounted. A function is granted a secret only in the mode that
  # reads it (its when_set variables set, its when_unset ones not), e.g. lightspeed-api-key only without
  # LIGHTSPEED_CLIENT_ID, so a deployment needs versions only for the secrets of the modes it runs.
  function_grants = {
    for name, f in local.functions : name => merge(f.grants, {
      secrets = [
        for g in f.grants.secrets : { secret = g.secret, role = g.role }
        if alltrue([for v in g.when_set : contains(keys(local.function_environment), v)]) && !anytrue([for v in g.when_unset : contains(keys(local.function_environment), v)])
      ]
    })
  }
  read_secrets = toset(flatten([for name, grants in local.function_grants : [for g in grants.secrets : g.secret]]))
}

# The secrets the deployed functions read in the modes this deployment runs. scripts/deploy/bootstrap-project.sh
# creates them with their first values before the first apply; Terraform adopts them rather than failing on "already
# exists". A mode switched on without its secrets (say LIGHTSPEED_CLIENT_ID set before the bootstrap added the OAuth
# secrets) fails the plan here, instead of deploying functions whose secrets have no value.
import {
  for_each = local.read_secrets
  to       = module.secrets.google_secret_manager_secret.secret[each.key]
  id       = "projects/${var.project}/secrets/${each.key}"
}

data "google_project" "this" {
  project_id = var.project
  depends_on = [google_project_service.api]
}

# Every API a resource here needs, so that a fresh project applies in one go: each module and each root resource
# depends on the whole set (test/terraform checks both). Service Usage itself (and Cloud Resource Manager, which
# Terraform needs to read the project) must be on before the first apply; the bootstrap enables them, and they are
# listed here so that they stay on.
resource "google_project_service" "api" {
  for_each = toset([
    "artifactregistry.googleapis.com",
    "bigquery.googleapis.com",
    "cloudbuild.googleapis.com",
    "cloudfunctions.googleapis.com",
    "cloudresourcemanager.googleapis.com",
    "cloudscheduler.googleapis.com",
    "compute.googleapis.com",
    "eventarc.googleapis.com",
    "iam.googleapis.com",
    "logging.googleapis.com",
    "monitoring.googleapis.com",
    "pubsub.googleapis.com",
    "run.googleapis.com",
    "secretmanager.googleapis.com",
    "serviceusage.googleapis.com",
    "storage.googleapis.com",
  ])
  project            = var.project
  service            = each.value
  disable_on_destroy = false
}

# Function bundles, one object per content hash (see modules/function). A changed bundle replaces its object; the
# replaced one stays as a noncurrent version for rollbacks for var.source_retention_days, then is deleted.
resource "google_storage_bucket" "sources" {
  project                     = var.project
  name                        = "${var.project}-${var.name_prefix}-function-sources"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  labels                      = var.labels
  depends_on                  = [google_project_service.api]

  versioning {
    enabled = true
  }

  lifecycle_rule {
    condition {
      days_since_noncurrent_time = var.source_retention_days
    }
    action {
      type = "Delete"
    }
  }

  lifecycle_rule {
    condition {
      age = 1
    }
    action {
      type = "AbortIncompleteMultipartUpload"
    }
  }
}

module "secrets" {
  source     = "./modules/secrets"
  project    = var.project
  secret_ids = local.secrets
  labels     = var.labels
  depends_on = [google_project_service.api]
}

module "bigquery" {
  source     = "./modules/bigquery"
  project    = var.project
  location   = var.bq_location
  datasets   = local.warehouse.datasets
  staging    = local.warehouse.staging
  tables     = local.warehouse.tables
  views      = local.warehouse.views
  labels     = var.labels
  depends_on = [google_project_service.api]
}

module "pubsub" {
  source                = "./modules/pubsub"
  project               = var.project
  topics                = local.messaging.topics
  pubsub_service_agent  = local.pubsub_service_agent
  dead_letter_retention = var.dead_letter_retention
  labels                = var.labels
  depends_on            = [google_project_service.api]
}

module "scheduler" {
  source     = "./modules/scheduler"
  project    = var.project
  region     = var.region
  schedules  = local.messaging.schedules
  topic_ids  = module.pubsub.topic_ids
  depends_on = [google_project_service.api]
}

module "function" {
  source   = "./modules/function"
  for_each = local.functions

  project                    = var.project
  region                     = var.region
  name                       = each.value.name
  description                = each.value.description
  entry_point                = each.value.entry_point
  service_account_id         = each.value.service_account_id
  trigger_service_account_id = each.value.trigger_service_account_id
  trigger                    = each.value.trigger
  memory                     = each.value.memory
  timeout_seconds            = each.value.timeout_seconds
  max_instances              = coalesce(try(var.function_scaling[each.key].max_instances, null), each.value.max_instances)
  min_instances              = coalesce(try(var.function_scaling[each.key].min_instances, null), each.value.min_instances)
  concurrency                = coalesce(try(var.function_scaling[each.key].concurrency, null), each.value.concurrency)
  cpu                        = try(coalesce(try(var.function_scaling[each.key].cpu, null), each.value.cpu), null)
  grants                     = local.function_grants[each.key]
  source_dir                 = "${var.dist_dir}/${each.key}"
  source_bucket              = google_storage_bucket.sources.name
  environment                = local.function_environment
  dataset_ids                = module.bigquery.dataset_ids
  table_names                = module.bigquery.table_names
  topic_ids                  = module.pubsub.topic_ids
  secret_ids                 = module.secrets.secret_ids
  pubsub_service_agent       = local.pubsub_service_agent
  build_service_account      = google_service_account.build.id
  labels                     = var.labels
  # A build can start only once its service account may write logs, push the image and read the sources.
  depends_on = [google_project_service.api, google_project_iam_member.build, google_project_iam_member.build_function_buckets, google_storage_bucket_iam_member.build_reads_sources]
}

module "load_balancer" {
  source      = "./modules/load_balancer"
  project     = var.project
  region      = var.region
  domain      = var.domain
  name_prefix = var.name_prefix
  # The edge limits per IP with the functions' own figures (RATE_LIMIT_*, one definition in shared/config.ts).
  edge = merge(var.edge, {
    api_per_minute      = var.rate_limit_api_per_minute
    webhooks_per_minute = var.rate_limit_webhooks_per_minute
  })
  routes = {
    for name, f in local.http_functions : name => {
      function = module.function[name].function_name
      paths    = f.url_paths
    }
  }
  # Unmatched paths go to the function that serves /health (the ops function), which answers them with a 404 envelope.
  default_route = one([for name, f in local.http_functions : name if contains(f.trigger.paths, "/health")])
  depends_on    = [google_project_service.api]
}

module "monitoring" {
  source                    = "./modules/monitoring"
  project                   = var.project
  name_prefix               = var.name_prefix
  functions                 = keys(local.functions)
  http_functions            = keys(local.http_functions)
  sync_functions            = local.sync_functions
  webhook_functions         = local.webhook_functions
  dead_letter_subscriptions = [for t in local.messaging.topics : t.dead_letter_subscription]
  notification_emails       = var.alert_emails
  thresholds                = var.alert_thresholds
  depends_on                = [google_project_service.api]
}
