# What the GitHub repository's variables take (README "Deploying to Kubernetes (GKE)").
output "GCP_WORKLOAD_IDENTITY_PROVIDER" {
  value = google_iam_workload_identity_pool_provider.github.name
}

output "GCP_DEPLOY_SERVICE_ACCOUNT" {
  value = google_service_account.deploy.email
}

output "GKE_CLUSTER" {
  value = google_container_cluster.platform.name
}

output "registry" {
  value = "${var.region}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.platform.repository_id}"
}

output "cloud_sql_instance" {
  value = google_sql_database_instance.platform.connection_name
}

output "redis_host" {
  value = google_redis_instance.platform.host
}
