locals {
  is_http = var.trigger.kind == "http"
  member  = "serviceAccount:${google_service_account.function.email}"
  # The version /health and the logs report: the deployed archive's hash, so a revision changes only when the
  # bundle does (a commit that leaves a function's bundle alone leaves its environment, and so its revision, alone).
  build_version = substr(data.archive_file.bundle.output_sha256, 0, 12)
}

# The function's own identity. It holds exactly what shared/manifest.ts declares in `access` and `secrets`, as the
# generator turned it into var.grants, and nothing else.
resource "google_service_account" "function" {
  project      = var.project
  account_id   = var.service_account_id
  display_name = "Function ${var.name}"
  description  = "Runtime identity of the ${var.name} function"
}

# The provider writes zip entries without timestamps; a fixed file mode makes the archive, and so its hash, the same
# on every machine that builds the same bundle.
data "archive_file" "bundle" {
  type             = "zip"
  source_dir       = var.source_dir
  output_path      = "${path.root}/.build/${var.name}.zip"
  output_file_mode = "0644"
}

# Named by the hash of the zip: a changed bundle is a new object, which is what makes Terraform redeploy the function,
# and an unchanged one leaves the function alone.
resource "google_storage_bucket_object" "bundle" {
  bucket = var.source_bucket
  name   = "${var.name}/${data.archive_file.bundle.output_sha256}.zip"
  source = data.archive_file.bundle.output_path
}

resource "google_cloudfunctions2_function" "function" {
  project     = var.project
  location    = var.region
  name        = var.name
  description = var.description
  labels      = var.labels

  build_config {
    runtime         = "nodejs20"
    entry_point     = var.entry_point
    service_account = var.build_service_account
    source {
      storage_source {
        bucket = var.source_bucket
        object = google_storage_bucket_object.bundle.name
      }
    }
  }

  service_config {
    available_memory                 = var.memory
    available_cpu                    = var.cpu
    max_instance_request_concurrency = var.concurrency
    timeout_seconds                  = var.timeout_seconds
    min_instance_count               = var.min_instances
    max_instance_count               = var.max_instances
    service_account_email            = google_service_account.function.email
    all_traffic_on_latest_revision   = true
    # HTTP functions are reached only through the load balancer; event functions only by their Eventarc push.
    ingress_settings      = local.is_http ? "ALLOW_INTERNAL_AND_GCLB" : "ALLOW_INTERNAL_ONLY"
    environment_variables = merge(var.environment, { BUILD_VERSION = local.build_version })
    # No secret_environment_variables: the code reads its secrets through Secret Manager (SECRETS=secret-manager),
    # so a mount would only force a version of each secret to exist.
  }

  dynamic "event_trigger" {
    for_each = local.is_http ? [] : [var.trigger.topic]
    content {
      trigger_region        = var.region
      event_type            = "google.cloud.pubsub.topic.v1.messagePublished"
      pubsub_topic          = var.topic_ids[event_trigger.value]
      retry_policy          = "RETRY_POLICY_RETRY"
      service_account_email = google_service_account.trigger[0].email
    }
  }

  # A revision that cannot read its secrets fails its first requests, so the accessor bindings come first.
  depends_on = [google_secret_manager_secret_iam_member.grant]
}

# --- The function's grants: one resource per kind of resource, each driven only by var.grants. ---

resource "google_project_iam_member" "grant" {
  for_each = toset(var.grants.project)
  project  = var.project
  role     = each.value
  member   = local.member
}

resource "google_bigquery_dataset_iam_member" "grant" {
  for_each   = { for g in var.grants.datasets : "${g.dataset} ${g.role}" => g }
  project    = var.project
  dataset_id = var.dataset_ids[each.value.dataset]
  role       = each.value.role
  member     = local.member
}

# Writes are granted per table: a function can change the tables it writes and no other, so only the functions that
# append to a ledger can write (or delete) it.
resource "google_bigquery_table_iam_member" "grant" {
  for_each   = { for g in var.grants.tables : "${g.table} ${g.role}" => g }
  project    = var.project
  dataset_id = var.dataset_ids[split(".", each.value.table)[0]]
  table_id   = var.table_names[each.value.table]
  role       = each.value.role
  member     = local.member
}

resource "google_pubsub_topic_iam_member" "grant" {
  for_each = { for g in var.grants.topics : "${g.topic} ${g.role}" => g }
  project  = var.project
  topic    = var.topic_ids[each.value.topic]
  role     = each.value.role
  member   = local.member
}

resource "google_secret_manager_secret_iam_member" "grant" {
  for_each  = { for g in var.grants.secrets : "${g.secret} ${g.role}" => g }
  project   = var.project
  secret_id = var.secret_ids[each.value.secret]
  role      = each.value.role
  member    = local.member
}

# --- Who may invoke the function. ---

# HTTP: the load balancer forwards callers without Google credentials, so the service admits all callers; ingress
# ALLOW_INTERNAL_AND_GCLB keeps its own URL closed to the internet, and every route checks the caller's JWT.
resource "google_cloud_run_v2_service_iam_member" "public" {
  count    = local.is_http ? 1 : 0
  project  = var.project
  location = var.region
  name     = google_cloudfunctions2_function.function.service_config[0].service
  role     = "roles/run.invoker"
  member   = "allUsers"
}

# Events: Eventarc pushes with a dedicated identity that may invoke this function and nothing else.
resource "google_service_account" "trigger" {
  count        = local.is_http ? 0 : 1
  project      = var.project
  account_id   = var.trigger_service_account_id
  display_name = "Trigger of ${var.name}"
  description  = "Identity Eventarc delivers ${var.trigger.topic} messages to the ${var.name} function with"
}

resource "google_cloud_run_v2_service_iam_member" "trigger" {
  count    = local.is_http ? 0 : 1
  project  = var.project
  location = var.region
  name     = google_cloudfunctions2_function.function.service_config[0].service
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.trigger[0].email}"
}

# Pub/Sub signs the push request as the trigger identity; projects created before April 2021 need this grant for it.
resource "google_service_account_iam_member" "trigger_token_creator" {
  count              = local.is_http ? 0 : 1
  service_account_id = google_service_account.trigger[0].name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = "serviceAccount:${var.pubsub_service_agent}"
}
