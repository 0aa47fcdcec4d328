#!/usr/bin/env bash
# Eventarc creates the Pub/Sub subscription of each event trigger itself, and Terraform cannot set its dead-letter or
# retry policy (see terraform/modules/pubsub/main.tf). Each line of the output dead_letter_attachments, written by
# terraform-apply.sh, is "<trigger> <dead-letter topic> <max delivery attempts> <min backoff> <max backoff>".
set -euo pipefail
agent="$(cat /workspace/pubsub-service-agent.txt)"
while read -r trigger dead_letter attempts min_backoff max_backoff; do
  [ -n "$trigger" ] || continue
  location="$(echo "$trigger" | cut -d/ -f4)"
  subscription="$(gcloud eventarc triggers describe "${trigger##*/}" --location="$location" --format='value(transport.pubsub.subscription)')"
  echo "Dead-lettering $subscription to $dead_letter after $attempts attempts"
  gcloud pubsub subscriptions update "$subscription" --dead-letter-topic="$dead_letter" --max-delivery-attempts="$attempts" --min-retry-delay="$min_backoff" --max-retry-delay="$max_backoff"
  gcloud pubsub subscriptions add-iam-policy-binding "$subscription" --member="serviceAccount:$agent" --role=roles/pubsub.subscriber
done < /workspace/dead-letter-attachments.txt
