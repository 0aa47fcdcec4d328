import { type Deployment, VARIABLES, type VariableDef, type VariableName, parseConfig } from '@shared/config';
import { z } from 'zod';

/** A variable the operator sets: its Terraform variable, its Cloud Build substitution and how Terraform types it. */
export interface OperatorSetting {
  env: VariableName;
  variable: string;
  substitution: string;
  type: 'string' | 'number' | 'list(string)';
  required: boolean;
  /** Terraform's default when not required: the deployment default, else the code's, else null. */
  default: string | number | string[] | null;
  enumValues: readonly string[] | null;
  example: string;
  description: string;
}

/** The Terraform variable of an operator setting: `LIGHTSPEED_ACCOUNT_ID` → `lightspeed_account_id`. */
export const terraformVariableName = (env: string): string => env.toLowerCase();
/** Its Cloud Build substitution: `LIGHTSPEED_ACCOUNT_ID` → `_LIGHTSPEED_ACCOUNT_ID`. */
export const substitutionName = (env: string): string => `_${env}`;

type Definitions = Record<string, VariableDef>;
const codeDefaults = parseConfig({}) as Record<string, unknown>;

/** The operator settings, in definition order. */
export function operatorSettings(definitions: Definitions = VARIABLES): OperatorSetting[] {
  return Object.entries(definitions).flatMap(([env, def]) => {
    const deploy = def.deploy;
    if (deploy.kind !== 'operator') return [];
    const inner = unwrap(def.schema);
    const type = inner instanceof z.ZodNumber ? 'number' : Array.isArray(codeDefaults[env]) ? 'list(string)' : 'string';
    const required = deploy.required === true;
    const codeDefault = codeDefaults[env];
    const fallback = deploy.default ?? (codeDefault === undefined ? null : (codeDefault as string | number | string[]));
    return [
      {
        env: env as VariableName,
        variable: terraformVariableName(env),
        substitution: substitutionName(env),
        type,
        required,
        default: required ? null : fallback,
        enumValues: inner instanceof z.ZodEnum ? (inner.options as string[]) : null,
        example: deploy.example,
        description: `${capitalize(def.meaning)} (${env}; Cloud Build substitution ${substitutionName(env)}).`,
      } satisfies OperatorSetting,
    ];
  });
}

/**
 * terraform/configuration.tf.json: one typed variable per operator setting, and the local `configuration_environment`
 * (every variable a deployment sets, as Terraform expressions) that becomes each function's environment.
 */
export function configurationDocument(definitions: Definitions = VARIABLES) {
  const settings = operatorSettings(definitions);
  const variable = Object.fromEntries(settings.map((s) => [s.variable, terraformVariable(s)]));
  const environment: Record<string, string> = {};
  for (const [env, def] of Object.entries(definitions)) {
    const value = environmentExpression(env, def.deploy);
    if (value !== null) environment[env] = value;
  }
  return { variable, locals: { configuration_environment: environment } };
}

/** The value Terraform gives a variable in every function, or null when the function module or nobody sets it. */
function environmentExpression(env: string, deploy: Deployment): string | null {
  switch (deploy.kind) {
    case 'fixed':
      return deploy.value;
    case 'derived':
      return `\${${deploy.expression}}`;
    case 'operator': {
      const name = terraformVariableName(env);
      return Array.isArray(codeDefaults[env]) ? `\${join(",", var.${name})}` : `\${var.${name}}`;
    }
    case 'per-function':
    case 'local':
      return null;
  }
}

function terraformVariable(s: OperatorSetting) {
  const conditions: Array<{ condition: string; error_message: string }> = [];
  const ref = `var.${s.variable}`;
  if (s.enumValues) {
    const allowed = `[${s.enumValues.map((v) => JSON.stringify(v)).join(', ')}]`;
    const check = `contains(${allowed}, ${ref})`;
    conditions.push({
      condition: `\${${s.required ? check : `${ref} == null || ${check}`}}`,
      error_message: `${s.variable} must be one of ${s.enumValues.join(', ')}.`,
    });
  } else if (s.required && s.type === 'string') {
    conditions.push({ condition: `\${length(trimspace(${ref})) > 0}`, error_message: `${s.variable} must not be empty.` });
  }
  return {
    description: s.description,
    type: s.type,
    ...(s.required ? {} : { default: s.default }),
    ...(s.type === 'list(string)' ? { nullable: false } : {}),
    ...(conditions.length > 0 ? { validation: conditions } : {}),
  };
}

/** The schema under .default(), .optional() and refinements: what the variable's values look like. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  while (current instanceof z.ZodDefault || current instanceof z.ZodOptional) current = current.unwrap() as z.ZodType;
  return current;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
