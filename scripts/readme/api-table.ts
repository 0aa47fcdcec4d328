import type { Route } from '@shared/http/route';
import { limitClassOf } from '@shared/http/route';
import type { FunctionRoutes } from '../routes/catalog';
import { inputFields } from '../routes/input-fields';

/** Who may call a route, in words. */
function who(r: Route<any, any>): string {
  if (r.access === 'public') return 'anyone';
  if (r.access === 'admin') return 'admin';
  return r.owner ? `the customer \`:${r.owner}\`, or admin` : 'signed in (customer or admin)';
}

function limit(r: Route<any, any>): string {
  const extra = r.rateLimit ? ` + ${r.rateLimit.limit} per ${r.rateLimit.windowSeconds} s` : '';
  return `${limitClassOf(r)}${extra}`;
}

function input(r: Route<any, any>): string {
  const parts: string[] = [];
  for (const part of ['query', 'body'] as const) {
    const fields = inputFields(r[part]);
    if (fields.length > 0) parts.push(`${part} ${fields.map((f) => `\`${f.name}${f.required ? '' : '?'}\``).join(', ')}`);
  }
  return parts.join('; ') || '—';
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The README's API table: one row per route of every HTTP function, ordered by path. */
export function apiTable(catalog: readonly FunctionRoutes[]): string {
  const rows = catalog
    .flatMap((f) => f.routes.map((r) => ({ r, fn: f.spec.name })))
    .sort((a, b) => a.r.path.localeCompare(b.r.path) || a.r.method.localeCompare(b.r.method))
    .map(({ r, fn }) => `| \`${r.method} ${r.path}\` | ${who(r)} | ${limit(r)} | ${input(r)} | ${cell(r.summary)} | ${fn} |`);
  return ['| route | who | limit | input (`?` optional) | what | function |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}
