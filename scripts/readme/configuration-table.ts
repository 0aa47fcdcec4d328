import { type Deployment, VARIABLES, type VariableDef, parseConfig } from '@shared/config';
import { SECRETS, type SecretDef, type SecretName, secretEnvName } from '@shared/secrets/port';
import { operatorSettings, substitutionName, terraformVariableName } from '../terraform/environment-entries';

const codeDefaults = parseConfig({}) as Record<string, unknown>;

/** The README's configuration table: every variable and secret, its default, where a deployment sets it, its meaning. */
export function configurationTable(
  definitions: Record<string, VariableDef> = VARIABLES,
  secrets: Record<string, SecretDef> = SECRETS,
): string {
  const required = new Set(operatorSettings(definitions).filter((s) => s.required).map((s) => s.env as string));
  const rows = [
    ...Object.entries(definitions).map(([env, def]) => [
      `\`${env}\``,
      def.defaultText ?? defaultText(codeDefaults[env]),
      deployment(env, def.deploy, required.has(env)),
      def.meaning,
    ]),
    ...Object.entries(secrets).map(([name, def]) => [
      `\`${secretEnvName(name as SecretName)}\``,
      '—',
      `secret \`${name}\`${readWhen(def)}`,
      def.meaning,
    ]),
  ];
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return [
    '| variable | default | in a deployment | meaning |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n');
}

function defaultText(value: unknown): string {
  if (value === undefined) return '—';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : `\`${value.join(',')}\``;
  return `\`${String(value)}\``;
}

function deployment(env: string, deploy: Deployment, required: boolean): string {
  switch (deploy.kind) {
    case 'fixed':
      return `Terraform: \`${deploy.value}\``;
    case 'derived':
    case 'per-function':
      return `Terraform: ${deploy.source}`;
    case 'operator': {
      const where = `\`${terraformVariableName(env)}\` / \`${substitutionName(env)}\``;
      if (required) return `**required**: ${where}`;
      return deploy.default === undefined ? where : `${where} (deployed default \`${deploy.default}\`)`;
    }
    case 'local':
      return `local only: ${deploy.why}`;
  }
}

function readWhen(def: SecretDef): string {
  const set = def.readWhen?.set ?? [];
  const unset = def.readWhen?.unset ?? [];
  if (set.length + unset.length === 0) return '';
  const parts = [...set.map((v) => `\`${v}\` set`), ...unset.map((v) => `\`${v}\` unset`)];
  return `, read when ${parts.join(' and ')}`;
}
