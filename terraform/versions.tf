terraform {
  required_version = ">= 1.7.0" # import blocks with for_each

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 7.0"
    }
    # time_sleep: the alert policies wait for Monitoring to learn of new log-based metrics (modules/monitoring).
    time = {
      source  = "hashicorp/time"
      version = "~> 0.13"
    }
    archive = {
      source  = "hashicorp/archive"
      version = "~> 2.7"
    }
  }

  # The exact provider builds are pinned by .terraform.lock.hcl (committed; `terraform init -lockfile=readonly`).
  # State lives in a GCS bucket given at init time:
  #   terraform init -backend-config="bucket=<state bucket>" -backend-config="prefix=commerce"
  backend "gcs" {}
}

provider "google" {
  project = var.project
  region  = var.region
}
