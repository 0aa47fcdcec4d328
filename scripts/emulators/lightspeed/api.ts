/**
 * GET /API/V3/Account/{accountID}/{Sale|Item|Category}[.json] and the single-record and Account reads. Order of
 * checks, as on the real service: credentials, then the leaky bucket (forced 429s first), then the request itself.
 * Every answer carries the bucket headers.
 */
import { LightspeedApiError, apiErrorBody } from './errors';
import { encodeCursor } from './cursor';
import { formatDecimal } from './format';
import { authenticateApiRequest } from './auth';
import type { LeakyBucket, BucketDecision } from './leaky-bucket';
import type { OAuthServer } from './oauth';
import { findPage, orderKeyOf } from './paging';
import { parseListQuery, passesFilter, type ListQuery } from './query';
import type { Stamped } from './record-index';
import { categoryResource, itemResource, saleResource, type ResourceDef } from './resources';
import type { Json } from './serialize';
import type { LightspeedEmulatorStats } from './stats';
import type { LightspeedStore } from './store';
import type { SeededRandom } from './random';

/** Everything a request needs; owned by the emulator. */
export interface ApiContext {
  store: LightspeedStore;
  oauth: OAuthServer;
  bucket: LeakyBucket;
  stats: LightspeedEmulatorStats;
  apiKey: string;
  /** Origin the next/previous URLs point at, e.g. http://127.0.0.1:4123. */
  baseUrl: string;
  faults: { serverErrorRate: number };
  faultRandom: SeededRandom;
  /** Requests still to be refused with 429 regardless of the bucket. */
  forced429: { remaining: number };
}

