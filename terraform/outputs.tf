output "load_balancer_ip" {
  description = "Address to point the domain's A record at; the managed certificate is issued once it resolves."
  value       = module.load_balancer.ip_address
}

output "api_url" {
  description = "Public base URL of the API."
  value       = "https://${var.domain}"
}

output "functions" {
  description = "Each function's Cloud Run URI and service account."
  value = {
    for name, f in module.function : name => {
      uri             = f.uri
      service_account = f.service_account_email
    }
  }
}

output "topic_ids" {
  description = "Pub/Sub topics by name."
  value       = module.pubsub.topic_ids
}

output "dead_letter_subscriptions" {
  description = "Subscriptions that hold dead-lettered messages for replay, by source topic."
  value       = module.pubsub.dead_letter_subscriptions
}

output "pubsub_service_agent" {
  description = "Pub/Sub service agent; it must subscribe to each trigger subscription for dead-lettering to work."
  value       = local.pubsub_service_agent
}

# Cloud Functions (2nd gen) event triggers create their own Pub/Sub subscription through Eventarc, and neither the
# function nor the Eventarc trigger resource can set a dead-letter or retry policy on it
# (hashicorp/terraform-provider-google#25069). The post-apply step in cloudbuild.yaml reads this output and, per
# line, looks up the trigger's subscription, sets its dead-letter topic, max delivery attempts and retry backoff, and
# grants the Pub/Sub service agent subscriber on it. The values come from the same policy the local bus applies.
output "dead_letter_attachments" {
  description = "One line per event function: <eventarc trigger> <dead-letter topic> <max delivery attempts> <min backoff> <max backoff>."
  value = join("\n", [
    for name, f in local.event_functions : join(" ", [
      module.function[name].event_trigger,
      module.pubsub.dead_letter_topic_ids[f.trigger.topic],
      tostring(local.messaging.delivery.max_delivery_attempts),
      "${local.messaging.delivery.min_backoff_seconds}s",
      "${local.messaging.delivery.max_backoff_seconds}s",
    ])
  ])
}
