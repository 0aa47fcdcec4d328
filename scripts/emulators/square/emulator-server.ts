/**
 * The HTTP front of the emulator. A Square API request passes, in order: bearer token (401), rate ceiling
 * (429 + Retry-After), injected faults (500/503), then its handler. /emulator/* is the unauthenticated admin
 * API for tests and the local stack, and is not counted in the Square request statistics.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { EmulatorClock } from './emulator-clock';
import { iso } from './emulator-clock';
import type { FaultInjector } from './fault-injector';
import { listPayments } from './list-payments';
import { listRefunds } from './list-refunds';
import type { RateLimiter } from './rate-limiter';
import { retrieveObject } from './retrieve-object';
import { searchCatalog } from './search-catalog';
import { searchCustomers } from './search-customers';
import { parseMutationRequest, type MutationRequest, type MutationSummary } from './shop-mutations';
import { SquareApiError, badRequest, notFound, rateLimited, unauthorized } from './square-errors';
import type { SquareStore } from './square-store';

/** Counters of Square API traffic. */
export interface EmulatorStats {
  /** Every /v2 request received, answered or refused. */
  requests: number;
  rateLimited: number;
  serverErrors: number;
  unauthorized: number;
  /** Requests by "METHOD /v2/route", e.g. "GET /v2/payments". */
  byPath: Record<string, number>;
}

/** What the server needs from the emulator. */
export interface ServerContext {
  store: SquareStore;
  clock: EmulatorClock;
  accessToken: string;
  stats: EmulatorStats;
  limiter: RateLimiter;
  faults: FaultInjector;
  mutate: (req: MutationRequest) => MutationSummary;
}

const MAX_BODY_BYTES = 1 << 20;

type Handler = (ctx: ServerContext, url: URL, body: Record<string, unknown>) => Record<string, unknown>;

/** Square routes by "METHOD path". */
const ROUTES: Record<string, Handler> = {
  'GET /v2/locations': (ctx) => ({ locations: ctx.store.locations }),
  'GET /v2/payments': (ctx, url) => listPayments(ctx.store, url.searchParams, ctx.clock),
  'GET /v2/refunds': (ctx, url) => listRefunds(ctx.store, url.searchParams, ctx.clock),
  'POST /v2/catalog/search': (ctx, _url, body) => searchCatalog(ctx.store, body),
  'POST /v2/customers/search': (ctx, _url, body) => searchCustomers(ctx.store, body),
};
const BY_ID = /^\/v2\/(payments|refunds|customers|catalog\/object)\/[^/]+$/;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new SquareApiError(413, 'INVALID_REQUEST_ERROR', 'REQUEST_ENTITY_TOO_LARGE', 'The request body is too large.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest('BAD_REQUEST', 'The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw badRequest('EXPECTED_JSON_BODY', 'The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

/** The route name a request is counted under. */
function routeName(method: string, path: string): string {
  if (!ROUTES[`${method} ${path}`] && BY_ID.test(path)) return `${method} ${path.replace(/\/[^/]+$/, '/{id}')}`;
  return `${method} ${path}`;
}

async function handleSquare(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? 'GET';
  const name = routeName(method, url.pathname);
  ctx.stats.requests++;
  ctx.stats.byPath[name] = (ctx.stats.byPath[name] ?? 0) + 1;
  if (req.headers.authorization !== `Bearer ${ctx.accessToken}`) {
    ctx.stats.unauthorized++;
    throw unauthorized();
  }
  const wait = ctx.limiter.take();
  if (wait > 0) {
    ctx.stats.rateLimited++;
    throw rateLimited(wait);
  }
  const fault = ctx.faults.next();
  if (fault) {
    ctx.stats.serverErrors++;
    throw fault;
  }
  const body = method === 'POST' || method === 'PUT' ? await readJson(req) : {};
  const handler = ROUTES[name];
  if (handler) return send(res, 200, handler(ctx, url, body));
  if (method === 'GET') {
    const found = retrieveObject(ctx.store, url.pathname);
    if (found) return send(res, 200, found);
  }
  const knownPath = Object.keys(ROUTES).some((r) => r.endsWith(` ${url.pathname}`)) || BY_ID.test(url.pathname);
  if (knownPath) throw new SquareApiError(405, 'INVALID_REQUEST_ERROR', 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${url.pathname}.`);
  throw notFound(`Unknown endpoint ${method} ${url.pathname}.`);
}

async function handleAdmin(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const route = `${req.method} ${url.pathname}`;
  if (route === 'GET /emulator/stats') {
    return send(res, 200, {
      ...ctx.stats, faults: ctx.faults.settings, maxRequestsPerSecond: ctx.limiter.ceiling, now: iso(ctx.clock.current()),
    });
  }
  if (route === 'POST /emulator/mutate') return send(res, 200, ctx.mutate(parseMutationRequest(await readJson(req))));
  if (route === 'POST /emulator/faults') {
    const body = await readJson(req);
    const rate = body.serverErrorRate ?? 0;
    if (typeof rate !== 'number' || rate < 0 || rate > 1) throw badRequest('INVALID_VALUE', 'serverErrorRate must be a number from 0 to 1.', 'serverErrorRate');
    ctx.faults.set({ serverErrorRate: rate });
    return send(res, 200, { faults: ctx.faults.settings });
  }
  if (route === 'POST /emulator/rate-limit') {
    const body = await readJson(req);
    const rps = body.maxRequestsPerSecond ?? null;
    if (rps !== null && (typeof rps !== 'number' || !(rps > 0))) {
      throw badRequest('INVALID_VALUE', 'maxRequestsPerSecond must be a positive number or null.', 'maxRequestsPerSecond');
    }
    ctx.limiter.reset(rps as number | null);
    return send(res, 200, { maxRequestsPerSecond: ctx.limiter.ceiling });
  }
  throw notFound(`Unknown emulator endpoint ${route}.`);
}

/** Creates (but does not start) the emulator's HTTP server. */
export function createEmulatorServer(ctx: ServerContext): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const work = url.pathname.startsWith('/emulator/') ? handleAdmin(ctx, req, res, url) : handleSquare(ctx, req, res, url);
    work.catch((err: unknown) => {
      if (err instanceof SquareApiError) return send(res, err.status, err.body(), err.headers);
      // A bug in the emulator must look like a Square outage, not hang the client.
      process.stderr.write(`square emulator: ${err instanceof Error ? err.stack : String(err)}\n`);
      send(res, 500, new SquareApiError(500, 'API_ERROR', 'INTERNAL_SERVER_ERROR', 'Emulator failure.').body());
    });
  });
}
