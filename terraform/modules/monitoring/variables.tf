variable "project" {
  description = "Project id."
  type        = string
}

variable "name_prefix" {
  description = "Prefix of the log-based metric names and the policy display names."
  type        = string
}

variable "functions" {
  description = "Every function name (their Cloud Run service names)."
  type        = list(string)
}

variable "http_functions" {
  description = "HTTP functions: error rate and latency are measured on them."
  type        = list(string)
}

variable "sync_functions" {
  description = "Functions that run the POS sync (subscribers of sync-requests)."
  type        = list(string)
}

variable "webhook_functions" {
  description = "Functions that receive or process provider webhooks."
  type        = list(string)
}

variable "dead_letter_subscriptions" {
  description = "Names of the subscriptions that hold dead-lettered messages."
  type        = list(string)
}

variable "notification_emails" {
  description = "Email addresses every alert notifies (one channel each)."
  type        = list(string)

  validation {
    condition     = length(var.notification_emails) > 0
    error_message = "Every alert policy needs a notification channel: give at least one email address."
  }
}

variable "log_metric_propagation" {
  description = "How long to wait after creating the log-based metrics before creating the alert policies that read them (Monitoring may not know a new log-based metric for up to 10 minutes)."
  type        = string
  default     = "600s"
}

variable "thresholds" {
  description = "Alert thresholds."
  type = object({
    sync_lag_minutes        = number
    error_rate              = number
    webhook_failure_rate    = number
    webhook_bad_signatures  = number
    p95_latency_ms          = number
    cache_hit_rate          = number
    daily_bigquery_cost_usd = number
    bigquery_usd_per_tib    = number
    dashboard_query_mib     = number
  })
}
