import { SignJWT } from 'jose';
import { z } from 'zod';
import { HttpError } from '@shared/http/errors';
import { createHttpHandler, route } from '@shared/http/router';
import { MAX_BODY_BYTES } from '@shared/http/request';
import { call, serve } from '../../support/http';
import { TEST_SECRETS, type TestRuntime, createTestRuntime, tokenFor } from '../../support/runtime';

const secret = new TextEncoder().encode(TEST_SECRETS.JWT_SECRET);

function routes() {
  return [
    route({ method: 'GET', path: '/api/things/public', access: 'public', summary: 'A route for this test', handle: async () => ({ body: { ok: true } }) }),
    route({
      method: 'GET',
      path: '/api/customers/:customerId',
      access: 'customer', summary: 'A route for this test',
      owner: 'customerId',
      handle: async ({ params }) => ({ body: { customerId: params.customerId } }),
    }),
    route({
      method: 'POST',
      path: '/api/things',
      access: 'customer', summary: 'A route for this test',
      body: z.object({ name: z.string().min(2), count: z.number().int().positive() }),
      handle: async ({ body, log }) => {
        log.info('thing created', { email: 'person@example.com', count: body.count });
        return { status: 201, body: { thing: body } };
      },
    }),
    route({ method: 'GET', path: '/api/admin/stats', access: 'admin', summary: 'A route for this test', handle: async () => ({ body: { stats: 1 } }) }),
    route({
      method: 'POST',
      path: '/api/webhooks/test',
      access: 'public', summary: 'A route for this test',
      limitClass: 'webhooks',
      handle: async ({ rawBody }) => ({ body: { bytes: rawBody.length } }),
    }),
    route({
      method: 'GET',
      path: '/api/broken',
      access: 'public', summary: 'A route for this test',
      handle: async () => {
        throw new Error('database password is hunter2');
      },
    }),
    route({
      method: 'GET',
      path: '/api/conflict',
      access: 'public', summary: 'A route for this test',
      handle: async () => {
        throw new HttpError(409, 'ALREADY_ACTIVE', 'Customer already has an active membership');
      },
    }),
  ];
}

