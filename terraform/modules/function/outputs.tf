output "function_name" {
  description = "Name of the deployed function."
  value       = google_cloudfunctions2_function.function.name
}

output "uri" {
  description = "URI of the function's Cloud Run service."
  value       = google_cloudfunctions2_function.function.service_config[0].uri
}

output "service_name" {
  description = "Name of the function's Cloud Run service."
  value       = google_cloudfunctions2_function.function.service_config[0].service
}

output "service_account_email" {
  description = "The function's runtime identity."
  value       = google_service_account.function.email
}

output "event_trigger" {
  description = "Resource name of the Eventarc trigger (event functions), null for HTTP functions."
  value       = local.is_http ? null : google_cloudfunctions2_function.function.event_trigger[0].trigger
}
