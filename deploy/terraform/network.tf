resource "google_compute_network" "platform" {
  name                    = "platform"
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "platform" {
  name                     = "platform"
  network                  = google_compute_network.platform.id
  region                   = var.region
  ip_cidr_range            = "10.10.0.0/20"
  private_ip_google_access = true
}

# Cloud SQL and Memorystore are reached by private IP only, through private services access.
resource "google_compute_global_address" "private_services" {
  name          = "platform-private-services"
  purpose       = "VPC_PEERING"
  address_type  = "INTERNAL"
  prefix_length = 16
  network       = google_compute_network.platform.id
}

resource "google_service_networking_connection" "private_services" {
  network                 = google_compute_network.platform.id
  service                 = "servicenetworking.googleapis.com"
  reserved_peering_ranges = [google_compute_global_address.private_services.name]
}
