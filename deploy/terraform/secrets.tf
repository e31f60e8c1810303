# The secrets deploy/k8s's ExternalSecrets read: one per process (a JSON object of its environment variables that hold
# connection strings, passwords and keys) and the pub/sub's. Terraform makes the containers; their values are added
# with `gcloud secrets versions add`, never written here.
locals {
  secrets = concat([for service in var.services : "platform-${service}"], ["platform-dapr-pubsub"])
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
