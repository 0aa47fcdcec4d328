import { join } from 'node:path';
import { getFunction } from '@google-cloud/functions-framework/testing';
import type { HttpFunction } from '@shared/http/router';
import type { Route } from '@shared/http/route';
import { FUNCTIONS, type FunctionSpec } from '@shared/manifest';

const ROOT = join(__dirname, '..', '..');

/** An HTTP function of the manifest with the routes its registered handler serves. */
export interface FunctionRoutes {
  spec: FunctionSpec;
  /** The public path prefixes the load balancer (and the local server) send to it. */
  prefixes: string[];
  routes: ReadonlyArray<Route<any, any>>;
}

/** Loads every function of the manifest, registering it with the functions framework as its bundle would. */
export function loadFunctions(root = ROOT): void {
  for (const spec of FUNCTIONS) require(join(root, 'functions', spec.name, 'index.ts'));
}

/** The handler an HTTP function registered; it must come from createHttpHandler so that its routes are known. */
export function httpFunction(name: string): HttpFunction {
  const handler = getFunction(name) as HttpFunction | undefined;
  if (!handler) throw new Error(`Function ${name} did not register with the functions framework`);
  if (!Array.isArray(handler.routes)) throw new Error(`Function ${name} is not served by createHttpHandler: its routes cannot be listed`);
  if (handler.functionName !== name) throw new Error(`Function ${name} registers the handler of ${handler.functionName}: its logs would name another function`);
  return handler;
}

/**
 * Every route of every HTTP function, read from the handlers the functions register: what is listed is exactly what
 * is served. Loading the modules starts nothing (no server, no client, no connection).
 */
export function routeCatalog(): FunctionRoutes[] {
  loadFunctions();
  return FUNCTIONS.flatMap((spec) =>
    spec.trigger.kind === 'http' ? [{ spec, prefixes: spec.trigger.paths, routes: httpFunction(spec.name).routes }] : [],
  );
}

/** A request path a route answers, its parameters filled with a sample value. */
export function samplePath(pattern: string, value = 'sample-id'): string {
  return pattern.replace(/:[^/]+/g, value);
}

/**
 * What is wrong with where the routes sit: a route outside its function's manifest prefixes (or under a longer prefix
 * that another function serves), a prefix no route serves, a health path outside the health limit class.
 */
export function placementProblems(catalog: readonly FunctionRoutes[], servedBy: (path: string) => FunctionSpec | undefined): string[] {
  const problems: string[] = [];
  for (const { spec, prefixes, routes } of catalog) {
    if (routes.length === 0) problems.push(`${spec.name} serves no route`);
    const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);
    for (const r of routes) {
      const path = samplePath(r.path);
      const at = `${r.method} ${r.path} (${spec.name})`;
      if (!prefixes.some((prefix) => under(r.path, prefix))) problems.push(`${at} is under none of ${prefixes.join(', ')}`);
      else if (servedBy(path)?.name !== spec.name) problems.push(`${at} is reached by ${servedBy(path)?.name ?? 'no function'}`);
      const health = r.path === '/health' || r.path.startsWith('/health/');
      if (health !== (r.limitClass === 'health')) problems.push(`${at} ${health ? 'must' : 'must not'} count in the health limit class`);
    }
    for (const prefix of prefixes) {
      if (!routes.some((r) => under(r.path, prefix))) problems.push(`prefix ${prefix} of ${spec.name} has no route`);
    }
  }
  return problems;
}
