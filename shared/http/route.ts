import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod';
import type { Logger } from '../log';
import type { Runtime } from '../runtime';
import type { Principal } from './auth';
import type { RateLimit } from './rate-limit';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
/** public: no token; customer: any signed-in caller; admin: admins only. */
export type Access = 'public' | 'customer' | 'admin';
/**
 * The per-IP limit class a route counts against. Health has its own so that API traffic from a shop behind one NAT
 * never starves the load balancer's and uptime checker's probes.
 */
export type LimitClass = 'api' | 'webhooks' | 'admin' | 'health';

/** What a handler sees of a request. */
export interface RequestContext<B = unknown, Q = unknown> {
  runtime: Runtime;
  log: Logger;
  principal: Principal | null;
  params: Record<string, string>;
  query: Q;
  body: B;
  rawBody: Buffer;
  headers: IncomingHttpHeaders;
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

/**
 * An answer in a format other tools read (the Prometheus text at /metrics, the console's page and assets): `text` sent
 * as it is, its headers overriding the JSON defaults (Content-Security-Policy, Cache-Control).
 */
export interface TextReply {
  status?: number;
  text: string;
  contentType: string;
  headers?: Record<string, string>;
}

/** One route, declared as data: everything but `handle` is readable without serving a request (README, fuzz suite). */
export interface Route<B = unknown, Q = unknown> {
  method: Method;
  /** Path pattern with `:name` segments, e.g. `/api/memberships/:customerId`. */
  path: string;
  access: Access;
  /** One line for the README's API table: what the route answers. */
  summary: string;
  /** A path parameter that must be the calling customer's own id (admins pass). */
  owner?: string;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  /** Defaults to `admin` for admin routes and `api` for the others. */
  limitClass?: LimitClass;
  /** An extra limit for this route, counted per IP (e.g. expensive or abusable operations). */
  rateLimit?: RateLimit;
  /**
   * `text`: a success is a TextReply in its own content type (the console's page and assets) rather than the JSON
   * envelope; failures are still the envelope.
   */
  answers?: 'json' | 'text';
  handle(ctx: RequestContext<B, Q>): Promise<Reply | TextReply>;
}

/** Declares a route with its body and query types inferred from the schemas. */
export function route<B = undefined, Q = Record<string, string>>(definition: Route<B, Q>): Route<B, Q> {
  return definition;
}

/** The limit class a route counts against. */
export function limitClassOf(r: Pick<Route, 'access' | 'limitClass'>): LimitClass {
  return r.limitClass ?? (r.access === 'admin' ? 'admin' : 'api');
}
