# The identity Cloud Build runs the function builds with. New projects no longer give Cloud Build's default service
# account the rights to build a function, so every function names this account in build_config.service_account; it
# holds what a function build needs (Google's "custom service account for Cloud Build" guide) and nothing else.
resource "google_service_account" "build" {
  project      = var.project
  account_id   = "${var.name_prefix}-fn-build"
  display_name = "Function builds"
  description  = "Identity Cloud Build builds the functions' containers with"
  depends_on   = [google_project_service.api]
}

locals {
  build_member = "serviceAccount:${google_service_account.build.email}"
}

# Build logs, and the built image pushed to the gcf-artifacts repository that Cloud Functions creates.
resource "google_project_iam_member" "build" {
  for_each   = toset(["roles/logging.logWriter", "roles/artifactregistry.writer"])
  project    = var.project
  role       = each.value
  member     = local.build_member
  depends_on = [google_project_service.api]
}

# The build reads the bundle from the sources bucket, and Cloud Functions stages sources and build caches in its own
# gcf-v2-* buckets. The grant is limited to those buckets, so a build can never touch another bucket (the Terraform
# state bucket among them).
resource "google_storage_bucket_iam_member" "build_reads_sources" {
  bucket     = google_storage_bucket.sources.name
  role       = "roles/storage.objectViewer"
  member     = local.build_member
  depends_on = [google_project_service.api]
}

resource "google_project_iam_member" "build_function_buckets" {
  project = var.project
  role    = "roles/storage.objectAdmin"
  member  = local.build_member

  condition {
    title       = "gcf-v2-buckets"
    description = "Only the buckets Cloud Functions creates for sources and builds"
    expression  = "resource.name.startsWith(\"projects/_/buckets/gcf-v2-\")"
  }

  depends_on = [google_project_service.api]
}
