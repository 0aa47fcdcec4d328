import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { call } from '../../support/http';
import { createTestRuntime, tokenFor } from '../../support/runtime';
import { type LocalStack, startLocalStack } from '../../../scripts/local/server';

describe('the local stack', () => {
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await startLocalStack(createTestRuntime(), 0, { scheduler: false });
  });
  afterAll(() => stack.close());

  test('GET /health answers with each port’s state and timing', async () => {
    const res = await call(`${stack.url}/health`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, status: 'healthy', version: 'dev' });
    for (const port of ['warehouse', 'kv', 'bus', 'secrets']) {
      expect(res.body.ports[port]).toMatchObject({ status: 'up' });
      expect(typeof res.body.ports[port].latencyMs).toBe('number');
    }
    expect(res.body.ports.warehouse.backend).toBe('duckdb');
  });

  test('a path no function serves gets the 404 envelope', async () => {
    const res = await call(`${stack.url}/api/unknown`);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ success: false, code: 'NOT_FOUND' });
  });

  test('health reports a port that is down as unhealthy with 503', async () => {
    const ping = stack.runtime.kv.ping;
    stack.runtime.kv.ping = async () => {
      throw new Error('connection refused');
    };
    try {
      const res = await call(`${stack.url}/health`, { token: await tokenFor(stack.runtime, 'ops-1', 'admin') });
      expect(res.status).toBe(503);
      expect(res.body.status).toBe('unhealthy');
      expect(res.body.ports.kv).toMatchObject({ status: 'down', error: 'connection refused' });
    } finally {
      stack.runtime.kv.ping = ping;
    }
  });
});

describe('npm run token', () => {
  test('prints a development JWT alone on the last line, with the role and subject asked for', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'token-'));
    const script = join(__dirname, '../../../scripts/token.ts');
    const out = execFileSync(join(__dirname, '../../../node_modules/.bin/tsx'), ['--tsconfig', join(__dirname, '../../../tsconfig.json'), script, '--role', 'customer', '--sub', 'cust-42'], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, JWT_SECRET: '' },
    });
    const lastLine = out.trim().split('\n').pop() as string;
    expect(lastLine).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(decodeJwt(lastLine)).toMatchObject({ sub: 'cust-42', role: 'customer', aud: 'commerce-api', iss: 'commerce-backend' });
  });
});
