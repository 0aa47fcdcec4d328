output "topic_ids" {
  description = "Topic ids (projects/p/topics/t) by topic name."
  value       = { for name, t in google_pubsub_topic.topic : name => t.id }
}

output "dead_letter_topic_ids" {
  description = "Dead-letter topic ids by source topic name."
  value       = { for name, t in google_pubsub_topic.dead_letter : name => t.id }
}

output "dead_letter_subscriptions" {
  description = "Replay subscription ids of the dead-letter topics, by source topic name."
  value       = { for name, s in google_pubsub_subscription.dead_letter_retained : name => s.id }
}