/** A response to send. */
export interface ApiReply {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const PATH = /^\/API\/V3\/Account(?:\/(\d+))?(?:\/([A-Za-z]+))?(?:\/(\d+))?(?:\.json)?\/?$/;

/** Handles one request under /API. */
export function handleApiRequest(
  ctx: ApiContext,
  method: string,
  url: URL,
  authorization: string | undefined,
): ApiReply {
  ctx.stats.requests += 1;
  const reply = (status: number, body: unknown, decision: BucketDecision, cost: number): ApiReply => ({
    status,
    headers: bucketHeaders(decision, cost, ctx.store.accountId),
    body,
  });

  const auth = authenticateApiRequest(authorization, ctx.oauth, ctx.apiKey);
  if (!auth.ok) {
    ctx.stats.unauthorized += 1;
    return reply(401, auth.body, ctx.bucket.peek(), 0);
  }
  const match = PATH.exec(url.pathname);
  if (!match) {
    return reply(404, apiErrorBody(404, `Unknown endpoint ${url.pathname}.`, 'NotFoundException'), ctx.bucket.peek(), 0);
  }
  const [, accountId, resourceName, recordId] = match;
  if (accountId !== undefined && accountId !== ctx.store.accountId) {
    const body = apiErrorBody(403, 'Not Authorized: Insufficient rights to perform the request', 'InsufficientRightsException');
    return reply(403, body, ctx.bucket.peek(), 0);
  }
  if (method !== 'GET') {
    const body = apiErrorBody(405, `The emulator serves reads only; ${method} is not supported.`, 'MethodNotAllowedException');
    return reply(405, body, ctx.bucket.peek(), 0);
  }

  // Counting is priced like a write.
  const cost = url.searchParams.get('count') === '1' ? 10 : 1;
  if (ctx.forced429.remaining > 0) {
    ctx.forced429.remaining -= 1;
    return throttled(ctx, ctx.bucket.peek(), cost);
  }
  const decision = ctx.bucket.offer(cost);
  if (!decision.admitted) return throttled(ctx, decision, cost);
  if (ctx.faults.serverErrorRate > 0 && ctx.faultRandom.next() < ctx.faults.serverErrorRate) {
    ctx.stats.serverErrors += 1;
    const body = apiErrorBody(500, 'An internal error occurred (injected by the emulator).', 'Exception');
    return reply(500, body, decision, cost);
  }

  try {
    const body = route(ctx, url, accountId, resourceName, recordId);
    return reply(200, body, decision, cost);
  } catch (error) {
    if (error instanceof LightspeedApiError) {
      return reply(error.status, apiErrorBody(error.status, error.message, error.errorClass), decision, cost);
    }
    throw error;
  }
}

function throttled(ctx: ApiContext, decision: BucketDecision, cost: number): ApiReply {
  ctx.stats.throttled += 1;
  const retryAfter = Math.max(1, decision.retryAfterSeconds);
  return {
    status: 429,
    headers: {
      ...bucketHeaders(decision, cost, ctx.store.accountId),
      'X-LS-API-RateLimit-Type': 'api-leaky-bucket',
      'Retry-After': String(retryAfter),
    },
    body: apiErrorBody(429, `Rate Limit Exceeded: retry after ${retryAfter} seconds.`, 'RateLimitExceededException'),
  };
}

function bucketHeaders(decision: BucketDecision, cost: number, accountId: string): Record<string, string> {
  return {
    'X-LS-API-Bucket-Level': `${formatDecimal(decision.level)}/${formatDecimal(decision.size)}`,
    'X-LS-API-Drip-Rate': formatDecimal(decision.dripPerSecond),
    'X-LS-API-Request-Cost': String(cost),
    'X-LS-Acct-Id': accountId,
  };
}

function route(
  ctx: ApiContext,
  url: URL,
  accountId: string | undefined,
  resourceName: string | undefined,
  recordId: string | undefined,
): Json {
  if (resourceName === undefined) {
    const href = `/API/V3/Account/${ctx.store.accountId}`;
    const account = { accountID: ctx.store.accountId, name: 'Emulated Hemp Co.', link: { '@attributes': { href } } };
    return { '@attributes': { count: '1' }, Account: account };
  }
  if (accountId === undefined) throw new LightspeedApiError(404, 'Account ID is required.', 'NotFoundException');
  switch (resourceName) {
    case 'Sale':
      return serve(ctx, saleResource, url, recordId);
    case 'Item':
      return serve(ctx, itemResource, url, recordId);
    case 'Category':
      return serve(ctx, categoryResource, url, recordId);
    default:
      throw new LightspeedApiError(404, `The emulator does not serve ${resourceName}.`, 'NotFoundException');
  }
}

function serve<T extends Stamped>(ctx: ApiContext, def: ResourceDef<T>, url: URL, recordId: string | undefined): Json {
  ctx.stats.byResource[def.name] = (ctx.stats.byResource[def.name] ?? 0) + 1;
  const query = parseListQuery(url.searchParams, def);
  const index = def.index(ctx.store);
  if (recordId !== undefined) {
    const record = index.get(Number(recordId));
    if (!record) throw new LightspeedApiError(404, `${def.name} ${recordId} not found.`, 'NotFoundException');
    return { '@attributes': { count: '1' }, [def.name]: def.toJson(record, query.relations, ctx.store) };
  }
  const matches = matcher(def, query);
  if (query.count) {
    const total = index.all.reduce((n, record) => (matches(record) ? n + 1 : n), 0);
    return { '@attributes': { count: String(total) } };
  }
  const page = findPage({ ...query, index, matches });
  const link = (direction: 'after' | 'before', record: T | undefined): string => {
    if (!record) return '';
    const cursor = encodeCursor(orderKeyOf(index, record, query.byTime), query.byTime);
    return pageUrl(ctx.baseUrl, url, query, direction, cursor);
  };
  const body: { [key: string]: Json } = {
    '@attributes': {
      next: page.moreAfter ? link('after', page.records[page.records.length - 1]) : '',
      previous: page.moreBefore ? link('before', page.records[0]) : '',
    },
  };
  const rendered = page.records.map((record) => def.toJson(record, query.relations, ctx.store));
  // Lightspeed's quirks: one record is an object, none omits the key.
  if (rendered.length === 1) body[def.name] = rendered[0] as Json;
  else if (rendered.length > 1) body[def.name] = rendered;
  return body;
}

function matcher<T extends Stamped>(def: ResourceDef<T>, query: ListQuery<T>): (record: T) => boolean {
  const archivedOf = def.isArchived;
  return (record) => {
    if (archivedOf && query.archived !== 'true' && archivedOf(record) !== (query.archived === 'only')) return false;
    return query.filters.every((filter) => passesFilter(record, filter));
  };
}

/** The request's own URL with sort and limit made explicit and the cursor replaced, as Lightspeed builds next/previous. */
function pageUrl(
  baseUrl: string,
  url: URL,
  query: ListQuery<unknown>,
  direction: 'after' | 'before',
  cursor: string,
): string {
  const params = new URLSearchParams();
  if (!url.searchParams.has('sort')) params.set('sort', query.sortParam);
  for (const [key, value] of url.searchParams) {
    if (key !== 'after' && key !== 'before') params.append(key, value);
  }
  if (!url.searchParams.has('limit')) params.set('limit', String(query.limit));
  params.set(direction, cursor);
  return `${baseUrl}${url.pathname}?${params.toString()}`;
}
