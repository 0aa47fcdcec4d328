import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/**
 * A function's public surface: the modules another function may import. Everything else in a function's folder is
 * its own business. Today that is `jobs.ts`, each capability's scheduled jobs, which the jobs function runs.
 */
const PUBLIC_MODULES = ['jobs'];

/** Module specifiers a source file imports, re-exports, requires or loads lazily. */
function specifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [/\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1]);
  return found;
}

/** Where a specifier leads, relative to the repository root (without extension), or undefined for a package. */
function target(file: string, specifier: string): string | undefined {
  if (specifier.startsWith('@shared/')) return path.posix.join('shared', specifier.slice('@shared/'.length));
  if (!specifier.startsWith('.')) return undefined;
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)).replace(/\.(ts|js)$/, '');
}

/**
 * The imports that cross a boundary: shared/ reaching into functions/, or a function reaching into another function's
 * modules other than its public ones. Files are repository-relative paths with their sources.
 */
export function boundaryViolations(files: Record<string, string>): string[] {
  const violations: string[] = [];
  for (const [file, source] of Object.entries(files)) {
    const [area, owner] = file.split('/');
    for (const specifier of specifiers(source)) {
      const to = target(file, specifier);
      if (!to?.startsWith('functions/')) continue;
      const [, other, ...rest] = to.split('/');
      if (area === 'shared') violations.push(`${file} imports ${to}: shared/ never imports a function`);
      else if (other !== owner && !(rest.length === 1 && PUBLIC_MODULES.includes(rest[0]))) {
        violations.push(`${file} imports ${to}: only ${PUBLIC_MODULES.map((m) => `functions/${other}/${m}.ts`).join(', ')} is public`);
      }
    }
  }
  return violations;
}

function sources(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    out[file] = readFileSync(path.join(root, file), 'utf8');
  }
  return out;
}

describe('boundaries between functions', () => {
  it('no function imports another function’s internals, and shared/ imports no function', () => {
    const files = { ...sources('functions'), ...sources('shared') };
    expect(Object.keys(files).length).toBeGreaterThan(100);
    expect(boundaryViolations(files)).toEqual([]);
  });

  it.each<[string, Record<string, string>, string[]]>([
    [
      'a function reaching into another’s module',
      { 'functions/jobs/billing.ts': "import { billMembership } from '../memberships/billing-step';" },
      ['functions/jobs/billing.ts imports functions/memberships/billing-step: only functions/memberships/jobs.ts is public'],
    ],
    [
      'a lazy require and a re-export',
      {
        'functions/ops/a.ts': "const m = require('../sync/sources');",
        'functions/ops/b.ts': "export { x } from '../dashboard/money';",
      },
      ['functions/ops/a.ts imports functions/sync/sources: only functions/sync/jobs.ts is public', 'functions/ops/b.ts imports functions/dashboard/money: only functions/dashboard/jobs.ts is public'],
    ],
    [
      'shared/ importing a function, even its public module',
      { 'shared/x/y.ts': "import type { membershipJobs } from '../../functions/memberships/jobs';" },
      ['shared/x/y.ts imports functions/memberships/jobs: shared/ never imports a function'],
    ],
    [
      'a public module, a function’s own modules, shared/ and packages',
      {
        'functions/jobs/registry.ts': "import { membershipJobs } from '../memberships/jobs';\nimport { z } from 'zod';",
        'functions/memberships/jobs.ts': "import { runMembershipBilling } from './billing-run';\nimport type { JobsOwnedBy } from '@shared/jobs';",
      },
      [],
    ],
  ])('tells %s', (_case, files, expected) => {
    expect(boundaryViolations(files)).toEqual(expected);
  });
});
