# Topics, their dead-letter twins, and a subscription on each dead-letter topic that keeps what lands there so it can
# be inspected and replayed.
#
# How the dead-letter policy reaches the event functions: a Cloud Functions (2nd gen) event trigger makes Eventarc
# create its own push subscription on the topic, whose name Terraform never sees, and neither
# google_cloudfunctions2_function nor google_eventarc_trigger can set dead_letter_policy or retry_policy on it
# (hashicorp/terraform-provider-google#25069). So after `terraform apply`, cloudbuild.yaml runs one step per line of
# the root output `dead_letter_attachments`: it finds the trigger's subscription and sets its dead-letter topic
# (below), max_delivery_attempts and the min/max retry backoff from generated/messaging.json (the same policy the
# local bus applies), and grants the Pub/Sub service agent subscriber on it. The publisher grant the service agent
# also needs, on each dead-letter topic, is made here.

locals {
  topics = { for t in var.topics : t.name => t }
}

resource "google_pubsub_topic" "topic" {
  for_each = local.topics
  project  = var.project
  name     = each.key
  labels   = var.labels
}

resource "google_pubsub_topic" "dead_letter" {
  for_each = local.topics
  project  = var.project
  name     = each.value.dead_letter_topic
  labels   = var.labels
}

resource "google_pubsub_subscription" "dead_letter_retained" {
  for_each                   = local.topics
  project                    = var.project
  name                       = each.value.dead_letter_subscription
  topic                      = google_pubsub_topic.dead_letter[each.key].id
  labels                     = var.labels
  ack_deadline_seconds       = 60
  message_retention_duration = var.dead_letter_retention
  # Replaying acknowledges a message; keeping acknowledged ones allows a second look with seek.
  retain_acked_messages = true

  # Never delete the subscription for inactivity: dead letters are rare, so it is idle most of the time.
  expiration_policy {
    ttl = ""
  }
}

# Pub/Sub forwards a message that exhausted its delivery attempts as its own service agent.
resource "google_pubsub_topic_iam_member" "dead_letter_publisher" {
  for_each = local.topics
  project  = var.project
  topic    = google_pubsub_topic.dead_letter[each.key].id
  role     = "roles/pubsub.publisher"
  member   = "serviceAccount:${var.pubsub_service_agent}"
}