describe('HTTP router', () => {
  let rt: TestRuntime;
  let server: { url: string; close(): Promise<void> };

  async function start(env: Record<string, string> = {}) {
    rt = createTestRuntime(env);
    server = await serve(createHttpHandler({ name: 'test', routes: routes(), runtime: () => rt }));
  }

  afterEach(async () => {
    await server.close();
    await rt.warehouse.close();
  });

  describe('authentication', () => {
    beforeEach(() => start());

    const badTokens: Array<[string, () => Promise<string>, string]> = [
      ['missing', async () => '', 'UNAUTHENTICATED'],
      ['garbage', async () => 'not.a.jwt', 'INVALID_TOKEN'],
      [
        'expired',
        async () =>
          new SignJWT({ role: 'customer' }).setProtectedHeader({ alg: 'HS256' }).setSubject('c1').setAudience(rt.config.JWT_AUDIENCE)
            .setIssuer(rt.config.JWT_ISSUER).setIssuedAt(Math.floor(Date.now() / 1000) - 7200).setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(secret),
        'TOKEN_EXPIRED',
      ],
      [
        'wrong audience',
        async () =>
          new SignJWT({ role: 'customer' }).setProtectedHeader({ alg: 'HS256' }).setSubject('c1').setAudience('someone-else')
            .setIssuer(rt.config.JWT_ISSUER).setIssuedAt().setExpirationTime('1h').sign(secret),
        'INVALID_TOKEN',
      ],
      [
        'wrong issuer',
        async () =>
          new SignJWT({ role: 'customer' }).setProtectedHeader({ alg: 'HS256' }).setSubject('c1').setAudience(rt.config.JWT_AUDIENCE)
            .setIssuer('evil').setIssuedAt().setExpirationTime('1h').sign(secret),
        'INVALID_TOKEN',
      ],
      [
        'alg none',
        async () => {
          const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
          const now = Math.floor(Date.now() / 1000);
          return `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ sub: 'c1', role: 'admin', aud: rt.config.JWT_AUDIENCE, iss: rt.config.JWT_ISSUER, iat: now, exp: now + 3600 })}.`;
        },
        'INVALID_TOKEN',
      ],
      [
        'HS512 instead of the pinned HS256',
        async () =>
          new SignJWT({ role: 'customer' }).setProtectedHeader({ alg: 'HS512' }).setSubject('c1').setAudience(rt.config.JWT_AUDIENCE)
            .setIssuer(rt.config.JWT_ISSUER).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(TEST_SECRETS.JWT_SECRET.repeat(2))),
        'INVALID_TOKEN',
      ],
      [
        'signed with another secret',
        async () =>
          new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('c1').setAudience(rt.config.JWT_AUDIENCE)
            .setIssuer(rt.config.JWT_ISSUER).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode('x'.repeat(40))),
        'INVALID_TOKEN',
      ],
      [
        'older than 24 hours though not expired',
        async () =>
          new SignJWT({ role: 'customer' }).setProtectedHeader({ alg: 'HS256' }).setSubject('c1').setAudience(rt.config.JWT_AUDIENCE)
            .setIssuer(rt.config.JWT_ISSUER).setIssuedAt(Math.floor(Date.now() / 1000) - 25 * 3600).setExpirationTime('30d').sign(secret),
        'TOKEN_EXPIRED',
      ],
      [
        'without a role',
        async () =>
          new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('c1').setAudience(rt.config.JWT_AUDIENCE)
            .setIssuer(rt.config.JWT_ISSUER).setIssuedAt().setExpirationTime('1h').sign(secret),
        'INVALID_TOKEN',
      ],
    ];

    test.each(badTokens)('%s token → 401', async (_label, makeToken, code) => {
      const res = await call(`${server.url}/api/customers/c1`, { token: await makeToken() });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ success: false, code });
      expect(typeof res.body.timestamp).toBe('string');
    });

    test('a customer reaches its own record, not another customer’s', async () => {
      const token = await tokenFor(rt, 'c1');
      expect((await call(`${server.url}/api/customers/c1`, { token })).body).toMatchObject({ success: true, customerId: 'c1' });
      const other = await call(`${server.url}/api/customers/c2`, { token });
      expect(other.status).toBe(403);
      expect(other.body.code).toBe('FORBIDDEN');
    });

    test('an admin reaches any customer; a customer on an admin route gets 403', async () => {
      const admin = await tokenFor(rt, 'admin-1', 'admin');
      expect((await call(`${server.url}/api/customers/c2`, { token: admin })).status).toBe(200);
      expect((await call(`${server.url}/api/admin/stats`, { token: admin })).status).toBe(200);
      const customer = await call(`${server.url}/api/admin/stats`, { token: await tokenFor(rt, 'c1') });
      expect(customer.status).toBe(403);
      expect(customer.body.code).toBe('FORBIDDEN');
    });
  });

  describe('request bodies', () => {
    beforeEach(() => start());

    test('a body over 1 MB → 413', async () => {
      const token = await tokenFor(rt, 'c1');
      const res = await call(`${server.url}/api/things`, {
        method: 'POST',
        token,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES), count: 1 }),
      });
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    });

    test('malformed JSON → 400 INVALID_JSON', async () => {
      const res = await call(`${server.url}/api/things`, {
        method: 'POST',
        token: await tokenFor(rt, 'c1'),
        headers: { 'Content-Type': 'application/json' },
        body: '{"name": "ab", "count": ',
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ success: false, code: 'INVALID_JSON' });
    });

    test.each([
      [{ name: 'ab' }, 'count'],
      [{ name: 'a', count: 2 }, 'name'],
      [{ name: 'ab', count: 1.5 }, 'count'],
      [{}, 'name'],
    ])('invalid body %j → 400 naming %s', async (json, field) => {
      const res = await call(`${server.url}/api/things`, { method: 'POST', token: await tokenFor(rt, 'c1'), json });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_ERROR');
      expect(res.body.details.field).toBe(field);
      expect(res.body.error).toContain(field);
    });

    test('a valid body reaches the handler and the envelope wraps its answer', async () => {
      const res = await call(`${server.url}/api/things`, { method: 'POST', token: await tokenFor(rt, 'c1'), json: { name: 'ab', count: 3 } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ success: true, thing: { name: 'ab', count: 3 } });
    });

    test('personal fields are redacted from log lines', async () => {
      await call(`${server.url}/api/things`, { method: 'POST', token: await tokenFor(rt, 'c1'), json: { name: 'ab', count: 3 } });
      const line = rt.logs.find((l) => l.message === 'thing created');
      expect(line).toMatchObject({ email: '[redacted]', count: 3, function: 'test' });
      expect(JSON.stringify(rt.logs)).not.toContain('person@example.com');
    });
  });

  describe('rate limits', () => {
    beforeEach(() => start());

    test('the 101st API request in a minute from one IP → 429 with Retry-After, then the window resets', async () => {
      for (let i = 0; i < 100; i++) expect((await call(`${server.url}/api/things/public`)).status).toBe(200);
      const limited = await call(`${server.url}/api/things/public`);
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe('RATE_LIMITED');
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      rt.clock.advance(retryAfter * 1000);
      expect((await call(`${server.url}/api/things/public`)).status).toBe(200);
    });

    test('admin routes allow 50 a minute; webhooks count separately with their own 1000', async () => {
      const token = await tokenFor(rt, 'admin-1', 'admin');
      for (let i = 0; i < 50; i++) expect((await call(`${server.url}/api/admin/stats`, { token })).status).toBe(200);
      expect((await call(`${server.url}/api/admin/stats`, { token })).status).toBe(429);
      const webhook = await call(`${server.url}/api/webhooks/test`, { method: 'POST', json: { a: 1 } });
      expect(webhook.status).toBe(200);
      expect(webhook.body.bytes).toBe(7);
    });
  });

  describe('headers, routing and errors', () => {
    beforeEach(() => start({ CORS_ORIGINS: 'https://shop.example.com', NODE_ENV: 'production' }));

    test('security headers on success and on error', async () => {
      for (const path of ['/api/things/public', '/api/nowhere']) {
        const res = await call(`${server.url}${path}`);
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('x-frame-options')).toBe('DENY');
        expect(res.headers.get('strict-transport-security')).toContain('max-age=');
        expect(res.headers.get('content-type')).toContain('application/json');
      }
    });

    test('CORS answers configured origins only', async () => {
      const allowed = await call(`${server.url}/api/things/public`, { headers: { Origin: 'https://shop.example.com' } });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
      const denied = await call(`${server.url}/api/things/public`, { headers: { Origin: 'https://evil.example' } });
      expect(denied.headers.get('access-control-allow-origin')).toBeNull();
      const preflight = await fetch(`${server.url}/api/things`, { method: 'OPTIONS', headers: { Origin: 'https://shop.example.com' } });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
      const badPreflight = await fetch(`${server.url}/api/things`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example' } });
      expect(badPreflight.status).toBe(403);
    });

    test('404, 405, typed errors and hidden internals', async () => {
      expect((await call(`${server.url}/api/nowhere`)).body).toMatchObject({ success: false, code: 'NOT_FOUND' });
      expect((await call(`${server.url}/api/things/public`, { method: 'DELETE' })).status).toBe(405);
      expect((await call(`${server.url}/api/conflict`)).body).toMatchObject({ code: 'ALREADY_ACTIVE', success: false });
      const broken = await call(`${server.url}/api/broken`);
      expect(broken.status).toBe(500);
      expect(broken.body).toMatchObject({ success: false, code: 'INTERNAL', error: 'Internal error' });
      expect(broken.text).not.toContain('hunter2');
    });
  });
});
