# Where the files service keeps attachments (deploy/k8s: files-bucket), written and read as its own service account
# (Workload Identity: no key anywhere). Uniform access, no public objects: downloads go through the service's signed links.
resource "google_storage_bucket" "files" {
  name                        = "${var.project_id}-platform-files"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false

  versioning {
    enabled = false
  }

  # Parts of uploads that were never finished (the service deletes the others as it goes).
  lifecycle_rule {
    condition {
      age            = 7
      matches_prefix = ["uploads/"]
    }
    action {
      type = "Delete"
    }
  }
}

resource "google_storage_bucket_iam_member" "files" {
  bucket = google_storage_bucket.files.name
  role   = "roles/storage.objectUser"
  member = google_service_account.service["files"].member
}
