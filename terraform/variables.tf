# The root module's own variables. The functions' settings (time zone, JWT audience, Lightspeed account, gateway
# environment and the rest) are typed variables too, generated from shared/config.ts into configuration.tf.json.

variable "project" {
  description = "Google Cloud project id everything is deployed into."
  type        = string
}

variable "region" {
  description = "Region of the functions, their event triggers, the serverless NEGs and the Scheduler jobs."
  type        = string
  default     = "us-central1"
}

variable "domain" {
  description = "Public host name of the API (the load balancer's managed certificate is issued for it)."
  type        = string
}

variable "name_prefix" {
  description = "Prefix of the load balancer, bucket and monitoring resource names."
  type        = string
  default     = "commerce"
}

variable "dist_dir" {
  description = "Directory holding the esbuild bundles (dist/<function>/), relative to where terraform runs."
  type        = string
  default     = "../dist"
}

variable "source_retention_days" {
  description = "Days a replaced function bundle is kept in the sources bucket (as a noncurrent version) for rollbacks."
  type        = number
  default     = 30
}

variable "dead_letter_retention" {
  description = "How long a dead-lettered message stays available for replay."
  type        = string
  default     = "1209600s"
}

variable "alert_emails" {
  description = "Email addresses notified by every alert policy; at least one, since an alert nobody receives is silent."
  type        = list(string)

  validation {
    condition     = length(var.alert_emails) > 0 && alltrue([for e in var.alert_emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "Give at least one alert email address (name@domain), e.g. -var='alert_emails=[\"ops@example.com\"]'."
  }
}

variable "alert_thresholds" {
  description = "Alert thresholds: sync lag, error and webhook failure ratios, webhook signature failures per provider in 15 minutes, p95 latency, minimum cache hit ratio, the daily BigQuery budget and the mean MiB a dashboard query may process."
  type = object({
    sync_lag_minutes        = optional(number, 45)
    error_rate              = optional(number, 0.01)
    webhook_failure_rate    = optional(number, 0.05)
    webhook_bad_signatures  = optional(number, 10)
    p95_latency_ms          = optional(number, 2000)
    cache_hit_rate          = optional(number, 0.8)
    daily_bigquery_cost_usd = optional(number, 10)
    bigquery_usd_per_tib    = optional(number, 6.25)
    dashboard_query_mib     = optional(number, 256)
  })
  default = {}
}

variable "labels" {
  description = "Labels put on every resource that takes them."
  type        = map(string)
  default     = {}
}

variable "function_scaling" {
  description = "Per function (by name), overrides of the scaling shared/manifest.ts gives it: min_instances (warm instances, billed while idle), max_instances, concurrency (requests per instance) and cpu."
  type = map(object({
    min_instances = optional(number)
    max_instances = optional(number)
    concurrency   = optional(number)
    cpu           = optional(string)
  }))
  default = {}
}

variable "edge" {
  description = "Cloud Armor at the load balancer: the headroom above the functions' own per-IP limits (rate_limit_api_per_minute, rate_limit_webhooks_per_minute) before the edge throttles, when a client is banned and for how long, and the preconfigured WAF rules."
  type = object({
    headroom        = optional(number, 2)
    ban_multiple    = optional(number, 5)
    ban_seconds     = optional(number, 600)
    waf_rules       = optional(list(string), ["sqli-v33-stable", "xss-v33-stable", "lfi-v33-stable", "rfi-v33-stable", "rce-v33-stable", "methodenforcement-v33-stable", "scannerdetection-v33-stable", "protocolattack-v33-stable", "sessionfixation-v33-stable"])
    waf_sensitivity = optional(number, 1)
    waf_preview     = optional(bool, false)
  })
  default = {}
}
