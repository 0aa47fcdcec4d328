#!/usr/bin/env bash
# First run on a new Google Cloud project, before the first Cloud Build deploy. Idempotent: run it again after
# changing a mode (e.g. setting LIGHTSPEED_CLIENT_ID) to add the secrets the new mode reads.
#
#   PROJECT_ID=shop-prod REGION=us-central1 STATE_BUCKET=shop-prod-tfstate \
#   LIGHTSPEED_ACCOUNT_ID=123456 AUTHORIZE_NET_API_LOGIN_ID=... scripts/deploy/bootstrap-project.sh
#
# It enables the APIs Terraform and Cloud Build need before Terraform can run, creates the versioned state bucket,
# grants the Cloud Build service account the roles to apply terraform/, and gives every secret the deployed functions
# will read (for the modes the settings select) its first version: the product's own keys are generated, provider
# credentials are read from the environment variable of the same name (SQUARE_ACCESS_TOKEN, LIGHTSPEED_API_KEY, ...)
# or asked for without echo. Values never touch the disk or the command line.
set -euo pipefail
cd "$(dirname "$0")/../.."

: "${PROJECT_ID:?set PROJECT_ID}"
: "${STATE_BUCKET:?set STATE_BUCKET (a new, globally unique bucket name for the Terraform state)}"
REGION="${REGION:-us-central1}"
gcloud="gcloud --project=$PROJECT_ID --quiet"

echo "== APIs"
# Service Usage and Resource Manager first: Terraform's google_project_service and the IAM reads go through them.
$gcloud services enable serviceusage.googleapis.com cloudresourcemanager.googleapis.com
$gcloud services enable cloudbuild.googleapis.com storage.googleapis.com secretmanager.googleapis.com iam.googleapis.com

echo "== Terraform state bucket gs://$STATE_BUCKET"
if ! $gcloud storage buckets describe "gs://$STATE_BUCKET" >/dev/null 2>&1; then
  $gcloud storage buckets create "gs://$STATE_BUCKET" --location="$REGION" --uniform-bucket-level-access --public-access-prevention
fi
# Versioned, so a damaged state can be restored; held plans (cloudbuild.yaml _APPROVAL=required) live under plans/.
$gcloud storage buckets update "gs://$STATE_BUCKET" --versioning

echo "== Cloud Build's rights to apply terraform/"
number="$($gcloud projects describe "$PROJECT_ID" --format='value(projectNumber)')"
builder="${BUILD_SERVICE_ACCOUNT:-$number@cloudbuild.gserviceaccount.com}"
for role in roles/cloudfunctions.admin roles/run.admin roles/iam.serviceAccountAdmin roles/iam.serviceAccountUser \
  roles/resourcemanager.projectIamAdmin roles/bigquery.admin roles/pubsub.admin roles/cloudscheduler.admin \
  roles/secretmanager.admin roles/compute.loadBalancerAdmin roles/compute.securityAdmin roles/monitoring.admin \
  roles/logging.configWriter roles/storage.admin roles/serviceusage.serviceUsageAdmin roles/eventarc.admin; do
  $gcloud projects add-iam-policy-binding "$PROJECT_ID" --member="serviceAccount:$builder" --role="$role" --condition=None >/dev/null
done

echo "== Secrets for the modes these settings select"
# Created here so that the first apply starts functions whose secrets have values; terraform/main.tf imports exactly
# these (the secrets read in the modes the deployment runs) into modules/secrets, and creates the others empty.
while read -r name origin; do
  if ! $gcloud secrets describe "$name" >/dev/null 2>&1; then
    $gcloud secrets create "$name" --replication-policy=automatic
  fi
  if [ -n "$($gcloud secrets versions list "$name" --filter=state:ENABLED --limit=1 --format='value(name)')" ]; then
    echo "$name: has a value"
    continue
  fi
  variable="$(echo "$name" | tr 'a-z-' 'A-Z_')"
  if [ "$origin" = generated ]; then
    npx tsx scripts/deploy/secrets-to-set.ts --generate "$name" | $gcloud secrets versions add "$name" --data-file=-
  elif [ -n "${!variable:-}" ]; then
    printf '%s' "${!variable}" | $gcloud secrets versions add "$name" --data-file=-
  else
    read -r -s -p "$name ($variable): " value </dev/tty; echo
    printf '%s' "$value" | $gcloud secrets versions add "$name" --data-file=-
  fi
  echo "$name: first version added"
done < <(npx tsx scripts/deploy/secrets-to-set.ts)

cat <<NEXT

Bootstrap done. Create the Cloud Build trigger on this repository with cloudbuild.yaml and at least:
  _TF_STATE_BUCKET=$STATE_BUCKET _DOMAIN=<api host> _ALERT_EMAILS=["<address>"] _UPSTASH_REDIS_REST_URL=<url>
  _AUTHORIZE_NET_ENVIRONMENT=sandbox|production _AUTHORIZE_NET_API_LOGIN_ID=<login id>
and the optional settings you chose here (_LIGHTSPEED_ACCOUNT_ID, _LIGHTSPEED_CLIENT_ID, ...), then push.
NEXT
