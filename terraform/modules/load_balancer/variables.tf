variable "project" {
  description = "Project id."
  type        = string
}

variable "region" {
  description = "Region of the functions (and so of their serverless NEGs)."
  type        = string
}

variable "domain" {
  description = "Host name served; the managed certificate is issued for it."
  type        = string
}

variable "name_prefix" {
  description = "Prefix of the load balancer resource names."
  type        = string
}

variable "routes" {
  description = "HTTP functions by name, each with its URL map paths (every trigger prefix as /prefix and /prefix/*)."
  type = map(object({
    function = string
    paths    = list(string)
  }))

  validation {
    condition     = length(var.routes) > 0
    error_message = "The load balancer needs at least one HTTP function."
  }
}

variable "default_route" {
  description = "Route that answers paths no function claims; null picks the first route by name."
  type        = string
  default     = null
}

variable "edge" {
  description = "Cloud Armor settings: per-IP limits of /api/* and /api/webhooks/*, headroom, ban, WAF rules (see the root variable)."
  type = object({
    api_per_minute      = number
    webhooks_per_minute = number
    headroom            = number
    ban_multiple        = number
    ban_seconds         = number
    waf_rules           = list(string)
    waf_sensitivity     = number
    waf_preview         = bool
  })

  validation {
    condition     = var.edge.headroom >= 1 && var.edge.ban_multiple > var.edge.headroom && var.edge.waf_sensitivity >= 0 && var.edge.waf_sensitivity <= 4
    error_message = "headroom must be at least 1, ban_multiple above headroom, and waf_sensitivity 0-4."
  }
}
