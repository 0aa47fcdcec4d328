import { VARIABLES, type VariableDef } from '@shared/config';
import { operatorSettings } from '../terraform/environment-entries';

/**
 * The operator settings as cloudbuild.yaml substitutions, one line each: empty means Terraform's default (the
 * code's), and the plan step hands every non-empty `_NAME` to Terraform as TF_VAR_name.
 */
export function cloudbuildSubstitutions(definitions: Record<string, VariableDef> = VARIABLES): string {
  return operatorSettings(definitions)
    .map((s) => {
      const example = s.type === 'list(string)' ? JSON.stringify(s.example.split(',')) : s.example;
      const note = s.required ? `required, e.g. ${example}` : s.default === null ? `unset by default, e.g. ${example}` : `default ${JSON.stringify(s.default)}`;
      return `  ${s.substitution}: ''  # ${note}`;
    })
    .join('\n');
}
