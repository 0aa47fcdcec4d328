output "dataset_ids" {
  description = "Dataset ids by dataset name, the staging dataset included (depending on them orders IAM after creation)."
  value = merge(
    { for id, d in google_bigquery_dataset.dataset : id => d.dataset_id },
    { (google_bigquery_dataset.staging.dataset_id) = google_bigquery_dataset.staging.dataset_id },
  )
}

output "table_names" {
  description = "Table names (table_id) by dataset.name, for table-level IAM (depending on them orders it after creation)."
  value       = { for id, t in google_bigquery_table.table : id => t.table_id }
}

output "table_ids" {
  description = "Fully qualified ids of the tables and views, by dataset.name."
  value = merge(
    { for id, t in google_bigquery_table.table : id => t.id },
    { for id, v in google_bigquery_table.view_level_0 : id => v.id },
    { for id, v in google_bigquery_table.view_level_1 : id => v.id },
    { for id, v in google_bigquery_table.view_level_2 : id => v.id },
  )
}
