resource "google_cloud_scheduler_job" "job" {
  for_each    = { for s in var.schedules : s.name => s }
  project     = var.project
  region      = var.region
  name        = each.key
  description = each.value.description
  schedule    = each.value.cron
  time_zone   = each.value.time_zone

  pubsub_target {
    topic_name = var.topic_ids[each.value.topic]
    data       = base64encode(each.value.data)
  }

  retry_config {
    retry_count          = 3
    min_backoff_duration = "10s"
    max_backoff_duration = "300s"
  }
}
