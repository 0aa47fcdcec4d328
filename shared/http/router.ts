import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { Logger } from '../log';
import { traceField } from '../log';
import { type Runtime, runtime as defaultRuntime } from '../runtime';
import { type Principal, assertOwner, bearerToken, verifyToken } from './auth';
import { HttpError, errorEnvelope } from './errors';
import { applyHeaders } from './headers';
import { type RateLimit, enforceRateLimit } from './rate-limit';
import { type FrameworkRequest, clientIp, parseJsonBody, readRawBody } from './request';
import { validate } from './validate';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
/** public: no token; customer: any signed-in caller; admin: admins only. */
export type Access = 'public' | 'customer' | 'admin';
/** The per-IP limit class a route counts against. */
export type LimitClass = 'api' | 'webhooks' | 'admin';

/** What a handler sees of a request. */
export interface RequestContext<B = unknown, Q = unknown> {
  runtime: Runtime;
  log: Logger;
  principal: Principal | null;
  params: Record<string, string>;
  query: Q;
  body: B;
  rawBody: Buffer;
  headers: FrameworkRequest['headers'];
  ip: string;
  userAgent: string;
  requestId: string;
  /** 403 unless the caller is this customer or an admin. */
  assertOwner(customerId: string): void;
}

/** A handler's answer: fields merged into `{ success: true, ..., timestamp }`. */
export interface Reply {
  status?: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface Route<B = unknown, Q = unknown> {
  method: Method;
  /** Path pattern with `:name` segments, e.g. `/api/memberships/:customerId`. */
  path: string;
  access: Access;
  /** A path parameter that must be the calling customer's own id (admins pass). */
  owner?: string;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  limitClass?: LimitClass;
  /** An extra limit for this route, counted per IP (e.g. expensive or abusable operations). */
  rateLimit?: RateLimit;
  handle(ctx: RequestContext<B, Q>): Promise<Reply>;
}

/** Declares a route with its body and query types inferred from the schemas. */
export function route<B = undefined, Q = Record<string, string>>(definition: Route<B, Q>): Route<B, Q> {
  return definition;
}

interface CompiledRoute {
  route: Route<unknown, unknown>;
  pattern: RegExp;
  names: string[];
}

function compile(r: Route<unknown, unknown>): CompiledRoute {
  const names: string[] = [];
  const source = r.path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { route: r, pattern: new RegExp(`^${source}/?$`), names };
}

export interface HttpHandlerOptions {
  /** The function's name, for logs. */
  name: string;
  routes: Array<Route<any, any>>;
  /** Defaults to the process runtime; tests pass their own. */
  runtime?: () => Runtime;
}

/** The request handler of an HTTP function: routing, headers, limits, auth, validation and the envelope. */
export function createHttpHandler(options: HttpHandlerOptions) {
  const compiled = options.routes.map((r) => compile(r as Route<unknown, unknown>));
  const getRuntime = options.runtime ?? defaultRuntime;

  return async function handle(req: FrameworkRequest, res: ServerResponse): Promise<void> {
    const rt = getRuntime();
    const started = performance.now();
    const requestId = randomUUID();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const log = rt.log.child({
      function: options.name,
      requestId,
      ...traceField(rt.config.GCP_PROJECT_ID, (req.headers['x-cloud-trace-context'] ?? req.headers.traceparent) as string | undefined),
    });
    let routePath = 'unmatched';
    let status = 500;
    try {
      const originAllowed = applyHeaders(req, res, rt.config.CORS_ORIGINS);
      if (req.method === 'OPTIONS') {
        if (!originAllowed) throw new HttpError(403, 'CORS_ORIGIN_DENIED', 'Origin not allowed');
        status = 204;
        res.statusCode = 204;
        res.end();
        return;
      }
      const { compiledRoute, params } = match(compiled, req.method ?? 'GET', url.pathname);
      const r = compiledRoute.route;
      routePath = r.path;
      const ip = clientIp(req, rt.config.TRUST_PROXY_HOPS);
      const nowMs = rt.clock.now().getTime();
      const limitClass = r.limitClass ?? (r.access === 'admin' ? 'admin' : 'api');
      await enforceRateLimit(rt.kv, classLimit(rt, limitClass), ip, nowMs);
      if (r.rateLimit) await enforceRateLimit(rt.kv, r.rateLimit, ip, nowMs);

      const principal = await authenticate(rt, r.access, req.headers.authorization);
      if (r.owner && principal) assertOwner(principal, params[r.owner]);

      const rawBody = await readRawBody(req);
      const body = r.body ? validate(r.body, parseJsonBody(rawBody, req) ?? {}, 'body') : undefined;
      const query = r.query ? validate(r.query, Object.fromEntries(url.searchParams), 'query') : Object.fromEntries(url.searchParams);

      const reply = await r.handle({
        runtime: rt,
        log,
        principal,
        params,
        query,
        body,
        rawBody,
        headers: req.headers,
        ip,
        userAgent: String(req.headers['user-agent'] ?? ''),
        requestId,
        assertOwner: (customerId) => {
          if (principal) assertOwner(principal, customerId);
        },
      });
      status = reply.status ?? 200;
      send(res, status, { success: true, ...reply.body, timestamp: new Date().toISOString() }, reply.headers);
    } catch (error) {
      const envelope = errorEnvelope(error, rt.config.NODE_ENV === 'production');
      status = envelope.status;
      if (status >= 500) log.error('request failed', { route: routePath, error, cause: (error as Error)?.cause });
      send(res, status, envelope.body, envelope.headers);
    } finally {
      log.info('request', {
        httpRequest: { requestMethod: req.method, status, latency: `${((performance.now() - started) / 1000).toFixed(4)}s` },
        route: routePath,
      });
    }
  };
}

function match(compiled: CompiledRoute[], method: string, pathname: string) {
  let pathMatched = false;
  for (const c of compiled) {
    const m = c.pattern.exec(pathname);
    if (!m) continue;
    pathMatched = true;
    if (c.route.method !== method) continue;
    const params: Record<string, string> = {};
    c.names.forEach((name, i) => {
      params[name] = decodeURIComponent(m[i + 1]);
    });
    return { compiledRoute: c, params };
  }
  if (pathMatched) throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${pathname}`);
  throw new HttpError(404, 'NOT_FOUND', `No route for ${method} ${pathname}`);
}

function classLimit(rt: Runtime, limitClass: LimitClass): RateLimit {
  const perMinute = {
    api: rt.config.RATE_LIMIT_API_PER_MINUTE,
    webhooks: rt.config.RATE_LIMIT_WEBHOOKS_PER_MINUTE,
    admin: rt.config.RATE_LIMIT_ADMIN_PER_MINUTE,
  }[limitClass];
  return { name: limitClass, limit: perMinute, windowSeconds: 60 };
}

async function authenticate(rt: Runtime, access: Access, authorization: string | undefined): Promise<Principal | null> {
  if (access === 'public') return null;
  const token = bearerToken(authorization);
  const principal = await verifyToken(token, {
    secret: await rt.secrets.get('jwt-secret'),
    audience: rt.config.JWT_AUDIENCE,
    issuer: rt.config.JWT_ISSUER,
  });
  if (access === 'admin' && principal.role !== 'admin') throw new HttpError(403, 'FORBIDDEN', 'Admin role required');
  return principal;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
