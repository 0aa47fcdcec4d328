# Log-based metrics for what Cloud Run and BigQuery do not measure themselves. They read the functions' structured
# logs (shared/log.ts): one JSON line per event with `severity`; Cloud Run turns the other fields into jsonPayload.
# Each jsonPayload field named here is written by a log call in the code (test/terraform checks that it is):
#   syncOutcome, source, stream  functions/sync/run-stream.ts, one line per finished stream run
#   cache                        shared/cache/swr.ts, one line per cache lookup
#   webhookSignature, provider   functions/webhooks/receive.ts, one line per delivery refused for its signature
#   webhookOutcome, provider     functions/webhook-processor/process-event.ts, one line per processed event
#   warehouseQuery, bytesProcessed  functions/dashboard/query-cost.ts, one line per dashboard warehouse query
#   integrationProbe, integration    functions/ops/integrations/probe-records.ts, one line per integration probe

locals {
  # Cloud Logging filter selecting the product's functions (a 2nd gen function runs as the Cloud Run service of its name).
  functions_log_filter = "resource.type=\"cloud_run_revision\" AND resource.labels.service_name=(${join(" OR ", [for f in var.functions : "\"${f}\""])})"
}

resource "google_logging_metric" "function_errors" {
  project     = var.project
  name        = "${var.name_prefix}/function_errors"
  description = "Log entries of severity ERROR or worse, by function (includes Cloud Run's request log of every 5xx)."
  filter      = "${local.functions_log_filter} AND severity>=ERROR"

  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    unit        = "1"

    labels {
      key         = "function"
      value_type  = "STRING"
      description = "Function (Cloud Run service) name"
    }
  }

  label_extractors = {
    function = "EXTRACT(resource.labels.service_name)"
  }
}

# The stream runs of the sync, by outcome. A failed run is recorded and acknowledged (the function answers 2xx and
# Pub/Sub does not retry), so Cloud Run's request metrics cannot see it; this line is how monitoring does.
resource "google_logging_metric" "sync_runs" {
  project     = var.project
  name        = "${var.name_prefix}/sync_runs"
  description = "Finished sync stream runs by outcome (succeeded, failed or skipped), source and stream."
  filter      = "${local.functions_log_filter} AND jsonPayload.syncOutcome=(\"succeeded\" OR \"failed\" OR \"skipped\")"

  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    unit        = "1"

    labels {
      key         = "outcome"
      value_type  = "STRING"
      description = "succeeded, failed or skipped (another run of the stream was in progress)"
    }

    labels {
      key         = "source"
      value_type  = "STRING"
      description = "POS source (square, lightspeed)"
    }

    labels {
      key         = "stream"
      value_type  = "STRING"
      description = "Stream of the source (payments, refunds, ...)"
    }
  }

  label_extractors = {
    outcome = "EXTRACT(jsonPayload.syncOutcome)"
    source  = "EXTRACT(jsonPayload.source)"
    stream  = "EXTRACT(jsonPayload.stream)"
  }
}

# Every cache lookup, by its outcome: hit and stale are served from the cache; miss, fallback (the source failed and
# the last good value was served) and unavailable (nothing to serve) are not.
resource "google_logging_metric" "cache_lookups" {
  project     = var.project
  name        = "${var.name_prefix}/cache_lookups"
  description = "Cache lookups by result (hit, stale, miss, fallback or unavailable), by function."
  filter      = "${local.functions_log_filter} AND jsonPayload.cache=(\"hit\" OR \"stale\" OR \"miss\" OR \"fallback\" OR \"unavailable\")"

  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    unit        = "1"

    labels {
      key         = "result"
      value_type  = "STRING"
      description = "hit, stale, miss, fallback or unavailable"
    }

    labels {
      key         = "function"
      value_type  = "STRING"
      description = "Function (Cloud Run service) name"
    }
  }

  label_extractors = {
    result   = "EXTRACT(jsonPayload.cache)"
    function = "EXTRACT(resource.labels.service_name)"
  }
}

