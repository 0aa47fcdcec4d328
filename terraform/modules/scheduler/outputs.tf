output "job_ids" {
  description = "Scheduler job ids by schedule name."
  value       = { for name, j in google_cloud_scheduler_job.job : name => j.id }
}
