import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { traceField } from '../log';
import { type Runtime, runtime as defaultRuntime } from '../runtime';
import { type Principal, assertOwner, bearerToken, verifyToken } from './auth';
import { HttpError, errorEnvelope } from './errors';
import { applyHeaders } from './headers';
import { type RateLimit, enforceRateLimit } from './rate-limit';
import { type FrameworkRequest, clientIp, parseJsonBody, readRawBody } from './request';
import { type Access, type LimitClass, type Route, limitClassOf } from './route';
import { RouteTable } from './route-table';
import { validate } from './validate';

export { type Access, type LimitClass, type Method, type Reply, type RequestContext, type Route, route } from './route';

export interface HttpHandlerOptions {
  /** The function's name, for logs. */
  name: string;
  routes: Array<Route<any, any>>;
  /** Defaults to the process runtime; tests pass their own. */
  runtime?: () => Runtime;
}

/** An HTTP function's request handler, carrying its routes so they can be listed without serving anything. */
export interface HttpFunction {
  (req: FrameworkRequest, res: ServerResponse): Promise<void>;
  readonly functionName: string;
  readonly routes: ReadonlyArray<Route<any, any>>;
}

/** The request handler of an HTTP function: routing, headers, limits, auth, validation and the envelope. */
export function createHttpHandler(options: HttpHandlerOptions): HttpFunction {
  const table = new RouteTable(options.routes);
  const getRuntime = options.runtime ?? defaultRuntime;

  async function handle(req: FrameworkRequest, res: ServerResponse): Promise<void> {
    const rt = getRuntime();
    const started = performance.now();
    const requestId = randomUUID();
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
      // Limits come before anything else can fail, so a request the router refuses still counts against its sender.
      const found = table.lookup(req.method ?? 'GET', req.originalUrl ?? req.url ?? '/');
      const ip = clientIp(req, rt.config.TRUST_PROXY_HOPS);
      const nowMs = rt.clock.now().getTime();
      await enforceRateLimit(rt.kv, classLimit(rt, 'match' in found ? limitClassOf(found.match.route) : 'api'), ip, nowMs);
      if ('error' in found) throw found.error;
      const { route, params } = found.match;
      routePath = route.path;
      if (route.rateLimit) await enforceRateLimit(rt.kv, route.rateLimit, ip, nowMs);

      const principal = await authenticate(rt, route.access, req.headers.authorization);
      if (route.owner && principal) assertOwner(principal, params[route.owner]);

      const rawBody = await readRawBody(req);
      const body = route.body ? validate(route.body, parseJsonBody(rawBody, req) ?? {}, 'body') : undefined;
      const queryInput = Object.fromEntries(found.query);
      const query = route.query ? validate(route.query, queryInput, 'query') : queryInput;

      const reply = await route.handle({
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
      if ('text' in reply) sendText(res, status, reply.text, { ...reply.headers, 'Content-Type': reply.contentType });
      else send(res, status, { success: true, ...reply.body, timestamp: new Date().toISOString() }, reply.headers);
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
  }

  return Object.assign(handle, { functionName: options.name, routes: Object.freeze([...options.routes]) });
}

function classLimit(rt: Runtime, limitClass: LimitClass): RateLimit {
  const perMinute = {
    api: rt.config.RATE_LIMIT_API_PER_MINUTE,
    webhooks: rt.config.RATE_LIMIT_WEBHOOKS_PER_MINUTE,
    admin: rt.config.RATE_LIMIT_ADMIN_PER_MINUTE,
    health: rt.config.RATE_LIMIT_HEALTH_PER_MINUTE,
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

/** Writes a JSON answer; a HEAD request gets the same status and headers without the body (Node drops it). */
function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string>): void {
  if (res.headersSent) return;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.statusCode = status;
  res.end(text);
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
