locals {
  # Monitoring filter values matching exactly the named Cloud Run services or subscriptions.
  sync_services    = "monitoring.regex.full_match(\"${join("|", var.sync_functions)}\")"
  webhook_services = "monitoring.regex.full_match(\"${join("|", var.webhook_functions)}\")"
  http_services    = "monitoring.regex.full_match(\"${join("|", var.http_functions)}\")"
  dead_letters     = "monitoring.regex.full_match(\"${join("|", var.dead_letter_subscriptions)}\")"

  requests           = "metric.type=\"run.googleapis.com/request_count\" AND resource.type=\"cloud_run_revision\""
  latencies          = "metric.type=\"run.googleapis.com/request_latencies\" AND resource.type=\"cloud_run_revision\""
  errors             = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.function_errors.name}\" AND resource.type=\"cloud_run_revision\""
  sync_runs          = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.sync_runs.name}\" AND resource.type=\"cloud_run_revision\""
  cache              = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.cache_lookups.name}\" AND resource.type=\"cloud_run_revision\""
  webhook_signatures = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.webhook_signature_failures.name}\" AND resource.type=\"cloud_run_revision\""
  webhook_outcomes   = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.webhook_outcomes.name}\" AND resource.type=\"cloud_run_revision\""
  integration_probes = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.integration_probes.name}\" AND resource.type=\"cloud_run_revision\""
  dashboard_bytes    = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.warehouse_bytes.name}\" AND resource.type=\"cloud_run_revision\""

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
    display_name = "A sync stream run failed"
    condition_threshold {
      filter          = "${local.sync_runs} AND metric.labels.outcome=\"failed\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["metric.label.source", "metric.label.stream"]
      }
    }
  }

  conditions {
    display_name = "The sync function logged an error outside a stream run"
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
    content   = <<-EOT
      A sync stream run failed. The run is recorded in ops.sync_runs (status failed, with the error) and its message is
      acknowledged, so Pub/Sub does not retry it; the watermark stays where it was, so the next scheduled run (every
      15 minutes) reads the same period again and nothing is lost once the cause is fixed. The failing source and
      stream are this incident's labels. GET /api/sync/runs?source=<source> lists the latest runs with their errors,
      GET /health shows each source's last successful sync, and POST /api/sync/<source> starts a run now.
      An error logged by the sync function outside a run (a request it could not open a session for) makes Pub/Sub
      redeliver the message; after the last attempt it lands in sync-requests-dead-letter-retained.
    EOT
  }

  alert_strategy {
    auto_close = "86400s"
  }

  depends_on = [time_sleep.log_metrics_known]
}

resource "google_monitoring_alert_policy" "sync_lag" {
  count                 = length(var.sync_functions) > 0 ? 1 : 0
  project               = var.project
  display_name          = "${var.name_prefix}: sync lag over ${var.thresholds.sync_lag_minutes} minutes"
  combiner              = "OR"
  notification_channels = local.channels

  conditions {
    display_name = "A stream has had no successful run for ${var.thresholds.sync_lag_minutes} minutes"
    # One series per source and stream, so one stream that stops succeeding fires while the others carry on.
    condition_absent {
      filter   = "${local.sync_runs} AND metric.labels.outcome=\"succeeded\""
      duration = "${var.thresholds.sync_lag_minutes * 60}s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["metric.label.source", "metric.label.stream"]
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = <<-EOT
      A stream (this incident's source and stream labels) has not completed a successful run for
      ${var.thresholds.sync_lag_minutes} minutes, although Cloud Scheduler requests one every 15 minutes: its runs fail
      (see the sync failure alert and GET /api/sync/runs?source=<source>), are skipped because an earlier run still
      holds the stream's lock, or no longer start (check the sync-<source> Cloud Scheduler job, the sync function's
      logs and sync-requests-dead-letter-retained). The dashboard's figures for that source are as old as
      GET /health's lastSuccessfulSync. A stream that has never succeeded since this alert was created is not watched
      by it; the sync failure alert covers it.
    EOT
  }

  alert_strategy {
    auto_close = "86400s"
  }

  depends_on = [time_sleep.log_metrics_known]
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
    content   = "More than ${var.thresholds.webhook_failure_rate * 100} % of webhook requests to this function failed over 5 minutes. 401 answers mean a signature did not verify (a webhook signature secret is wrong or was rotated at the provider); 5xx mean processing failed and the provider will redeliver. GET /api/webhooks/<provider>/events?status=failed lists failed events and POST /api/webhooks/retry replays them."
  }

  alert_strategy {
    auto_close = "86400s"
  }
}

