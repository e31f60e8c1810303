# The Google Cloud the platform runs on: GKE Autopilot, Cloud SQL for PostgreSQL, Memorystore for Redis, Artifact
# Registry, Secret Manager, a Google service account per service (Workload Identity) and GitHub Actions' way in
# (Workload Identity Federation). Applied once by hand (README "Deploying to Kubernetes (GKE)"); releases need none of it.
terraform {
  required_version = ">= 1.6"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.0"
    }
  }
}

provider "google" {
  project = var.project_id
  region  = var.region
}
