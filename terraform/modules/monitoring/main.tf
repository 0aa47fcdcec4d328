locals {
  # Monitoring filter values matching exactly the named Cloud Run services or subscriptions.
  sync_services    = "monitoring.regex.full_match(\"${join("|", var.sync_functions)}\")"
  webhook_services = "monitoring.regex.full_match(\"${join("|", var.webhook_functions)}\")"
  http_services    = "monitoring.regex.full_match(\"${join("|", var.http_functions)}\")"
  dead_letters     = "monitoring.regex.full_match(\"${join("|", var.dead_letter_subscriptions)}\")"

  requests  = "metric.type=\"run.googleapis.com/request_count\" AND resource.type=\"cloud_run_revision\""
  latencies = "metric.type=\"run.googleapis.com/request_latencies\" AND resource.type=\"cloud_run_revision\""
  errors    = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.function_errors.name}\" AND resource.type=\"cloud_run_revision\""
  cache     = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.cache_lookups.name}\" AND resource.type=\"cloud_run_revision\""

  # On-demand queries are billed per TiB scanned; the budget is compared with the bytes billed over a day.
  daily_bytes_budget = var.thresholds.daily_bigquery_cost_usd / var.thresholds.bigquery_usd_per_tib * pow(2, 40)

  channels = [for c in google_monitoring_notification_channel.email : c.id]
}

resource "google_monitoring_notification_channel" "email" {
  for_each     = toset(var.notification_emails)
  project      = var.project
  display_name = "${var.name_prefix} alerts: ${each.value}"
  type         = "email"
  labels = {
    email_address = each.value
  }
}

resource "google_monitoring_alert_policy" "sync_failure" {
  count                 = length(var.sync_functions) > 0 ? 1 : 0
  project               = var.project
  display_name          = "${var.name_prefix}: sync failure"
  combiner              = "OR"
  notification_channels = local.channels

  conditions {
    display_name = "A sync function logged an error"
    condition_threshold {
      filter          = "${local.errors} AND metric.labels.function=${local.sync_services}"
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["metric.label.function"]
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "A sync run failed. The ops.sync_runs row of the run has the error; GET /health shows each source's last successful sync. Pub/Sub retries the request, and after the last attempt it lands in sync-requests-dead-letter."
  }

  alert_strategy {
    auto_close = "86400s"
  }
}

resource "google_monitoring_alert_policy" "sync_lag" {
  count                 = length(var.sync_functions) > 0 ? 1 : 0
  project               = var.project
  display_name          = "${var.name_prefix}: sync lag over ${var.thresholds.sync_lag_minutes} minutes"
  combiner              = "OR"
  notification_channels = local.channels

  conditions {
    display_name = "No successful sync delivery for ${var.thresholds.sync_lag_minutes} minutes"
    condition_absent {
      filter   = "${local.requests} AND resource.labels.service_name=${local.sync_services} AND metric.labels.response_code_class=\"2xx\""
      duration = "${var.thresholds.sync_lag_minutes * 60}s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "The scheduler fires a sync every 15 minutes, yet none has completed. Check the Cloud Scheduler job, the sync function's logs and the sync-requests-dead-letter-retained subscription."
  }

  alert_strategy {
    auto_close = "86400s"
  }
}

resource "google_monitoring_alert_policy" "webhook_failure_rate" {
  count                 = length(var.webhook_functions) > 0 ? 1 : 0
  project               = var.project
  display_name          = "${var.name_prefix}: webhook failure rate"
  combiner              = "OR"
  notification_channels = local.channels

  conditions {
    display_name = "Webhook requests failing above ${var.thresholds.webhook_failure_rate * 100} %"
    condition_threshold {
      filter             = "${local.requests} AND resource.labels.service_name=${local.webhook_services} AND metric.labels.response_code_class=monitoring.regex.full_match(\"4xx|5xx\")"
      denominator_filter = "${local.requests} AND resource.labels.service_name=${local.webhook_services}"
      comparison         = "COMPARISON_GT"
      threshold_value    = var.thresholds.webhook_failure_rate
      duration           = "300s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.label.service_name"]
      }
      denominator_aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.label.service_name"]
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "Webhook deliveries are failing: 401s mean a signature secret is wrong or rotated; 5xx mean processing fails. GET /api/webhooks/:provider/events?status=failed lists them and POST /api/webhooks/retry replays them."
  }

  alert_strategy {
    auto_close = "86400s"
  }
}

resource "google_monitoring_alert_policy" "error_rate" {
  project               = var.project
  display_name          = "${var.name_prefix}: error rate over ${var.thresholds.error_rate * 100} %"
  combiner              = "OR"
  notification_channels = local.channels

  conditions {
    display_name = "5xx responses above ${var.thresholds.error_rate * 100} % of requests"
    condition_threshold {
      filter             = "${local.requests} AND resource.labels.service_name=${local.http_services} AND metric.labels.response_code_class=\"5xx\""
      denominator_filter = "${local.requests} AND resource.labels.service_name=${local.http_services}"
      comparison         = "COMPARISON_GT"
      threshold_value    = var.thresholds.error_rate
      duration           = "300s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.label.service_name"]
      }
      denominator_aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.label.service_name"]
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "A function answers more than its share of 5xx. Its ERROR log lines (function_errors metric) name the fault."
  }

  alert_strategy {
    auto_close = "86400s"
  }
}

