import { HttpError } from './errors';
import type { Method, Route } from './route';

/** Longer paths are refused with 414: no route comes near, and nothing that long is worth decoding and counting. */
export const MAX_PATH_LENGTH = 2048;

type Segment = { param: string } | { literal: string };

interface TableEntry {
  route: Route<any, any>;
  segments: Segment[];
}

/** A request matched to its route, with the decoded path parameters. */
export interface RouteMatch {
  route: Route<any, any>;
  params: Record<string, string>;
}

/** Either a match with the query, or why there is none (404, 405 with Allow, 400 malformed, 414 too long). */
export type Lookup = { match: RouteMatch; query: URLSearchParams } | { error: HttpError };

/** A function's routes, ordered so that a literal segment is preferred over a parameter at the same place. */
export class RouteTable {
  private readonly entries: TableEntry[];

  constructor(routes: ReadonlyArray<Route<any, any>>) {
    this.entries = routes
      .map((route) => ({ route, segments: splitPattern(route.path) }))
      .sort((a, b) => specificity(a.segments).localeCompare(specificity(b.segments)));
    const seen = new Map<string, string>();
    for (const { route, segments } of this.entries) {
      const shape = `${route.method} ${segments.map((s) => ('param' in s ? ':' : s.literal)).join('/')}`;
      const other = seen.get(shape);
      if (other) throw new Error(`Routes ${other} and ${route.method} ${route.path} answer the same requests`);
      seen.set(shape, `${route.method} ${route.path}`);
    }
  }

  /** The route for a method and request target (`/path?query` as it arrived); HEAD is answered by the GET route. */
  lookup(method: string, target: string): Lookup {
    const { path, query } = splitTarget(target);
    if (path.length > MAX_PATH_LENGTH) {
      return { error: new HttpError(414, 'URI_TOO_LONG', `The path exceeds ${MAX_PATH_LENGTH} characters`) };
    }
    const decoded = decodeSegments(path);
    if (!decoded) return { error: new HttpError(400, 'MALFORMED_PATH', 'The path has a malformed percent-escape') };
    const wanted = method === 'HEAD' ? 'GET' : method;
    const allowed = new Set<Method>();
    for (const entry of this.entries) {
      const params = matchSegments(entry.segments, decoded);
      if (!params) continue;
      if (entry.route.method === wanted) return { query, match: { route: entry.route, params } };
      allowed.add(entry.route.method);
    }
    if (allowed.size === 0) return { error: new HttpError(404, 'NOT_FOUND', `No route for ${method} ${path}`) };
    const allow = allowedMethods(allowed);
    return {
      error: new HttpError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}`, {
        headers: { Allow: allow.join(', ') },
        details: { allowed: allow },
      }),
    };
  }
}

/** The methods a path answers, as the Allow header lists them: HEAD wherever GET, and OPTIONS (CORS preflight). */
function allowedMethods(methods: Set<Method>): string[] {
  const all = new Set<string>(methods);
  if (all.has('GET')) all.add('HEAD');
  all.add('OPTIONS');
  return [...all].sort();
}

function splitPattern(path: string): Segment[] {
  return path
    .split('/')
    .slice(1)
    .map((s) => (s.startsWith(':') ? { param: s.slice(1) } : { literal: s }));
}

/** Sorts literals before parameters at the first place two patterns differ. */
function specificity(segments: Segment[]): string {
  return segments.map((s) => ('param' in s ? '1' : '0')).join('');
}

/**
 * The path and query of a request target. An absolute-form target (`http://host/path`, as proxies send) is reduced to
 * its path; the fragment, never sent by browsers, is dropped. Nothing here throws, whatever the client sent.
 */
export function splitTarget(target: string): { path: string; query: URLSearchParams } {
  const withoutOrigin = target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  const hash = withoutOrigin.indexOf('#');
  const beforeHash = hash < 0 ? withoutOrigin : withoutOrigin.slice(0, hash);
  const mark = beforeHash.indexOf('?');
  const path = (mark < 0 ? beforeHash : beforeHash.slice(0, mark)) || '/';
  return { path, query: new URLSearchParams(mark < 0 ? '' : beforeHash.slice(mark + 1)) };
}

/** The path's segments, each percent-decoded (an escaped `/` stays inside its segment); null when an escape is malformed. */
function decodeSegments(path: string): string[] | null {
  const raw = path.split('/').slice(1);
  if (raw.length > 1 && raw[raw.length - 1] === '') raw.pop();
  try {
    return raw.map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
}

function matchSegments(pattern: Segment[], actual: string[]): Record<string, string> | null {
  if (pattern.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const segment = pattern[i];
    if ('literal' in segment) {
      if (segment.literal !== actual[i]) return null;
    } else {
      if (actual[i] === '') return null;
      params[segment.param] = actual[i];
    }
  }
  return params;
}
