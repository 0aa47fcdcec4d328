output "dashboard_id" {
  description = "The monitoring dashboard."
  value       = google_monitoring_dashboard.overview.id
}

output "alert_policy_names" {
  description = "Display names of the alert policies created."
  value = concat(
    google_monitoring_alert_policy.sync_failure[*].display_name,
    google_monitoring_alert_policy.sync_lag[*].display_name,
    google_monitoring_alert_policy.webhook_failure_rate[*].display_name,
    [
      google_monitoring_alert_policy.error_rate.display_name,
      google_monitoring_alert_policy.latency_p95.display_name,
      google_monitoring_alert_policy.cache_hit_rate.display_name,
      google_monitoring_alert_policy.bigquery_daily_cost.display_name,
    ],
    google_monitoring_alert_policy.dead_letters[*].display_name,
  )
}
