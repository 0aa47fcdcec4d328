import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { TABLES, VIEWS } from '@shared/warehouse/schema';
import type { TableDef } from '@shared/warehouse/schema/define';

const repo = join(__dirname, '..', '..');

/** The warehouse objects a function's code can touch, found by reading the files its bundle would contain. */
export interface CodeAccess {
  /** Tables it appends to, upserts into, or changes with DML (DELETE, UPDATE, INSERT, MERGE). */
  writes: Set<string>;
  /** Tables and views its queries name, with the objects those views read. */
  reads: Set<string>;
  /** Lines the reader could not attribute to a table, so the test can fail rather than miss a write. */
  unresolved: string[];
  files: string[];
}

/**
 * Reads the source files reachable by import from `functions/<name>/index.ts` (what esbuild bundles) and collects:
 * - `warehouse.append(X` / `warehouse.upsert(X` where X is a table definition imported from the schema;
 * - `warehouse.upsert(stream.table` or `writeSourceRows(context, stream.table` (the sync runner): the tables named
 *   as `table: X` in the stream definitions; `writeSourceRows(context, X` as an upsert of X;
 * - DML on `${d.table('dataset.name')}` or `${d.table(X.id)}`, X a table definition or a variable holding one (then
 *   every table definition the file names counts as written);
 * - every other `d.table(...)` reference, as a read.
 * It is a reader of this codebase's idioms, not a TypeScript analyser: a write it cannot attribute is reported.
 */
export function codeAccess(functionName: string): CodeAccess {
  const tableIdByExport = schemaExports();
  const files = importClosure(join(repo, 'functions', functionName, 'index.ts'));
  const writes = new Set<string>();
  const reads = new Set<string>();
  const unresolved: string[] = [];
  const resolveRef = (ref: string, where: string): string | undefined => {
    const literal = /^['"`]([\w]+\.[\w]+)['"`]$/.exec(ref)?.[1];
    if (literal) return literal;
    const ident = /^(\w+)(?:\.id)?$/.exec(ref)?.[1];
    if (ident && tableIdByExport.has(ident)) return tableIdByExport.get(ident);
    unresolved.push(`${where}: ${ref}`);
    return undefined;
  };
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const where = relative(repo, file);
    // writeSourceRows(context, X, rows) upserts X (and the rollups, whose DML is read below); its own generic upsert
    // of the table it is given is attributed to its callers.
    const generic = /export async function writeSourceRows\b/.test(text);
    const writeCalls = [...text.matchAll(/\bwriteSourceRows\(\s*\w+,\s*([\w.]+)/g)];
    for (const m of [...text.matchAll(/warehouse\.(?:append|upsert)\(\s*([\w.]+)/g), ...writeCalls]) {
      if (generic && m[1] === 'table') continue;
      if (m[1] === 'stream.table') {
        for (const f of files) for (const t of readFileSync(f, 'utf8').matchAll(/\btable:\s*(\w+)/g)) if (tableIdByExport.has(t[1])) writes.add(tableIdByExport.get(t[1])!);
        continue;
      }
      const id = resolveRef(m[1], where);
      if (id) writes.add(id);
    }
    for (const m of text.matchAll(/\b(DELETE\s+FROM|UPDATE|INSERT\s+INTO|MERGE(?:\s+INTO)?)\s+\$\{\s*d\.table\(([^)]*)\)\s*\}/g)) {
      const ref = m[2].trim();
      const chosen = /^(\w+)\.id$/.exec(ref)?.[1];
      // A table chosen at run time (a loop over definitions): every table definition the file names may be written.
      const named = chosen && !tableIdByExport.has(chosen) ? [...tableIdByExport].filter(([name]) => new RegExp(`\\b${name}\\b`).test(text)) : [];
      if (named.length > 0) for (const [, id] of named) writes.add(id);
      else {
        const id = resolveRef(ref, where);
        if (id) writes.add(id);
      }
    }
    // A view's definition is not a query: its tables count as read where a query reads the view (viewDependencies).
    if (where.startsWith(join('shared', 'warehouse', 'schema'))) continue;
    for (const m of text.matchAll(/\bd\.table\(([^)]*)\)/g)) {
      const ref = m[1].trim();
      const id = /^['"`][\w]+\.[\w]+['"`]$/.test(ref) || tableIdByExport.has(ref.replace(/\.id$/, '')) ? resolveRef(ref, where) : undefined;
      if (id) reads.add(id);
    }
  }
  for (const id of [...reads]) for (const dep of viewDependencies(id)) reads.add(dep);
  return { writes, reads, unresolved, files: files.map((f) => relative(repo, f)) };
}

/** Exported table and view definitions by their export name (`membershipEvents` → `commerce.membership_events`). */
function schemaExports(): Map<string, string> {
  const byName = new Map<string, string>();
  const schemaDir = join(repo, 'shared', 'warehouse', 'schema');
  const ids = new Set<string>([...TABLES, ...VIEWS].map((t) => t.id));
  for (const file of readdirSync(schemaDir).filter((f) => f.endsWith('.ts'))) {
    const module = require(join(schemaDir, file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      const id = (value as TableDef | undefined)?.id;
      if (typeof id === 'string' && ids.has(id)) byName.set(name, id);
    }
  }
  return byName;
}

/** A view's tables and views, transitively. */
function viewDependencies(id: string, seen = new Set<string>()): string[] {
  const view = VIEWS.find((v) => v.id === id);
  if (!view) return [];
  for (const dep of view.dependsOn) {
    if (seen.has(dep)) continue;
    seen.add(dep);
    viewDependencies(dep, seen);
  }
  return [...seen];
}

/** The repository's .ts files reachable from `entry` through value imports (type-only imports bundle nothing). */
function importClosure(entry: string): string[] {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    const specifiers = [
      ...[...text.matchAll(/^\s*import\s+(?!type\s)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]),
      ...[...text.matchAll(/^\s*export\s+(?!type\s)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]),
      ...[...text.matchAll(/\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]),
    ];
    for (const specifier of specifiers) {
      const target = resolveModule(file, specifier);
      if (target && !seen.has(target)) queue.push(target);
    }
  }
  return [...seen].sort();
}

function resolveModule(from: string, specifier: string): string | undefined {
  let base: string;
  if (specifier.startsWith('@shared/')) base = join(repo, 'shared', specifier.slice('@shared/'.length));
  else if (specifier.startsWith('.')) base = resolve(dirname(from), specifier);
  else return undefined;
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}
