import fc from 'fast-check';
import type { Route } from '@shared/http/route';
import { startAuthorizeNetEmulator } from '../../../scripts/emulators/authorize-net';
import { startSquareEmulator } from '../../../scripts/emulators/square';
import { type LocalStack, startLocalStack } from '../../../scripts/local/server';
import { routeCatalog } from '../../../scripts/routes/catalog';
import { collectIds, fixedHostileRequests, hostileRequests } from '../../support/hostile-requests';
import { type RawAnswer, type RawRequest, rawRequest } from '../../support/raw-http';
import { type TestRuntime, createTestRuntime, tokenFor } from '../../support/runtime';

/**
 * Every route of every HTTP function, from the catalog (a function added to the manifest is fuzzed without touching
 * this file), against the whole local stack with valid tokens: malformed bodies, queries, ids, content types,
 * escapes and methods must each get an envelope with a code, never a 5xx and never an internal message.
 * FUZZ_RUNS (per route) and FUZZ_SEED reproduce or deepen a run; FUZZ_REPORT=1 prints how each route answered.
 */
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 30);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

const routes = routeCatalog().flatMap((f) => f.routes.map((route) => ({ fn: f.spec.name, route })));

/** What gives away internals: stack frames, source paths, error class names, SQL, library messages. */
const INTERNALS = /\bat [\w.<>]+ \(|node_modules|\/work\/|\.ts:\d+|TypeError|ReferenceError|RangeError|SyntaxError|Cannot read prop|is not a function|undefined is not|URI malformed|duckdb|\bSELECT\b|\bINSERT\b|ECONNREFUSED/i;

function problemWith(answer: RawAnswer, request: RawRequest, route: Route<any, any>): string | null {
  if (answer.status >= 500 || answer.status < 200) return `status ${answer.status}`;
  if (request.method === 'OPTIONS' && answer.status === 204) return answer.text === '' ? null : 'a body on a preflight';
  // A success in the Prometheus text format (/metrics), or of a route declared to answer text (the console's page and
  // assets), is not a JSON envelope.
  const declaredText = route.answers === 'text' && !answer.headers['content-type']?.startsWith('application/json');
  if (answer.status < 300 && (declaredText || answer.headers['content-type']?.startsWith('text/plain; version=0.0.4'))) {
    return request.method === 'HEAD' && answer.text !== '' ? 'a body on HEAD' : null;
  }
  if (!answer.headers['content-type']?.startsWith('application/json')) return `content type ${answer.headers['content-type']}`;
  if (request.method === 'HEAD') return answer.text === '' ? null : 'a body on HEAD';
  const body = answer.body;
  if (!body || typeof body !== 'object') return `not a JSON envelope: ${answer.text.slice(0, 200)}`;
  if (typeof body.timestamp !== 'string') return 'no timestamp';
  if (answer.status >= 400) {
    if (body.success !== false || typeof body.code !== 'string' || !/^[A-Z][A-Z0-9_]+$/.test(body.code)) return `not an error envelope: ${answer.text.slice(0, 200)}`;
    if (typeof body.error !== 'string' || body.error.length === 0) return 'no error message';
    if (INTERNALS.test(answer.text)) return `internal detail in ${answer.text.slice(0, 300)}`;
    if (answer.status === 405 && !answer.headers.allow) return '405 without Allow';
    if (answer.status === 429 && !answer.headers['retry-after']) return '429 without Retry-After';
  } else if (body.success !== true) {
    return `a ${answer.status} without success: true`;
  }
  return null;
}

function describeRequest(request: RawRequest): string {
  const target = Buffer.from(request.target).toString('latin1');
  const body = request.body === undefined ? '' : ` body ${JSON.stringify(String(request.body).slice(0, 200))}`;
  return `${request.method} ${target.slice(0, 200)}${target.length > 200 ? `… (${target.length} bytes)` : ''} ${JSON.stringify(request.headers)}${body}`;
}

describe('route fuzzing', () => {
  let stack: LocalStack;
  let rt: TestRuntime;
  let tokens: string[];
  const closers: Array<() => Promise<void>> = [];
  /** Ids the stack handed out during the run, drawn as path parameters so later requests reach existing records. */
  const knownIds: string[] = [];
  /** Per route, how many answers of each status and code: shows whether requests got past validation. */
  const answered = new Map<string, Map<string, number>>();

  beforeAll(async () => {
    const square = await startSquareEmulator({ payments: 300, items: 20, customers: 30, days: 30 });
    const gateway = await startAuthorizeNetEmulator();
    closers.push(() => square.close(), () => gateway.close());
    const providers = {
      SQUARE_BASE_URL: square.url,
      SQUARE_ACCESS_TOKEN: square.accessToken,
      AUTHORIZE_NET_BASE_URL: gateway.url,
      AUTHORIZE_NET_API_LOGIN_ID: 'emulator-login',
      AUTHORIZE_NET_TRANSACTION_KEY: 'emulator-transaction-key',
    };
    const unlimited = String(1e9);
    rt = createTestRuntime(
      {
        ...providers,
        NODE_ENV: 'development',
        RATE_LIMIT_API_PER_MINUTE: unlimited,
        RATE_LIMIT_ADMIN_PER_MINUTE: unlimited,
        RATE_LIMIT_WEBHOOKS_PER_MINUTE: unlimited,
        RATE_LIMIT_HEALTH_PER_MINUTE: unlimited,
      },
      undefined,
      providers,
    );
    stack = await startLocalStack(rt, 0, { scheduler: false });
    tokens = [await tokenFor(rt, 'admin-1', 'admin', '2h'), await tokenFor(rt, 'cust-1', 'customer', '2h')];
    // A verified customer with a membership, so that requests naming cust-1 reach the rules past "not found".
    const seeded = [
      await rawRequest(stack.url, {
        method: 'POST',
        target: '/api/age-verification/verify',
        headers: { Authorization: `Bearer ${tokens[1]}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ customerId: 'cust-1', fullName: 'Ada Lovelace', dateOfBirth: '1990-05-17', state: 'TX', idNumberLast4: '1234' }),
      }),
      await rawRequest(stack.url, {
        method: 'POST',
        target: '/api/memberships/subscribe',
        headers: { Authorization: `Bearer ${tokens[1]}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ customerId: 'cust-1', email: 'ada@example.com', tier: 'SILVER', paymentMethod: { token: 'tok_visa_test_seed' } }),
      }),
    ];
    expect(seeded.map((answer) => [answer.status, answer.body?.success])).toEqual([[200, true], [201, true]]);
  }, 60_000);

  afterAll(async () => {
    if (process.env.FUZZ_REPORT === '1') {
      for (const [name, counts] of answered) console.log(`${name}: ${[...counts].map(([k, n]) => `${k}×${n}`).join(' ')}`);
      console.log(`ids handed out and drawn last: ${knownIds.join(' ')}`);
    }
    await stack?.close();
    await Promise.all(closers.map((close) => close()));
  });

  /** Sends one request and fails with the request itself when the answer is wrong. */
  async function expectEnvelope(route: Route<any, any>, request: RawRequest): Promise<void> {
    // Time passes between requests, enough that a route's own tight limit (card payments, ID checks) never hides its
    // handler behind 429s; the per-class limits are lifted for the run.
    const limit = route.rateLimit;
    rt.clock.advance(limit ? Math.ceil((limit.windowSeconds * 1000) / limit.limit) + 1 : 1000);
    const answer = await rawRequest(stack.url, request);
    const name = `${route.method} ${route.path}`;
    const counts = answered.get(name) ?? new Map<string, number>();
    const key = `${answer.status}${answer.body?.code ? ` ${answer.body.code}` : ''}`;
    answered.set(name, counts.set(key, (counts.get(key) ?? 0) + 1));
    const problem = problemWith(answer, request, route);
    if (problem) throw new Error(`${problem}\n  for ${describeRequest(request)}`);
    if (answer.status < 300) collectIds(answer.body, knownIds);
  }

  test('covers every route the functions serve', () => {
    expect(routes.length).toBeGreaterThan(20);
  });

  describe.each(routes.map(({ fn, route }) => [`${route.method} ${route.path}`, fn, route] as const))('%s (%s)', (_name, _fn, route: Route<any, any>) => {
    test('malformed escapes, raw non-ASCII, a 20 kB path, HEAD, malformed JSON and a wrong content type', async () => {
      for (const request of fixedHostileRequests(route, tokens[0])) await expectEnvelope(route, request);
    });

    test(`${RUNS_PER_ROUTE} hostile requests`, async () => {
      await fc.assert(
        fc.asyncProperty(hostileRequests(route, tokens, knownIds), (request) => expectEnvelope(route, request)),
        { numRuns: RUNS_PER_ROUTE, seed: SEED, endOnFailure: true },
      );
    }, 120_000);
  });

  test('logged no ERROR', () => {
    const errors = rt.logs.filter((line) => line.severity === 'ERROR');
    expect(errors.map((line) => `${line.message} ${JSON.stringify(line).slice(0, 400)}`)).toEqual([]);
  });
});
