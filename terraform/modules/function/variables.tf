variable "project" {
  description = "Project id."
  type        = string
}

variable "region" {
  description = "Region of the function and its event trigger."
  type        = string
}

variable "name" {
  description = "Function name: the folder under functions/, the registered name and the Cloud Run service name."
  type        = string
}

variable "description" {
  description = "What the function does."
  type        = string
}

variable "entry_point" {
  description = "Name the function registers with the functions framework."
  type        = string
}

variable "service_account_id" {
  description = "Account id of the function's own runtime service account."
  type        = string
}

variable "trigger_service_account_id" {
  description = "Account id of the identity Eventarc pushes events with; null for HTTP functions."
  type        = string
  default     = null
}

variable "trigger" {
  description = "How the function is invoked: kind http with public path prefixes, or kind topic with the topic name."
  type = object({
    kind  = string
    paths = list(string)
    topic = string
  })

  validation {
    condition     = contains(["http", "topic"], var.trigger.kind) && (var.trigger.kind == "http" || var.trigger.topic != null)
    error_message = "The trigger kind must be http, or topic with a topic name."
  }
}

variable "memory" {
  description = "Memory of one instance, e.g. 256Mi."
  type        = string
}

variable "timeout_seconds" {
  description = "Time limit of one invocation."
  type        = number
}

variable "max_instances" {
  description = "Upper bound on concurrent instances."
  type        = number
}

variable "min_instances" {
  description = "Instances kept warm, so that latency-critical requests never wait for a cold start."
  type        = number
  default     = 0
}

variable "concurrency" {
  description = "Requests one instance serves at once (Cloud Run needs at least 1 vCPU for more than 1)."
  type        = number
  default     = 1

  validation {
    condition     = var.concurrency >= 1 && var.concurrency <= 1000
    error_message = "Concurrency is 1-1000 requests per instance."
  }
}

variable "cpu" {
  description = "vCPUs per instance (\"1\", \"2\", ...); null leaves the default that goes with the memory."
  type        = string
  default     = null
}

variable "grants" {
  description = "The function's IAM bindings, derived from its declared access by the generator (least privilege)."
  type = object({
    project = list(string)
    datasets = list(object({
      dataset = string
      role    = string
    }))
    tables = list(object({
      table = string
      role  = string
    }))
    topics = list(object({
      topic = string
      role  = string
    }))
    secrets = list(object({
      secret = string
      role   = string
    }))
  })
}

variable "source_dir" {
  description = "Directory of the function's bundle (dist/<name>)."
  type        = string
}

variable "source_bucket" {
  description = "Bucket the zipped bundle is uploaded to."
  type        = string
}

variable "environment" {
  description = "Environment variables of every instance (BUILD_VERSION is added from the bundle's hash)."
  type        = map(string)
}

variable "dataset_ids" {
  description = "BigQuery dataset ids by dataset name."
  type        = map(string)
}

variable "table_names" {
  description = "BigQuery table names (table_id) by dataset.name."
  type        = map(string)
}

variable "topic_ids" {
  description = "Pub/Sub topic ids (projects/p/topics/t) by topic name."
  type        = map(string)
}

variable "secret_ids" {
  description = "Secret Manager secret ids by secret name."
  type        = map(string)
}

variable "pubsub_service_agent" {
  description = "Email of the project's Pub/Sub service agent, which mints the push tokens of event triggers."
  type        = string
}

variable "build_service_account" {
  description = "Service account Cloud Build builds the function with (projects/<project>/serviceAccounts/<email>)."
  type        = string
}

variable "labels" {
  description = "Labels of the function."
  type        = map(string)
  default     = {}
}
