#!/bin/sh
# Applies the saved plan terraform/commerce.tfplan (exactly what the plan step showed; Terraform refuses it if the
# state changed since), then writes the outputs the dead-letter step reads. Run from the repository root.
set -eu
cd terraform
terraform init -input=false -lockfile=readonly -backend-config="bucket=$_TF_STATE_BUCKET" -backend-config="prefix=commerce"
terraform apply -input=false -lock-timeout="${_LOCK_TIMEOUT:-10m}" commerce.tfplan
{ terraform output -raw dead_letter_attachments; echo; } > /workspace/dead-letter-attachments.txt
terraform output -raw pubsub_service_agent > /workspace/pubsub-service-agent.txt
