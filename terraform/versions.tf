terraform {
  required_version = ">= 1.6.0"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 7.0"
    }
    google-beta = {
      source  = "hashicorp/google-beta"
      version = "~> 7.0"
    }
    archive = {
      source  = "hashicorp/archive"
      version = "~> 2.7"
    }
  }

  # State lives in a GCS bucket given at init time:
  #   terraform init -backend-config="bucket=<state bucket>" -backend-config="prefix=commerce"
  backend "gcs" {}
}

provider "google" {
  project = var.project
  region  = var.region
}

# Pinned alongside google so that a module needing a beta-only field can use it without a provider upgrade.
provider "google-beta" {
  project = var.project
  region  = var.region
}
