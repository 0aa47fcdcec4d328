import { z } from 'zod';
import { HttpError } from '@shared/http/errors';
import { IDEMPOTENCY_TTL_MS, canonicalJson, withIdempotency } from '@shared/http/idempotency';
import { createHttpHandler, route } from '@shared/http/router';
import { call, serve } from '../../support/http';
import { type TestRuntime, createTestRuntime, tokenFor } from '../../support/runtime';

describe('Idempotency-Key on money-moving requests', () => {
  let rt: TestRuntime;
  let server: { url: string; close(): Promise<void> };
  let runs: number;
  let release: (() => void) | undefined;

  // A charge-like route: counts how often its work really runs; the body picks the outcome.
  const charge = route({
    method: 'POST',
    path: '/api/charges',
    access: 'customer', summary: 'A route for this test',
    body: z.object({ amount: z.number().int(), outcome: z.enum(['ok', 'declined', 'crash', 'slow', 'busy']).default('ok'), note: z.string().optional() }),
    async handle(ctx) {
      return withIdempotency(ctx, { scope: 'test.charge' }, async (key) => {
        runs++;
        const n = runs;
        if (ctx.body.outcome === 'slow') await new Promise<void>((resolve) => (release = resolve));
        if (ctx.body.outcome === 'declined') throw new HttpError(402, 'PAYMENT_DECLINED', 'The card was declined', { details: { attempt: n } });
        if (ctx.body.outcome === 'crash') throw new Error('gateway exploded');
        if (ctx.body.outcome === 'busy' && n === 1) throw new HttpError(409, 'BUSY', 'Try again shortly');
        return { status: 201, body: { chargeNumber: n, amount: ctx.body.amount, key } };
      });
    },
  });

  const post = async (json: unknown, key: string | undefined, as = 'cust-1') =>
    call(`${server.url}/api/charges`, {
      method: 'POST',
      token: await tokenFor(rt, as),
      json,
      headers: key === undefined ? {} : { 'Idempotency-Key': key },
    });

  beforeEach(async () => {
    runs = 0;
    rt = createTestRuntime({ RATE_LIMIT_API_PER_MINUTE: '100000' });
    server = await serve(createHttpHandler({ name: 'test', routes: [charge], runtime: () => rt }));
  });
  afterEach(async () => {
    await server.close();
    await rt.warehouse.close();
  });

  it('without a key, every request runs', async () => {
    await post({ amount: 100 }, undefined);
    await post({ amount: 100 }, undefined);
    expect(runs).toBe(2);
  });

  it('same key and same body: the first answer is replayed, marked, and the work ran once', async () => {
    const first = await post({ amount: 100, note: 'x' }, 'key-1');
    // The same body with its keys in another order is the same request.
    const second = await post({ note: 'x', amount: 100 }, 'key-1');
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.chargeNumber).toBe(first.body.chargeNumber);
    expect(second.body.key).toBe('key-1');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(runs).toBe(1);
  });

  it('same key with another body: 422 IDEMPOTENCY_KEY_REUSED, and nothing runs', async () => {
    await post({ amount: 100 }, 'key-2');
    const other = await post({ amount: 999 }, 'key-2');
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(runs).toBe(1);
  });

  it('while the first is still running: 409 IDEMPOTENCY_KEY_IN_FLIGHT with Retry-After, then the replay', async () => {
    const first = post({ amount: 100, outcome: 'slow' }, 'key-3');
    while (!release) await new Promise((r) => setTimeout(r, 5));
    const during = await post({ amount: 100, outcome: 'slow' }, 'key-3');
    expect(during.status).toBe(409);
    expect(during.body.code).toBe('IDEMPOTENCY_KEY_IN_FLIGHT');
    expect(during.headers.get('retry-after')).toBe('1');
    release();
    expect((await first).status).toBe(201);
    const after = await post({ amount: 100, outcome: 'slow' }, 'key-3');
    expect(after.status).toBe(201);
    expect(runs).toBe(1);
  });

  it('a refusal is an answer too: a decline is replayed as the same decline, not retried', async () => {
    const first = await post({ amount: 100, outcome: 'declined' }, 'key-4');
    const again = await post({ amount: 100, outcome: 'declined' }, 'key-4');
    expect(first.status).toBe(402);
    expect(again.status).toBe(402);
    expect(again.body).toMatchObject({ code: 'PAYMENT_DECLINED', details: { attempt: 1 } });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(runs).toBe(1);
  });

  it('a fault (5xx) is not kept: the same key may be retried and runs again', async () => {
    expect((await post({ amount: 100, outcome: 'crash' }, 'key-5')).status).toBe(500);
    expect((await post({ amount: 100, outcome: 'crash' }, 'key-5')).status).toBe(500);
    expect(runs).toBe(2);
  });

  it('a "try again" conflict (409) is not kept either: the retry with the same key does the work', async () => {
    expect((await post({ amount: 100, outcome: 'busy' }, 'key-busy')).status).toBe(409);
    const retry = await post({ amount: 100, outcome: 'busy' }, 'key-busy');
    expect(retry.status).toBe(201);
    expect(retry.body.chargeNumber).toBe(2);
  });

  it('keys are scoped per caller: two customers may use the same key', async () => {
    const a = await post({ amount: 100 }, 'shared-key', 'cust-a');
    const b = await post({ amount: 100 }, 'shared-key', 'cust-b');
    expect([a.body.chargeNumber, b.body.chargeNumber]).toEqual([1, 2]);
  });

  it('answers are kept for 24 hours, then the key is free again', async () => {
    await post({ amount: 100 }, 'key-6');
    rt.clock.advance(IDEMPOTENCY_TTL_MS - 1000);
    expect((await post({ amount: 100 }, 'key-6')).body.chargeNumber).toBe(1);
    rt.clock.advance(2000);
    expect((await post({ amount: 100 }, 'key-6')).body.chargeNumber).toBe(2);
  });

  it.each([['x'.repeat(256)], ['has space'], ['ünïcode']])('refuses a malformed key %j with 400', async (key) => {
    const res = await post({ amount: 100 }, key);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_IDEMPOTENCY_KEY');
    expect(runs).toBe(0);
  });

  it('canonical JSON ignores key order and undefined fields only', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] })).toBe('{"a":[{"d":2}],"b":1}');
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
  });
});
