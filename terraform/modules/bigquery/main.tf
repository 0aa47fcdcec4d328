resource "google_bigquery_dataset" "dataset" {
  for_each    = { for d in var.datasets : d.id => d }
  project     = var.project
  dataset_id  = each.key
  description = each.value.description
  location    = var.location
  labels      = var.labels
  # No default_table_expiration_ms: synced data and ledgers are kept until someone decides otherwise.
  delete_contents_on_destroy = false
}

# Staging tables of warehouse writes (the adapter loads rows here, then MERGEs them into the target). Writers hold
# dataEditor on this dataset and only table-level rights on the tables they write, so creating and dropping staging
# tables never requires the right to drop a ledger. A table a crashed write leaves behind expires on its own.
resource "google_bigquery_dataset" "staging" {
  project                     = var.project
  dataset_id                  = var.staging.id
  description                 = var.staging.description
  location                    = var.location
  labels                      = var.labels
  default_table_expiration_ms = var.staging.default_table_expiration_ms
  delete_contents_on_destroy  = true
}

resource "google_bigquery_table" "table" {
  for_each            = { for t in var.tables : t.id => t }
  project             = var.project
  dataset_id          = google_bigquery_dataset.dataset[each.value.dataset].dataset_id
  table_id            = each.value.name
  description         = each.value.description
  labels              = var.labels
  schema              = jsonencode(each.value.schema)
  clustering          = each.value.clustering
  deletion_protection = true

  time_partitioning {
    type  = each.value.time_partitioning.type
    field = each.value.time_partitioning.field
    # No expiration_ms: partitions never expire.
  }
}

# Views are created after what they read: level 0 reads tables only, level n reads views of level n-1. One resource
# per level because Terraform cannot order the items of a single for_each among themselves.

resource "google_bigquery_table" "view_level_0" {
  for_each            = { for v in var.views : v.id => v if v.level == 0 }
  project             = var.project
  dataset_id          = google_bigquery_dataset.dataset[each.value.dataset].dataset_id
  table_id            = each.value.name
  description         = each.value.description
  labels              = var.labels
  deletion_protection = false

  view {
    query          = replace(each.value.query, "$${project}", var.project)
    use_legacy_sql = false
  }

  depends_on = [google_bigquery_table.table]
}

resource "google_bigquery_table" "view_level_1" {
  for_each            = { for v in var.views : v.id => v if v.level == 1 }
  project             = var.project
  dataset_id          = google_bigquery_dataset.dataset[each.value.dataset].dataset_id
  table_id            = each.value.name
  description         = each.value.description
  labels              = var.labels
  deletion_protection = false

  view {
    query          = replace(each.value.query, "$${project}", var.project)
    use_legacy_sql = false
  }

  depends_on = [google_bigquery_table.table, google_bigquery_table.view_level_0]
}

resource "google_bigquery_table" "view_level_2" {
  for_each            = { for v in var.views : v.id => v if v.level == 2 }
  project             = var.project
  dataset_id          = google_bigquery_dataset.dataset[each.value.dataset].dataset_id
  table_id            = each.value.name
  description         = each.value.description
  labels              = var.labels
  deletion_protection = false

  view {
    query          = replace(each.value.query, "$${project}", var.project)
    use_legacy_sql = false
  }

  depends_on = [google_bigquery_table.table, google_bigquery_table.view_level_1]
}
