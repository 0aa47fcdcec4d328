# Log-based metrics for what Cloud Run and BigQuery do not measure themselves. Both read the functions' structured
# logs (shared/log.ts): one JSON line per event with `severity`, and for cache lookups a `cache` field.

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

# Convention: a function that serves from the cache logs one line per lookup with `cache` = hit | stale | miss.
resource "google_logging_metric" "cache_lookups" {
  project     = var.project
  name        = "${var.name_prefix}/cache_lookups"
  description = "Cache lookups by result (hit, stale or miss), by function."
  filter      = "${local.functions_log_filter} AND jsonPayload.cache=(\"hit\" OR \"stale\" OR \"miss\")"

  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    unit        = "1"

    labels {
      key         = "result"
      value_type  = "STRING"
      description = "hit, stale or miss"
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
