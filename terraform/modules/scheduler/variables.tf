variable "project" {
  description = "Project id."
  type        = string
}

variable "region" {
  description = "Region of the Scheduler jobs."
  type        = string
}

variable "schedules" {
  description = "Schedules from generated/messaging.json; data is the exact JSON message the code defines."
  type = list(object({
    name        = string
    description = string
    cron        = string
    time_zone   = string
    topic       = string
    data        = string
  }))
}

variable "topic_ids" {
  description = "Topic ids by topic name."
  type        = map(string)
}
