import type { TerraformSources } from './sources';

/** The secrets document: ids only; values never pass through Terraform. */
export function secretsDocument(sources: TerraformSources) {
  return { secrets: [...new Set(sources.secrets)].sort() };
}
