variable "project" {
  description = "Project id."
  type        = string
}

variable "secret_ids" {
  description = "Secret ids from generated/secrets.json."
  type        = list(string)
}

variable "labels" {
  description = "Labels of the secrets."
  type        = map(string)
  default     = {}
}
