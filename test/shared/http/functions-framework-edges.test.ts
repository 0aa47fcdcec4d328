import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { setRuntime } from '@shared/runtime';
import { type RawRequest, rawRequest } from '../../support/raw-http';
import { type TestRuntime, createTestRuntime, tokenFor } from '../../support/runtime';

/**
 * What a deployed HTTP function answers, served as Cloud Functions serves it: by the functions framework's own
 * Express app (getTestServer builds the same app as production), with NODE_ENV=production. The README's "Behind the
 * functions framework" paragraph is written from these answers.
 */
describe('an HTTP function behind the functions framework', () => {
  let rt: TestRuntime;
  let server: Server;
  let url: string;
  let token: string;

  beforeAll(async () => {
    rt = createTestRuntime();
    setRuntime(rt);
    require('../../../functions/ops/index.ts');
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production'; // Express reads it when the app is made, as it does on Cloud Functions.
    try {
      server = getTestServer('ops');
    } finally {
      process.env.NODE_ENV = env;
    }
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    token = await tokenFor(rt, 'ops-1', 'admin');
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    setRuntime(undefined);
    await rt.warehouse.close();
  });

  test.each<[string, RawRequest, number, string | undefined]>([
    ['HEAD /health', { method: 'HEAD', target: '/health' }, 200, undefined],
    ['DELETE /health', { method: 'DELETE', target: '/health' }, 405, 'METHOD_NOT_ALLOWED'],
    ['a 3 kB path', { method: 'GET', target: `/api/sync/${'a'.repeat(3000)}` }, 414, 'URI_TOO_LONG'],
    ['malformed JSON sent as text/plain', { method: 'POST', target: '/api/sync/square', headers: { 'Content-Type': 'text/plain' }, body: '{"mode":' }, 400, 'INVALID_JSON'],
  ])('%s reaches the router and gets its answer', async (_label, request, status, code) => {
    const res = await rawRequest(url, { ...request, headers: { Authorization: `Bearer ${token}`, ...request.headers } });
    expect(res.status).toBe(status);
    if (code) expect(res.body).toMatchObject({ success: false, code });
    if (status === 405) expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
  });

  // Refused by Express before the function runs: a 400 (or 415) page, never a 500 and never our internals, but not the
  // envelope, and not counted by the function's rate limiter. Express logs each one to stderr (an ERROR line).
  test.each<[string, number, RawRequest]>([
    ['a malformed escape in the path', 400, { method: 'GET', target: '/api/sync/%ZZ' }],
    ['malformed JSON sent as application/json', 400, { method: 'POST', target: '/api/sync/square', headers: { 'Content-Type': 'application/json' }, body: '{"mode":' }],
    ['a JSON string sent as application/json', 400, { method: 'POST', target: '/api/sync/square', headers: { 'Content-Type': 'application/json' }, body: '"full"' }],
    ['text in an unknown charset', 415, { method: 'POST', target: '/api/sync/square', headers: { 'Content-Type': 'text/plain; charset=x-unknown' }, body: '{}' }],
  ])('%s is answered by the framework with a bare %i page', async (_label, status, request) => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const res = await rawRequest(url, request);
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.text).toMatch(/Bad Request|Unsupported Media Type/);
      expect(res.text).not.toMatch(/Error:|at |node_modules/);
      expect(errors).toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });
});
