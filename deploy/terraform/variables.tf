variable "project_id" {
  description = "The Google Cloud project."
  type        = string
}

variable "region" {
  description = "Where the cluster, the database, Redis and the registry live."
  type        = string
  default     = "europe-west1"
}

variable "github_repository" {
  description = "owner/name of the GitHub repository whose workflow may publish and deploy."
  type        = string
}

variable "namespace" {
  description = "The Kubernetes namespace of the production overlay (deploy/k8s/overlays/prod)."
  type        = string
  default     = "platform"
}

variable "services" {
  description = "The platform's processes, as deploy/k8s names them: each runs as its own Google service account."
  type        = list(string)
  default     = ["identity", "projects", "collaboration", "analytics", "webhooks", "notifications", "files", "ai", "gateway", "web", "migrations"]
}

variable "databases" {
  description = "Each service's database (the migrations reach all of them)."
  type        = map(string)
  default = {
    identity      = "identitydb"
    projects      = "projectsdb"
    collaboration = "collabdb"
    analytics     = "analyticsdb"
    webhooks      = "webhooksdb"
    notifications = "notificationsdb"
    files         = "filesdb"
    ai            = "aidb"
  }
}
