import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from '@cdktf/hcl2json';

/** One block as @cdktf/hcl2json renders it: attributes, nested blocks as arrays, expressions as "${...}" strings. */
export type Block = Record<string, unknown>;

/** The .tf files of one directory (one Terraform module), merged. */
export interface TfModule {
  dir: string;
  variables: Record<string, Block>;
  outputs: Record<string, Block>;
  locals: Block;
  modules: Record<string, Block>;
  resources: Record<string, Record<string, Block>>;
  data: Record<string, Record<string, Block>>;
  terraform: Block[];
  /** `import` blocks (kept apart: their `to` names a resource inside a child module). */
  imports: Block[];
}

/**
 * Parses every .tf file under `root` with @cdktf/hcl2json, and every .tf.json file (Terraform's JSON syntax) into the
 * same shape, grouped by directory (relative to root, '' for root).
 */
export async function parseTerraform(root: string): Promise<Map<string, TfModule>> {
  const modules = new Map<string, TfModule>();
  for (const file of tfFiles(root)) {
    const dir = relative(root, join(file, '..'));
    const text = readFileSync(file, 'utf8');
    const json = file.endsWith('.tf.json') ? fromJsonSyntax(JSON.parse(text)) : ((await parse(file, text)) as Record<string, unknown>);
    const mod = modules.get(dir) ?? emptyModule(dir);
    modules.set(dir, mod);
    mergeNamed(mod.variables, json.variable);
    mergeNamed(mod.outputs, json.output);
    mergeNamed(mod.modules, json.module);
    for (const locals of (json.locals as Block[] | undefined) ?? []) Object.assign(mod.locals, locals);
    mergeTyped(mod.resources, json.resource);
    mergeTyped(mod.data, json.data);
    mod.terraform.push(...((json.terraform as Block[] | undefined) ?? []));
    mod.imports.push(...((json.import as Block[] | undefined) ?? []));
  }
  return modules;
}

function tfFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return tfFiles(path);
    return name.endsWith('.tf') || name.endsWith('.tf.json') ? [path] : [];
  });
}

/** Terraform's JSON syntax in hcl2json's shape: named blocks as one-element arrays, locals as a list, no comments. */
function fromJsonSyntax(doc: Record<string, unknown>): Record<string, unknown> {
  const named = (section: unknown) =>
    Object.fromEntries(Object.entries((section as Record<string, Block>) ?? {}).map(([name, block]) => [name, [block]]));
  return {
    variable: named(doc.variable),
    output: named(doc.output),
    module: named(doc.module),
    locals: doc.locals ? [doc.locals] : [],
    resource: Object.fromEntries(Object.entries((doc.resource as Record<string, unknown>) ?? {}).map(([type, s]) => [type, named(s)])),
    data: Object.fromEntries(Object.entries((doc.data as Record<string, unknown>) ?? {}).map(([type, s]) => [type, named(s)])),
    terraform: doc.terraform ? [doc.terraform] : [],
  };
}

function emptyModule(dir: string): TfModule {
  return { dir, variables: {}, outputs: {}, locals: {}, modules: {}, resources: {}, data: {}, terraform: [], imports: [] };
}

function mergeNamed(into: Record<string, Block>, section: unknown): void {
  for (const [name, blocks] of Object.entries((section as Record<string, Block[]>) ?? {})) into[name] = blocks[0];
}

function mergeTyped(into: Record<string, Record<string, Block>>, section: unknown): void {
  for (const [type, named] of Object.entries((section as Record<string, Record<string, Block[]>>) ?? {})) {
    into[type] ??= {};
    mergeNamed(into[type], named);
  }
}

/** The single nested block `name` of a block (hcl2json renders blocks as one-element arrays). */
export function nested(block: Block, name: string): Block {
  const value = block[name];
  if (!Array.isArray(value) || value.length !== 1) throw new Error(`expected exactly one ${name} block`);
  return value[0] as Block;
}

/** Every string anywhere inside a value. */
export function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** The expressions interpolated into a string ("${...}"), skipping literal "$${" escapes. */
export function interpolations(text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '$' || text[i + 1] !== '{') continue;
    if (text[i - 1] === '$') continue;
    let depth = 0;
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] === '{') depth++;
      else if (text[j] === '}' && --depth === 0) {
        found.push(text.slice(i + 2, j));
        i = j;
        break;
      }
    }
  }
  return found;
}

/** What the expressions of a module refer to: variables, locals, module outputs, resources and data sources. */
export function references(mod: TfModule) {
  const expressions = strings({ ...mod, dir: '', imports: [] }).flatMap(interpolations);
  const all = (pattern: RegExp) => expressions.flatMap((e) => [...e.matchAll(pattern)]);
  return {
    variables: new Set(all(/(?<![\w.])var\.([\w-]+)/g).map((m) => m[1])),
    locals: new Set(all(/(?<![\w.])local\.([\w-]+)/g).map((m) => m[1])),
    moduleOutputs: new Set(all(/(?<![\w.])module\.([\w-]+)(?:\[[^\]]+\])?\.([\w-]+)/g).map((m) => `${m[1]}.${m[2]}`)),
    resources: new Set(all(/(?<![\w.])((?:google|archive|time)_\w+)\.([\w-]+)/g).map((m) => `${m[1]}.${m[2]}`)),
    data: new Set(all(/(?<![\w.])data\.([\w-]+)\.([\w-]+)/g).map((m) => `${m[1]}.${m[2]}`)),
  };
}

/**
 * What `terraform validate` would reject that can be seen without provider schemas: a module call passing an
 * undeclared variable or missing a required one, and references to undeclared variables, locals, resources, data
 * sources or module outputs.
 */
export function wiringProblems(modules: Map<string, TfModule>): string[] {
  const problems: string[] = [];
  const target = (dir: string, source: unknown) => modules.get(join(dir, String(source)));
  const meta = new Set(['source', 'for_each', 'count', 'depends_on', 'providers']);
  for (const [dir, m] of modules) {
    const where = dir || '(root)';
    for (const [name, call] of Object.entries(m.modules)) {
      const called = target(dir, call.source);
      if (!called) {
        problems.push(`${where}: module ${name} has no source directory ${String(call.source)}`);
        continue;
      }
      const passed = Object.keys(call).filter((k) => !meta.has(k));
      for (const arg of passed) if (!(arg in called.variables)) problems.push(`${where}: module ${name} passes undeclared ${arg}`);
      for (const [variable, block] of Object.entries(called.variables)) {
        if (!('default' in block) && !passed.includes(variable)) problems.push(`${where}: module ${name} misses required ${variable}`);
      }
    }
    const refs = references(m);
    const declared = (section: Record<string, Record<string, Block>>) =>
      new Set(Object.entries(section).flatMap(([type, named]) => Object.keys(named).map((n) => `${type}.${n}`)));
    const resources = declared(m.resources);
    const data = declared(m.data);
    for (const v of refs.variables) if (!(v in m.variables)) problems.push(`${where}: var.${v} is not declared`);
    for (const l of refs.locals) if (!(l in m.locals)) problems.push(`${where}: local.${l} is not declared`);
    for (const r of refs.resources) if (!resources.has(r)) problems.push(`${where}: ${r} is not declared`);
    for (const d of refs.data) if (!data.has(d)) problems.push(`${where}: data.${d} is not declared`);
    for (const ref of refs.moduleOutputs) {
      const [call, output] = ref.split('.');
      const called = m.modules[call] && target(dir, m.modules[call].source);
      if (!called || !(output in called.outputs)) problems.push(`${where}: module.${call} has no output ${output}`);
    }
  }
  return problems.sort();
}
