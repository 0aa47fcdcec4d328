import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const repo = join(__dirname, '..', '..');

type Value = string | number | string[] | null;

/** terraform/configuration.tf.json as generated. */
export function configurationDocument(): {
  variable: Record<string, { type: string; default?: Value; validation?: Array<{ condition: string }> }>;
  locals: { configuration_environment: Record<string, string> };
} {
  return JSON.parse(readFileSync(join(repo, 'terraform', 'configuration.tf.json'), 'utf8'));
}

/**
 * The environment a deployed function gets for the operator's Terraform variables, evaluated as Terraform would:
 * a required variable without a value fails the plan; the others fall back to their default; unset (null) and empty
 * values are dropped (main.tf's local.function_environment, whose expression terraform.test.ts pins); the function
 * module adds BUILD_VERSION. Only the expression forms the generator writes are understood; another one fails.
 */
export function deployedEnvironment(operator: Record<string, Value>, project = 'shop-prod'): Record<string, string> {
  const doc = configurationDocument();
  const vars: Record<string, Value> = { project };
  for (const [name, variable] of Object.entries(doc.variable)) {
    if (name in operator) vars[name] = operator[name];
    else if ('default' in variable) vars[name] = variable.default ?? null;
    else throw new Error(`No value for required variable "${name}"`);
  }
  const evaluate = (expression: string): Value => {
    if (!expression.includes('${')) return expression;
    const plain = /^\$\{var\.(\w+)\}$/.exec(expression);
    if (plain) return vars[plain[1]];
    const joined = /^\$\{join\(",", var\.(\w+)\)\}$/.exec(expression);
    if (joined) return (vars[joined[1]] as string[]).join(',');
    throw new Error(`deployedEnvironment cannot evaluate ${expression}`);
  };
  const env: Record<string, string> = {};
  for (const [name, expression] of Object.entries(doc.locals.configuration_environment)) {
    const value = evaluate(expression);
    if (value !== null && value !== '') env[name] = String(value);
  }
  return { ...env, BUILD_VERSION: '0123456789ab' };
}

/** Each required Terraform variable with a value, from the definitions' examples. */
export function requiredOperatorValues(examples: Record<string, string>): Record<string, Value> {
  const doc = configurationDocument();
  return Object.fromEntries(Object.keys(doc.variable).filter((name) => !('default' in doc.variable[name])).map((name) => [name, examples[name]]));
}
