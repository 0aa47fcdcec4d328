import { startSquareEmulator, type SquareEmulator } from '../../../../scripts/emulators/square';
import { SMALL_SHOP, get } from './square-test-client';

const tiny = { ...SMALL_SHOP, payments: 300, items: 10, customers: 20 };

describe('Square emulator: rate ceiling, injected faults and statistics', () => {
  const running: SquareEmulator[] = [];
  const start = async (opts: Parameters<typeof startSquareEmulator>[0]): Promise<SquareEmulator> => {
    const emu = await startSquareEmulator(opts);
    running.push(emu);
    return emu;
  };
  afterAll(() => Promise.all(running.map((e) => e.close())));

  it('answers 429 RATE_LIMITED with Retry-After once the ceiling is reached, and serves again after waiting', async () => {
    // One request per second: the burst below would need a full second to earn a second token.
    const emu = await start({ ...tiny, maxRequestsPerSecond: 1 });
    const burst = await Promise.all(Array.from({ length: 6 }, () => get(emu, '/v2/locations')));
    expect(burst.map((r) => r.status).sort()).toEqual([200, 429, 429, 429, 429, 429]);
    const limited = burst.find((r) => r.status === 429)!;
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.body).toEqual({ errors: [{ category: 'RATE_LIMIT_ERROR', code: 'RATE_LIMITED', detail: expect.any(String) }] });
    expect(emu.stats).toMatchObject({ requests: 6, rateLimited: 5 });
    await new Promise((r) => setTimeout(r, Number(limited.headers.get('retry-after')) * 1000));
    expect((await get(emu, '/v2/locations')).status).toBe(200);
  });

  it('lifts and sets the ceiling at run time, also through the admin endpoint', async () => {
    const emu = await start({ ...tiny, maxRequestsPerSecond: 1 });
    emu.setRateLimit(null);
    const free = await Promise.all(Array.from({ length: 10 }, () => get(emu, '/v2/locations')));
    expect(free.every((r) => r.status === 200)).toBe(true);
    const set = await fetch(`${emu.url}/emulator/rate-limit`, { method: 'POST', body: JSON.stringify({ maxRequestsPerSecond: 1 }) });
    expect(await set.json()).toEqual({ maxRequestsPerSecond: 1 });
    const capped = await Promise.all(Array.from({ length: 3 }, () => get(emu, '/v2/locations')));
    expect(capped.filter((r) => r.status === 429)).toHaveLength(2);
  });

  it('injects 500 and 503 answers in Square\'s error shape, the same ones for the same seed', async () => {
    const statuses = async (emu: SquareEmulator): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < 40; i++) {
        const res = await get<{ errors?: { category: string; code: string }[] }>(emu, '/v2/payments?limit=1');
        if (res.status >= 500) {
          expect(res.body.errors?.[0]).toMatchObject({ category: 'API_ERROR', code: res.status === 500 ? 'INTERNAL_SERVER_ERROR' : 'SERVICE_UNAVAILABLE' });
        }
        out.push(res.status);
      }
      return out;
    };
    const a = await start({ ...tiny, faults: { serverErrorRate: 0.3 } });
    const b = await start({ ...tiny, faults: { serverErrorRate: 0.3 } });
    const first = await statuses(a);
    expect(first).toEqual(await statuses(b));
    expect(first).toContain(500);
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(a.stats.serverErrors).toBe(first.filter((s) => s >= 500).length);
    a.setFaults({ serverErrorRate: 0 });
    expect((await statuses(a)).every((s) => s === 200)).toBe(true);
  });

  it('switches faults on through the admin endpoint and counts requests by route', async () => {
    const emu = await start(tiny);
    await fetch(`${emu.url}/emulator/faults`, { method: 'POST', body: JSON.stringify({ serverErrorRate: 1 }) });
    expect((await get(emu, '/v2/refunds')).status).toBeGreaterThanOrEqual(500);
    await fetch(`${emu.url}/emulator/faults`, { method: 'POST', body: JSON.stringify({ serverErrorRate: 0 }) });
    expect((await get(emu, '/v2/refunds')).status).toBe(200);
    await get(emu, '/v2/payments', 'bad-token');
    const stats = await (await fetch(`${emu.url}/emulator/stats`)).json();
    expect(stats).toMatchObject({
      requests: 3, serverErrors: 1, unauthorized: 1, rateLimited: 0,
      byPath: { 'GET /v2/refunds': 2, 'GET /v2/payments': 1 },
      faults: { serverErrorRate: 0 }, maxRequestsPerSecond: null,
    });
  });
});
