import { type LocalStack, startLocalStack } from '../../../scripts/local/server';
import { rawRequest } from '../../support/raw-http';
import { type TestRuntime, createTestRuntime, tokenFor } from '../../support/runtime';

/** Requests a hostile or careless client sends, answered by the whole local stack as `npm start` serves it. */
describe('requests the router must refuse cleanly', () => {
  let stack: LocalStack;
  let rt: TestRuntime;

  beforeAll(async () => {
    rt = createTestRuntime({ RATE_LIMIT_API_PER_MINUTE: '6', RATE_LIMIT_ADMIN_PER_MINUTE: '6' });
    stack = await startLocalStack(rt, 0, { scheduler: false });
  });
  afterAll(() => stack.close());
  beforeEach(() => rt.clock.advance(60_000));

  const errorLines = () => rt.logs.filter((l) => l.severity === 'ERROR');

  test.each([
    ['GET', '/api/memberships/%ZZ'],
    ['GET', '/api/age-verification/status/%ZZ'],
    ['DELETE', '/api/age-verification/%E0%A4%A'],
    ['POST', '/api/sync/%ZZ'],
  ])('%s %s → 400 MALFORMED_PATH before auth, counted by the rate limiter, no ERROR logged', async (method, target) => {
    const token = await tokenFor(rt, 'admin-1', 'admin');
    for (let i = 0; i < 6; i++) {
      const res = await rawRequest(stack.url, { method, target, headers: { Authorization: `Bearer ${token}` } });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ success: false, code: 'MALFORMED_PATH' });
    }
    const limited = await rawRequest(stack.url, { method, target });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(errorLines()).toEqual([]);
  });

  test('raw non-ASCII in a query string → 400 envelope, not an empty answer', async () => {
    const target = Buffer.concat([Buffer.from('/health?store='), Buffer.from('Zürich', 'utf8')]);
    const res = await rawRequest(stack.url, { method: 'GET', target });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ success: false, code: 'MALFORMED_REQUEST' });
  });

  test.each([
    ['a 20 kB path', 414, 'URI_TOO_LONG', `/api/memberships/${'a'.repeat(20_000)}`],
    ['a 100 kB path', 431, 'HEADERS_TOO_LARGE', `/api/memberships/${'a'.repeat(100_000)}`],
  ])('%s → %i %s envelope', async (_label, status, code, target) => {
    const res = await rawRequest(stack.url, { method: 'GET', target });
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ success: false, code });
  });

  test.each(['/health', '/health/age-verification'])('HEAD %s answers like GET, without a body (uptime checkers)', async (path) => {
    const res = await rawRequest(stack.url, { method: 'HEAD', target: path });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(res.headers['content-type']).toContain('application/json');
  });

  test.each([
    ['DELETE', '/health', 'GET, HEAD, OPTIONS'],
    ['PUT', '/api/memberships/subscribe', 'GET, HEAD, OPTIONS, POST'],
    ['POST', '/api/memberships/cust-1', 'GET, HEAD, OPTIONS'],
  ])('%s %s → 405 with Allow: %s', async (method, target, allow) => {
    const res = await rawRequest(stack.url, { method, target });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe(allow);
    expect(res.body).toMatchObject({ success: false, code: 'METHOD_NOT_ALLOWED', details: { allowed: allow.split(', ') } });
  });
});

describe('health has its own per-IP limit', () => {
  let stack: LocalStack;
  let rt: TestRuntime;

  beforeAll(async () => {
    rt = createTestRuntime({ RATE_LIMIT_HEALTH_PER_MINUTE: '20' });
    stack = await startLocalStack(rt, 0, { scheduler: false });
  });
  afterAll(() => stack.close());
  beforeEach(() => rt.clock.advance(60_000));

  test('after 150 API calls from one address the health checks still answer', async () => {
    const statuses = [];
    for (let i = 0; i < 150; i++) statuses.push((await rawRequest(stack.url, { method: 'GET', target: '/api/memberships/cust-1' })).status);
    expect(statuses.at(-1)).toBe(429);
    for (const target of ['/health', '/health/age-verification']) {
      const res = await rawRequest(stack.url, { method: 'GET', target });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('healthy');
    }
  });

  test('and that limit holds on its own, leaving the API untouched', async () => {
    for (let i = 0; i < 20; i++) expect((await rawRequest(stack.url, { method: 'HEAD', target: '/health' })).status).toBe(200);
    expect((await rawRequest(stack.url, { method: 'GET', target: '/health/age-verification' })).status).toBe(429);
    expect((await rawRequest(stack.url, { method: 'GET', target: '/api/memberships/cust-1' })).status).toBe(401);
  });
});
