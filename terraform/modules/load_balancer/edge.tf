# What stands in front of the functions: Cloud Armor on every backend, TLS 1.2+ only, and plain HTTP redirected.

locals {
  # The functions' own limiter answers 429 with the envelope and Retry-After up to `headroom` times its limit; above
  # that Cloud Armor throttles at the edge (a bare 429), and a client far above it is banned for a while, so a flood
  # never scales the functions up to their maximum.
  rate_limits = {
    webhooks = {
      priority    = 2000
      description = "Per-IP limit of webhook deliveries"
      expression  = "request.path.startsWith('/api/webhooks/')"
      per_minute  = var.edge.webhooks_per_minute
    }
    api = {
      priority    = 2100
      description = "Per-IP limit of the API"
      expression  = "request.path.startsWith('/api/')"
      per_minute  = var.edge.api_per_minute
    }
  }
}

resource "google_compute_security_policy" "api" {
  project     = var.project
  name        = "${var.name_prefix}-api"
  description = "WAF and per-IP rate limits in front of the API"
  type        = "CLOUD_ARMOR"

  # Lets the WAF rules read JSON bodies as JSON rather than as text, which avoids false positives on API payloads.
  advanced_options_config {
    json_parsing = "STANDARD"
  }

  # Preconfigured WAF rules first: a rate-limit rule that lets a request through ends the evaluation. Webhook
  # deliveries are signed by their provider and carry arbitrary payloads, so they are not inspected.
  dynamic "rule" {
    for_each = var.edge.waf_rules
    content {
      priority    = 1000 + rule.key
      action      = "deny(403)"
      preview     = var.edge.waf_preview
      description = "Preconfigured WAF ${rule.value}"
      match {
        expr {
          expression = "evaluatePreconfiguredWaf('${rule.value}', {'sensitivity': ${var.edge.waf_sensitivity}}) && !request.path.startsWith('/api/webhooks/')"
        }
      }
    }
  }

  dynamic "rule" {
    for_each = local.rate_limits
    content {
      priority    = rule.value.priority
      action      = "rate_based_ban"
      description = rule.value.description
      match {
        expr {
          expression = rule.value.expression
        }
      }
      rate_limit_options {
        conform_action   = "allow"
        exceed_action    = "deny(429)"
        enforce_on_key   = "IP"
        ban_duration_sec = var.edge.ban_seconds
        rate_limit_threshold {
          count        = floor(rule.value.per_minute * var.edge.headroom)
          interval_sec = 60
        }
        ban_threshold {
          count        = floor(rule.value.per_minute * var.edge.ban_multiple)
          interval_sec = 60
        }
      }
    }
  }

  rule {
    priority    = 2147483647
    action      = "allow"
    description = "The rest reaches the functions, which authenticate callers"
    match {
      versioned_expr = "SRC_IPS_V1"
      config {
        src_ip_ranges = ["*"]
      }
    }
  }
}

# TLS 1.2 or later with the MODERN profile's ciphers.
resource "google_compute_ssl_policy" "api" {
  project         = var.project
  name            = "${var.name_prefix}-api"
  profile         = "MODERN"
  min_tls_version = "TLS_1_2"
}
