# The secrets deploy/k8s's ExternalSecrets read: one per process (a JSON object of its environment variables that hold
# connection strings, passwords and keys), the pub/sub's and Redis's certificate authority. Terraform makes the
# containers; the secret values are added with `gcloud secrets versions add`, never written here.
locals {
  secrets = concat([for service in var.services : "platform-${service}"], ["platform-dapr-pubsub", "platform-redis-ca"])
}

# Memorystore's certificate authority is no secret, and Terraform knows it: the Redis clients trust it (deploy/k8s: redis-ca).
resource "google_secret_manager_secret_version" "redis_ca" {
  secret      = google_secret_manager_secret.platform["platform-redis-ca"].id
  secret_data = jsonencode({ "ca.pem" = google_redis_instance.platform.server_ca_certs[0].cert })
}

resource "google_secret_manager_secret" "platform" {
  for_each  = toset(local.secrets)
  secret_id = each.key

  replication {
    auto {}
  }
}

# The External Secrets Operator reads them as its own Google service account.
resource "google_service_account" "external_secrets" {
  account_id   = "platform-external-secrets"
  display_name = "External Secrets Operator"
}

resource "google_service_account_iam_member" "external_secrets_workload_identity" {
  service_account_id = google_service_account.external_secrets.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "serviceAccount:${var.project_id}.svc.id.goog[external-secrets/external-secrets]"
}

resource "google_secret_manager_secret_iam_member" "external_secrets" {
  for_each  = google_secret_manager_secret.platform
  secret_id = each.value.id
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.external_secrets.member
}
