import { createHttpHandler } from '@shared/http/router';
import { ageVerificationRoutes } from '../../../functions/age-verification/handler';
import { call, serve } from '../../support/http';
import { type TestRuntime, createTestRuntime, tokenFor } from '../../support/runtime';

/** A valid claim for a customer born on 1990-04-12 (35 on the test clock's 2026-03-15). */
export function claim(customerId: string, overrides: Record<string, unknown> = {}) {
  return { customerId, fullName: 'Alice Marie Example', dateOfBirth: '1990-04-12', state: 'TX', idNumberLast4: '7391', ...overrides };
}

/** The age-verification function served on loopback over a test runtime, with helpers to call it as someone. */
export async function startAgeVerification(env: Record<string, string> = {}, start?: string) {
  // The per-IP API limit would otherwise throttle tests that make many requests from 127.0.0.1.
  const rt: TestRuntime = createTestRuntime({ RATE_LIMIT_API_PER_MINUTE: '100000', RATE_LIMIT_ADMIN_PER_MINUTE: '100000', ...env }, start);
  const server = await serve(createHttpHandler({ name: 'age-verification', routes: ageVerificationRoutes, runtime: () => rt }));
  const tokens = new Map<string, string>();
  const tokenOf = async (sub: string, role: 'customer' | 'admin') => {
    const key = `${role}:${sub}`;
    if (!tokens.has(key)) tokens.set(key, await tokenFor(rt, sub, role));
    return tokens.get(key) as string;
  };
  return {
    rt,
    url: server.url,
    /** A request as customer `sub` (or as an admin with `as: 'admin'`). */
    async request(method: string, path: string, options: { as?: string; role?: 'customer' | 'admin'; json?: unknown; headers?: Record<string, string> } = {}) {
      const token = options.as ? await tokenOf(options.as, options.role ?? 'customer') : undefined;
      return call(`${server.url}${path}`, { method, token, json: options.json, headers: options.headers });
    },
    verify(customerId: string, body: Record<string, unknown> = claim(customerId), as = customerId) {
      return this.request('POST', '/api/age-verification/verify', { as, json: body });
    },
    async close() {
      await server.close();
      await rt.warehouse.close();
    },
  };
}

/** The started function's type. */
export type AgeVerificationServer = Awaited<ReturnType<typeof startAgeVerification>>;
