# Sourced by the Terraform steps of cloudbuild.yaml (POSIX sh: the hashicorp/terraform image has no bash).
# Every non-empty Cloud Build substitution _NAME (automapSubstitutions makes each an environment variable) becomes
# TF_VAR_name, so a setting added to shared/config.ts reaches Terraform without touching this file. Terraform ignores
# TF_VAR_ variables it does not declare (_TF_STATE_BUCKET, _APPROVAL, _LOCK_TIMEOUT). An empty substitution leaves
# the variable to its default: Terraform's for the root module's own, the code's for the functions' settings.
for name in $(env | sed -n 's/^_\([A-Z][A-Z0-9_]*\)=.*/\1/p'); do
  value="$(printenv "_$name")"
  if [ -n "$value" ]; then
    export "TF_VAR_$(echo "$name" | tr 'A-Z' 'a-z')=$value"
  fi
done
export TF_VAR_project="$PROJECT_ID"
