# Autopilot: Workload Identity, Dataplane V2 (which enforces the NetworkPolicies) and Managed Service for Prometheus
# are on by default; the Gateway API serves the edge.
resource "google_container_cluster" "platform" {
  name                = "platform"
  location            = var.region
  enable_autopilot    = true
  network             = google_compute_network.platform.id
  subnetwork          = google_compute_subnetwork.platform.id
  deletion_protection = true

  release_channel {
    channel = "REGULAR"
  }

  gateway_api_config {
    channel = "CHANNEL_STANDARD"
  }

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = false
  }
}