resource "google_monitoring_alert_policy" "latency_p95" {
  project               = var.project
  display_name          = "${var.name_prefix}: p95 latency over ${var.thresholds.p95_latency_ms} ms"
  combiner              = "OR"
  notification_channels = local.channels

  conditions {
    display_name = "95th percentile request latency above ${var.thresholds.p95_latency_ms} ms"
    condition_threshold {
      filter          = "${local.latencies} AND resource.labels.service_name=${local.http_services}"
      comparison      = "COMPARISON_GT"
      threshold_value = var.thresholds.p95_latency_ms
      duration        = "300s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_PERCENTILE_95"
        group_by_fields      = ["resource.label.service_name"]
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "Requests are slow. For the dashboard, check the cache hit rate and BigQuery query times; elsewhere, cold starts and upstream APIs."
  }

  alert_strategy {
    auto_close = "86400s"
  }
}

resource "google_monitoring_alert_policy" "cache_hit_rate" {
  project               = var.project
  display_name          = "${var.name_prefix}: cache hit rate under ${var.thresholds.cache_hit_rate * 100} %"
  combiner              = "OR"
  notification_channels = local.channels

  conditions {
    display_name = "Share of cache lookups served from the cache below ${var.thresholds.cache_hit_rate * 100} %"
    condition_threshold {
      filter             = "${local.cache} AND metric.labels.result=monitoring.regex.full_match(\"hit|stale\")"
      denominator_filter = local.cache
      comparison         = "COMPARISON_LT"
      threshold_value    = var.thresholds.cache_hit_rate
      duration           = "900s"
      aggregations {
        alignment_period     = "900s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["metric.label.function"]
      }
      denominator_aggregations {
        alignment_period     = "900s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["metric.label.function"]
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "Most requests miss the cache and query BigQuery, which is slow and costs money. GET /api/bigquery/cache-stats shows the cache; check the Upstash database and its token."
  }

  alert_strategy {
    auto_close = "86400s"
  }
}

resource "google_monitoring_alert_policy" "bigquery_daily_cost" {
  project               = var.project
  display_name          = "${var.name_prefix}: BigQuery cost over ${var.thresholds.daily_bigquery_cost_usd} USD a day"
  combiner              = "OR"
  notification_channels = local.channels

  conditions {
    display_name = "Bytes billed in 24 hours above the daily budget"
    condition_threshold {
      filter          = "metric.type=\"bigquery.googleapis.com/query/scanned_bytes_billed\""
      comparison      = "COMPARISON_GT"
      threshold_value = local.daily_bytes_budget
      duration        = "0s"
      aggregations {
        alignment_period     = "86400s"
        per_series_aligner   = "ALIGN_SUM"
        cross_series_reducer = "REDUCE_SUM"
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "BigQuery has billed more than the daily budget (on-demand pricing). Look for uncached dashboard queries or a sync running full re-syncs repeatedly; INFORMATION_SCHEMA.JOBS lists the expensive jobs."
  }

  alert_strategy {
    auto_close = "86400s"
  }
}

resource "google_monitoring_alert_policy" "dead_letters" {
  count                 = length(var.dead_letter_subscriptions) > 0 ? 1 : 0
  project               = var.project
  display_name          = "${var.name_prefix}: messages dead-lettered"
  combiner              = "OR"
  notification_channels = local.channels

  conditions {
    display_name = "A dead-letter subscription holds messages"
    condition_threshold {
      filter          = "metric.type=\"pubsub.googleapis.com/subscription/num_undelivered_messages\" AND resource.type=\"pubsub_subscription\" AND resource.labels.subscription_id=${local.dead_letters}"
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period   = "300s"
        per_series_aligner = "ALIGN_MAX"
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "Messages exhausted their delivery attempts. Inspect them in the <topic>-dead-letter-retained subscription, fix the cause, and replay them to the topic."
  }

  alert_strategy {
    auto_close = "86400s"
  }
}
