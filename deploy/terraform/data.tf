# PostgreSQL 15 with private IP only, point-in-time recovery, and IAM database authentication: each service signs in
# as its own Google service account through the Cloud SQL connector, with no password.
resource "google_sql_database_instance" "platform" {
  name                = "platform"
  database_version    = "POSTGRES_15"
  region              = var.region
  deletion_protection = true
  depends_on          = [google_service_networking_connection.private_services]

  settings {
    tier              = "db-custom-2-7680"
    availability_type = "REGIONAL"

    ip_configuration {
      ipv4_enabled    = false
      private_network = google_compute_network.platform.id
      ssl_mode        = "ENCRYPTED_ONLY"
    }

    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
      start_time                     = "02:00"
    }

    database_flags {
      name  = "cloudsql.iam_authentication"
      value = "on"
    }
  }
}

resource "google_sql_database" "service" {
  for_each = var.databases
  name     = each.value
  instance = google_sql_database_instance.platform.name
}

resource "google_sql_user" "service" {
  for_each = toset(concat(keys(var.databases), ["migrations"]))
  name     = trimsuffix(google_service_account.service[each.key].email, ".gserviceaccount.com")
  instance = google_sql_database_instance.platform.name
  type     = "CLOUD_IAM_SERVICE_ACCOUNT"
}

# Redis for the event bus, the caches and SignalR's backplane: highly available, with AUTH and TLS.
resource "google_redis_instance" "platform" {
  name                    = "platform"
  tier                    = "STANDARD_HA"
  memory_size_gb          = 2
  region                  = var.region
  redis_version           = "REDIS_7_2"
  authorized_network      = google_compute_network.platform.id
  connect_mode            = "PRIVATE_SERVICE_ACCESS"
  auth_enabled            = true
  transit_encryption_mode = "SERVER_AUTHENTICATION"
  depends_on              = [google_service_networking_connection.private_services]
}

resource "google_artifact_registry_repository" "platform" {
  repository_id = "platform"
  location      = var.region
  format        = "DOCKER"
}
