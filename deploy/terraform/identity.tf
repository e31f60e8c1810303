# A Google service account per process, bound to its Kubernetes ServiceAccount (deploy/k8s: iam.gke.io/gcp-service-account).
resource "google_service_account" "service" {
  for_each     = toset(var.services)
  account_id   = "platform-${each.key}"
  display_name = "Platform ${each.key}"
}

resource "google_service_account_iam_member" "workload_identity" {
  for_each           = toset(var.services)
  service_account_id = google_service_account.service[each.key].name
  role               = "roles/iam.workloadIdentityUser"
  member             = "serviceAccount:${var.project_id}.svc.id.goog[${var.namespace}/${each.key}]"
}

# The services with a database, and the migrations, connect to Cloud SQL and sign in as themselves.
resource "google_project_iam_member" "sql_client" {
  for_each = toset(concat(keys(var.databases), ["migrations"]))
  project  = var.project_id
  role     = "roles/cloudsql.client"
  member   = google_service_account.service[each.key].member
}

resource "google_project_iam_member" "sql_instance_user" {
  for_each = toset(concat(keys(var.databases), ["migrations"]))
  project  = var.project_id
  role     = "roles/cloudsql.instanceUser"
  member   = google_service_account.service[each.key].member
}

# Telemetry: traces and metrics from every process.
resource "google_project_iam_member" "telemetry" {
  for_each = { for pair in setproduct(var.services, ["roles/cloudtrace.agent", "roles/monitoring.metricWriter"]) : "${pair[0]}:${pair[1]}" => pair }
  project  = var.project_id
  role     = each.value[1]
  member   = google_service_account.service[each.value[0]].member
}