# Webhook deliveries refused because no active key verifies their signature (or none is configured). Nothing of them
# is stored, so this line is the only trace; a burst means a rotated secret or someone probing the endpoint.
resource "google_logging_metric" "webhook_signature_failures" {
  project     = var.project
  name        = "${var.name_prefix}/webhook_signature_failures"
  description = "Webhook deliveries refused with 401, by provider and reason."
  filter      = "${local.functions_log_filter} AND jsonPayload.webhookSignature=(\"missing-signature\" OR \"malformed-signature\" OR \"bad-signature\" OR \"stale-timestamp\" OR \"not-configured\")"

  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    unit        = "1"

    labels {
      key         = "provider"
      value_type  = "STRING"
      description = "square, stripe, shopify or zettle"
    }

    labels {
      key         = "reason"
      value_type  = "STRING"
      description = "missing-signature, malformed-signature, bad-signature, stale-timestamp or not-configured"
    }
  }

  label_extractors = {
    provider = "EXTRACT(jsonPayload.provider)"
    reason   = "EXTRACT(jsonPayload.webhookSignature)"
  }
}

# Processed webhook events by outcome: processed, ignored (nothing consumes them), failed (retrying) and dead.
resource "google_logging_metric" "webhook_outcomes" {
  project     = var.project
  name        = "${var.name_prefix}/webhook_outcomes"
  description = "Webhook events by processing outcome and provider."
  filter      = "${local.functions_log_filter} AND jsonPayload.webhookOutcome=(\"processed\" OR \"ignored\" OR \"failed\" OR \"dead\")"

  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    unit        = "1"

    labels {
      key         = "outcome"
      value_type  = "STRING"
      description = "processed, ignored, failed or dead"
    }

    labels {
      key         = "provider"
      value_type  = "STRING"
      description = "square, stripe, shopify or zettle"
    }
  }

  label_extractors = {
    outcome  = "EXTRACT(jsonPayload.webhookOutcome)"
    provider = "EXTRACT(jsonPayload.provider)"
  }
}

# The bytes each dashboard warehouse query processed, as BigQuery's job statistics say (a distribution per query
# kind). BigQuery's own scanned_bytes_billed metric is per project; this one says which dashboard query it was.
resource "google_logging_metric" "warehouse_bytes" {
  project     = var.project
  name        = "${var.name_prefix}/warehouse_bytes"
  description = "Bytes processed by each dashboard warehouse query (BigQuery job statistics), by query."
  filter      = "${local.functions_log_filter} AND jsonPayload.warehouseQuery:* AND jsonPayload.bytesProcessed>=0"

  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "DISTRIBUTION"
    unit        = "By"

    labels {
      key         = "query"
      value_type  = "STRING"
      description = "dashboard, historical or products"
    }
  }

  value_extractor = "EXTRACT(jsonPayload.bytesProcessed)"
  label_extractors = {
    query = "EXTRACT(jsonPayload.warehouseQuery)"
  }

  bucket_options {
    exponential_buckets {
      num_finite_buckets = 32
      growth_factor      = 4
      scale              = 1024
    }
  }
}

# Monitoring learns of a new log-based metric up to ten minutes after Logging created it, and an alert policy created
# before then fails with "Cannot find metric(s) ... could take up to 10 minutes to become available"
# (hashicorp/terraform-provider-google#11102, still open in 7.x). Referencing the metric orders the policy after its
# creation but cannot wait for Monitoring, so the policies that read these metrics also depend on this pause. It
# runs when the metrics are first created (or one is added or renamed), in parallel with the rest of the apply.
# Every integration probe (the every-minute job and operators' tests), by integration and outcome.
resource "google_logging_metric" "integration_probes" {
  project     = var.project
  name        = "${var.name_prefix}/integration_probes"
  description = "Integration probes by integration (square, lightspeed, authorize-net) and outcome (up, unauthorized, throttled, failing, timeout, unreachable)."
  filter      = "${local.functions_log_filter} AND jsonPayload.integrationProbe:*"

  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    unit        = "1"

    labels {
      key         = "integration"
      value_type  = "STRING"
      description = "Integration probed"
    }

    labels {
      key         = "outcome"
      value_type  = "STRING"
      description = "What the probe found"
    }
  }

  label_extractors = {
    integration = "EXTRACT(jsonPayload.integration)"
    outcome     = "EXTRACT(jsonPayload.integrationProbe)"
  }
}

resource "time_sleep" "log_metrics_known" {
  create_duration = var.log_metric_propagation

  triggers = {
    metrics = join(",", [
      google_logging_metric.function_errors.id,
      google_logging_metric.sync_runs.id,
      google_logging_metric.cache_lookups.id,
      google_logging_metric.webhook_signature_failures.id,
      google_logging_metric.webhook_outcomes.id,
      google_logging_metric.warehouse_bytes.id,
      google_logging_metric.integration_probes.id,
    ])
  }
}
