output "ip_address" {
  description = "The load balancer's global IP address."
  value       = google_compute_global_address.api.address
}

output "url_map_id" {
  description = "The URL map routing paths to functions."
  value       = google_compute_url_map.api.id
}

output "security_policy" {
  description = "The Cloud Armor policy on every backend."
  value       = google_compute_security_policy.api.name
}
