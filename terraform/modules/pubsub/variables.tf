variable "project" {
  description = "Project id."
  type        = string
}

variable "topics" {
  description = "Topics from generated/messaging.json, each with its dead-letter topic and replay subscription."
  type = list(object({
    name                     = string
    dead_letter_topic        = string
    dead_letter_subscription = string
    subscribers              = list(string)
  }))
}

variable "pubsub_service_agent" {
  description = "Email of the project's Pub/Sub service agent, which forwards undeliverable messages."
  type        = string
}

variable "dead_letter_retention" {
  description = "How long a dead-lettered message stays in its replay subscription (at most 31 days)."
  type        = string
}

variable "labels" {
  description = "Labels of the topics and subscriptions."
  type        = map(string)
  default     = {}
}
