locals {
  all_services = "monitoring.regex.full_match(\"${join("|", var.functions)}\")"

  # One chart per signal the alerts watch, so an alert can be read against its history.
  charts = [
    {
      title   = "Requests by function"
      filter  = "${local.requests} AND resource.labels.service_name=${local.all_services}"
      aligner = "ALIGN_RATE"
      reducer = "REDUCE_SUM"
      group   = ["resource.label.service_name"]
    },
    {
      title   = "5xx responses by function"
      filter  = "${local.requests} AND resource.labels.service_name=${local.all_services} AND metric.labels.response_code_class=\"5xx\""
      aligner = "ALIGN_RATE"
      reducer = "REDUCE_SUM"
      group   = ["resource.label.service_name"]
    },
    {
      title   = "p95 latency by HTTP function (ms)"
      filter  = "${local.latencies} AND resource.labels.service_name=${local.http_services}"
      aligner = "ALIGN_DELTA"
      reducer = "REDUCE_PERCENTILE_95"
      group   = ["resource.label.service_name"]
    },
    {
      title   = "Errors logged by function"
      filter  = local.errors
      aligner = "ALIGN_DELTA"
      reducer = "REDUCE_SUM"
      group   = ["metric.label.function"]
    },
    {
      title   = "Cache lookups by result"
      filter  = local.cache
      aligner = "ALIGN_DELTA"
      reducer = "REDUCE_SUM"
      group   = ["metric.label.result"]
    },
    {
      title   = "BigQuery bytes billed"
      filter  = "metric.type=\"bigquery.googleapis.com/query/scanned_bytes_billed\" AND resource.type=\"global\""
      aligner = "ALIGN_SUM"
      reducer = "REDUCE_SUM"
      group   = []
    },
    {
      title   = "Dead-lettered messages waiting"
      filter  = "metric.type=\"pubsub.googleapis.com/subscription/num_undelivered_messages\" AND resource.type=\"pubsub_subscription\" AND resource.labels.subscription_id=${local.dead_letters}"
      aligner = "ALIGN_MAX"
      reducer = "REDUCE_SUM"
      group   = ["resource.label.subscription_id"]
    },
  ]
}

resource "google_monitoring_dashboard" "overview" {
  project = var.project
  dashboard_json = jsonencode({
    displayName = "${var.name_prefix}: commerce back end"
    gridLayout = {
      columns = 2
      widgets = [
        for chart in local.charts : {
          title = chart.title
          xyChart = {
            dataSets = [{
              plotType = "LINE"
              timeSeriesQuery = {
                timeSeriesFilter = {
                  filter = chart.filter
                  aggregation = {
                    alignmentPeriod    = "300s"
                    perSeriesAligner   = chart.aligner
                    crossSeriesReducer = chart.reducer
                    groupByFields      = chart.group
                  }
                }
              }
            }]
          }
        }
      ]
    }
  })
}
