# Global external Application Load Balancer serving the seed-compatible paths under one domain: one serverless NEG
# and backend service per HTTP function, and a URL map whose path rules are the functions' own path prefixes.
# Google's URL map picks the longest matching path, as the local server does (functionForPath in shared/manifest.ts).

locals {
  default_route = coalesce(var.default_route, sort(keys(var.routes))[0])
}

resource "google_compute_region_network_endpoint_group" "function" {
  for_each              = var.routes
  project               = var.project
  region                = var.region
  name                  = "${var.name_prefix}-${each.key}"
  network_endpoint_type = "SERVERLESS"

  cloud_function {
    function = each.value.function
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "google_compute_backend_service" "function" {
  for_each              = var.routes
  project               = var.project
  name                  = "${var.name_prefix}-${each.key}"
  load_balancing_scheme = "EXTERNAL_MANAGED"

  backend {
    group = google_compute_region_network_endpoint_group.function[each.key].id
  }

  security_policy = google_compute_security_policy.api.id

  log_config {
    enable      = true
    sample_rate = 1
  }
}

resource "google_compute_url_map" "api" {
  project         = var.project
  name            = "${var.name_prefix}-api"
  default_service = google_compute_backend_service.function[local.default_route].id

  host_rule {
    hosts        = [var.domain]
    path_matcher = "functions"
  }

  path_matcher {
    name            = "functions"
    default_service = google_compute_backend_service.function[local.default_route].id

    dynamic "path_rule" {
      for_each = var.routes
      content {
        paths   = path_rule.value.paths
        service = google_compute_backend_service.function[path_rule.key].id
      }
    }
  }
}

# Named after the domain, so that a new domain gets a new certificate before the old one is released.
resource "google_compute_managed_ssl_certificate" "api" {
  project = var.project
  name    = "${var.name_prefix}-api-${substr(sha256(var.domain), 0, 8)}"

  managed {
    domains = [var.domain]
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "google_compute_target_https_proxy" "api" {
  project          = var.project
  name             = "${var.name_prefix}-api"
  url_map          = google_compute_url_map.api.id
  ssl_certificates = [google_compute_managed_ssl_certificate.api.id]
  ssl_policy       = google_compute_ssl_policy.api.id
}

resource "google_compute_global_address" "api" {
  project = var.project
  name    = "${var.name_prefix}-api"
}

resource "google_compute_global_forwarding_rule" "https" {
  project               = var.project
  name                  = "${var.name_prefix}-api-https"
  target                = google_compute_target_https_proxy.api.id
  ip_address            = google_compute_global_address.api.id
  port_range            = "443"
  ip_protocol           = "TCP"
  load_balancing_scheme = "EXTERNAL_MANAGED"
}

# Plain HTTP on the same address only redirects to HTTPS, with 308 so that a POST stays a POST with its body.
resource "google_compute_url_map" "https_redirect" {
  project = var.project
  name    = "${var.name_prefix}-api-https-redirect"

  default_url_redirect {
    https_redirect         = true
    redirect_response_code = "PERMANENT_REDIRECT"
    strip_query            = false
  }
}

resource "google_compute_target_http_proxy" "https_redirect" {
  project = var.project
  name    = "${var.name_prefix}-api-https-redirect"
  url_map = google_compute_url_map.https_redirect.id
}

resource "google_compute_global_forwarding_rule" "http" {
  project               = var.project
  name                  = "${var.name_prefix}-api-http"
  target                = google_compute_target_http_proxy.https_redirect.id
  ip_address            = google_compute_global_address.api.id
  port_range            = "80"
  ip_protocol           = "TCP"
  load_balancing_scheme = "EXTERNAL_MANAGED"
}
