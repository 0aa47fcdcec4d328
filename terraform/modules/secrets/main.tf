# The secrets exist here; their values never do. Operators add versions out of band, e.g.
#   printf '%s' "$VALUE" | gcloud secrets versions add jwt-secret --data-file=-
# and the functions that rotate a token (secretVersionAdder) add later versions themselves.
resource "google_secret_manager_secret" "secret" {
  for_each  = toset(var.secret_ids)
  project   = var.project
  secret_id = each.value
  labels    = var.labels

  replication {
    auto {}
  }
}