resource "google_monitoring_alert_policy" "webhook_signature_failures" {
  count                 = length(var.webhook_functions) > 0 ? 1 : 0
  project               = var.project
  display_name          = "${var.name_prefix}: webhook signature failures"
  combiner              = "OR"
  notification_channels = local.channels
  depends_on            = [time_sleep.log_metrics_known]

  conditions {
    display_name = "More than ${var.thresholds.webhook_bad_signatures} webhook deliveries of a provider refused for their signature in 15 minutes"
    condition_threshold {
      filter          = local.webhook_signatures
      comparison      = "COMPARISON_GT"
      threshold_value = var.thresholds.webhook_bad_signatures
      duration        = "0s"
      aggregations {
        alignment_period     = "900s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["metric.label.provider"]
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "Webhook deliveries of this provider were refused with 401 because no active key verified their signature (the reason label says: missing, malformed, bad, stale timestamp, or not configured). Nothing of them was stored, and the provider keeps retrying. After a key rotation at the provider, add the new key to its secret next to the old one (keys are separated by whitespace); for Square also check SQUARE_WEBHOOK_NOTIFICATION_URL against the URL registered with Square. A burst from unknown sources is someone probing the endpoint. GET /api/webhooks/health shows the counts per provider."
  }

  alert_strategy {
    auto_close = "86400s"
  }
}

resource "google_monitoring_alert_policy" "webhook_dead_events" {
  count                 = length(var.webhook_functions) > 0 ? 1 : 0
  project               = var.project
  display_name          = "${var.name_prefix}: webhook events dead"
  combiner              = "OR"
  notification_channels = local.channels
  depends_on            = [time_sleep.log_metrics_known]

  conditions {
    display_name = "A webhook event exhausted its processing attempts"
    condition_threshold {
      filter          = "${local.webhook_outcomes} AND metric.labels.outcome=\"dead\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["metric.label.provider"]
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "A webhook event failed every delivery attempt and was dead-lettered (webhook-events-dead-letter); its record says dead with the last error. GET /api/webhooks/<provider>/events?status=dead lists them; once the cause is fixed (often Square or BigQuery unavailable), POST /api/webhooks/retry with {\"status\": \"dead\"} replays them all (processing is idempotent)."
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
    content   = "More than ${var.thresholds.error_rate * 100} % of this function's requests (the incident's service_name) answered 5xx over 5 minutes. Callers got the error envelope without internals; the function's ERROR log lines (the function_errors metric, filter on its service name in Logs Explorer) carry the fault and its cause. 429 and other 4xx answers are not counted."
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
    content   = "The 95th percentile latency of this function's requests (the incident's service_name) has been above ${var.thresholds.p95_latency_ms} ms for 5 minutes. For the dashboard, a low cache hit rate sends requests to BigQuery (see the cache hit rate alert and GET /api/bigquery/cache-stats); elsewhere look for cold starts (raise the function's min instances), saturated instances (request concurrency) or a slow upstream API (Square, Authorize.Net) in the function's logs."
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
    content   = "Under ${var.thresholds.cache_hit_rate * 100} % of this function's cache lookups in 15 minutes were served from the cache (hit or stale); the others (miss, fallback, unavailable in the cache_lookups metric) waited for BigQuery or Square, or got the last good value because the source failed. Many misses follow an invalidation or a new deployment; fallbacks mean the source is failing. GET /api/bigquery/cache-stats shows hits, misses, refreshes and the last error; check the Upstash database and its token."
  }

  alert_strategy {
    auto_close = "86400s"
  }

  depends_on = [time_sleep.log_metrics_known]
}

resource "google_monitoring_alert_policy" "bigquery_daily_cost" {
  project               = var.project
  display_name          = "${var.name_prefix}: BigQuery cost over ${var.thresholds.daily_bigquery_cost_usd} USD a day"
  combiner              = "OR"
  notification_channels = local.channels

  conditions {
    display_name = "Bytes billed in 24 hours above the daily budget"
    condition_threshold {
      # The metric is written against the global monitored resource (not bigquery_project).
      filter          = "metric.type=\"bigquery.googleapis.com/query/scanned_bytes_billed\" AND resource.type=\"global\""
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

  # The dashboard's own queries, as each one logs the bytes its job processed (functions/dashboard/query-cost.ts): a
  # refresh reads the daily rollup and one day of rows, so its bytes stay flat as sales grow; a mean above the
  # threshold means a query is reading the history of sales again.
  conditions {
    display_name = "Bytes processed per dashboard query above ${var.thresholds.dashboard_query_mib} MiB (hourly mean)"
    condition_threshold {
      filter          = local.dashboard_bytes
      comparison      = "COMPARISON_GT"
      threshold_value = var.thresholds.dashboard_query_mib * pow(2, 20)
      duration        = "0s"
      aggregations {
        alignment_period     = "3600s"
        per_series_aligner   = "ALIGN_MEAN"
        cross_series_reducer = "REDUCE_MAX"
        group_by_fields      = ["metric.label.query"]
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "Either the dashboard's queries processed more than ${var.thresholds.dashboard_query_mib} MiB each on average over an hour (the `warehouseQuery` log lines name the query and its `bytesProcessed`; a refresh should read the daily rollup, not the sales: run `npm run rollup:check`), or queries in this project were billed for more bytes in the last 24 hours than ${var.thresholds.daily_bigquery_cost_usd} USD buys at ${var.thresholds.bigquery_usd_per_tib} USD per TiB (on-demand pricing). Nothing is stopped: queries keep running and billing. Look for dashboard queries missing the cache (cache hit rate alert) or repeated full re-syncs (each MERGE scans its target table); region-<location>.INFORMATION_SCHEMA.JOBS ordered by total_bytes_billed lists the expensive jobs and who ran them."
  }

  alert_strategy {
    auto_close = "86400s"
  }

  depends_on = [time_sleep.log_metrics_known]
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
    content   = "Messages exhausted their delivery attempts and were moved to a dead-letter topic; nothing processes them any more. They are kept in the <topic>-dead-letter-retained subscription (this incident's subscription_id) for the dead-letter retention period: pull them with gcloud pubsub subscriptions pull, fix the cause, then publish them again to <topic> (handlers are idempotent, so a replay is safe) and acknowledge them."
  }

  alert_strategy {
    auto_close = "86400s"
  }
}

# An integration is unhealthy when three probes in a row fail (functions/ops/integrations/evaluate.ts): with a probe a
# minute, three failed probes within five minutes.
resource "google_monitoring_alert_policy" "integration_unhealthy" {
  project               = var.project
  display_name          = "${var.name_prefix}: integration unhealthy"
  combiner              = "OR"
  notification_channels = local.channels

  conditions {
    display_name = "Three or more failed probes of one integration in 5 minutes"
    condition_threshold {
      filter          = "${local.integration_probes} AND metric.labels.outcome!=\"up\""
      comparison      = "COMPARISON_GT"
      threshold_value = 2
      duration        = "0s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["metric.label.integration"]
      }
    }
  }

  documentation {
    content   = "See docs/runbook.md and GET /api/integrations/:provider/health for the reasons."
    mime_type = "text/markdown"
  }

  depends_on = [time_sleep.log_metrics_known]
}
