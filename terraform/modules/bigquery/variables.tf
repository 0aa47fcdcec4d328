variable "project" {
  description = "Project id; also replaces the $${project} placeholder in view SQL."
  type        = string
}

variable "location" {
  description = "BigQuery location of the datasets."
  type        = string
}

variable "datasets" {
  description = "Datasets from generated/tables.json."
  type = list(object({
    id          = string
    description = string
  }))
}

variable "staging" {
  description = "The staging dataset from generated/tables.json, with the default expiration of its tables."
  type = object({
    id                          = string
    description                 = string
    default_table_expiration_ms = number
  })

  validation {
    condition     = var.staging.default_table_expiration_ms >= 3600000
    error_message = "BigQuery's smallest default table expiration is one hour (3600000 ms)."
  }
}

variable "tables" {
  description = "Tables from generated/tables.json: schema as bigquerySchema renders it, DAY partitioning, clustering."
  type = list(object({
    id          = string
    dataset     = string
    name        = string
    description = string
    schema = list(object({
      name        = string
      type        = string
      mode        = string
      description = string
    }))
    time_partitioning = object({
      type  = string
      field = string
    })
    clustering = list(string)
  }))
}

variable "views" {
  description = "Views from generated/tables.json: BigQuery SQL with a $${project} placeholder, and their creation level."
  type = list(object({
    id          = string
    dataset     = string
    name        = string
    description = string
    depends_on  = list(string)
    level       = number
    query       = string
  }))

  validation {
    condition     = alltrue([for v in var.views : v.level >= 0 && v.level <= 2])
    error_message = "This module creates views of levels 0-2; add a view_level_<n> resource for deeper ones."
  }
}

variable "labels" {
  description = "Labels of the datasets and tables."
  type        = map(string)
  default     = {}
}
