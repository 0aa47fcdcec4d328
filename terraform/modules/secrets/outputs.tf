output "secret_ids" {
  description = "Secret ids by secret name (depending on them orders IAM and functions after creation)."
  value       = { for name, s in google_secret_manager_secret.secret : name => s.secret_id }
}
