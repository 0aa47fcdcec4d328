import { startLightspeedEmulator, type LightspeedEmulator } from '../../../../scripts/emulators/lightspeed/index';
import { apiKeyAuth, apiUrl, getJson, manualClock } from './helpers';

describe('Lightspeed emulator leaky bucket', () => {
  let emulator: LightspeedEmulator;
  let auth: Record<string, string>;
  const clock = manualClock();
  const get = () => getJson(apiUrl(emulator, 'Item.json?limit=1'), auth);
  const level = (headers: Headers): number => Number(headers.get('x-ls-api-bucket-level')!.split('/')[0]);

  beforeAll(async () => {
    emulator = await startLightspeedEmulator({ sales: 50, items: 10, days: 30, now: clock.now });
    auth = apiKeyAuth(emulator);
  });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.setBucket({ size: 90, dripPerSecond: 1, level: 0 }));

  it('reports level/size and drip rate on every response, one drip per GET (Lightspeed defaults 90 and 1/s)', async () => {
    const first = await get();
    expect(first.headers.get('x-ls-api-bucket-level')).toBe('1/90');
    expect(first.headers.get('x-ls-api-drip-rate')).toBe('1');
    expect((await get()).headers.get('x-ls-api-bucket-level')).toBe('2/90');
    const unauthorized = await getJson(apiUrl(emulator, 'Item.json'), {});
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('x-ls-api-bucket-level')).toBe('2/90');
  });

  it('drains at the drip rate', async () => {
    emulator.setBucket({ level: 20, dripPerSecond: 2 });
    clock.advanceSeconds(2.5);
    const { headers } = await get();
    expect(level(headers)).toBe(20 - 5 + 1);
    expect(headers.get('x-ls-api-drip-rate')).toBe('2');
  });

  it('answers a full bucket with 429 and Retry-After, without filling it further', async () => {
    emulator.setBucket({ size: 5 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await get()).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);

    const throttledBefore = emulator.stats.throttled;
    const refused = await get();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get('x-ls-api-ratelimit-type')).toBe('api-leaky-bucket');
    expect(refused.body).toMatchObject({ httpCode: '429', httpMessage: 'Too Many Requests' });
    const again = await get();
    expect(again.status).toBe(429);
    expect(again.headers.get('x-ls-api-bucket-level')).toBe(refused.headers.get('x-ls-api-bucket-level'));
    expect(emulator.stats.throttled).toBe(throttledBefore + 2);

    clock.advanceSeconds(Number(again.headers.get('retry-after')));
    expect((await get()).status).toBe(200);
  });

  it('admits the first request past the size, as Lightspeed documents, then refuses until below it', async () => {
    emulator.setBucket({ size: 10, level: 9.5 });
    const admitted = await get();
    expect(admitted.status).toBe(200);
    expect(admitted.headers.get('x-ls-api-bucket-level')).toBe('10.5/10');
    const refused = await get();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
  });

  it('charges 10 drips for count=1', async () => {
    const { headers } = await getJson(apiUrl(emulator, 'Sale.json?count=1'), auth);
    expect(headers.get('x-ls-api-bucket-level')).toBe('10/90');
  });

  it('force429Next(n) refuses the next n requests whatever the bucket holds', async () => {
    emulator.force429Next(2);
    const results = [await get(), await get(), await get()];
    expect(results.map((r) => r.status)).toEqual([429, 429, 200]);
    expect(results[0]!.headers.get('retry-after')).toBe('1');
    expect(level(results[2]!.headers)).toBe(1);
  });

  it('injects server errors at the configured rate', async () => {
    emulator.setFaults({ serverErrorRate: 1 });
    const failed = await get();
    emulator.setFaults({ serverErrorRate: 0 });
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({ httpCode: '500' });
    expect(emulator.stats.serverErrors).toBe(1);
    expect((await get()).status).toBe(200);
  });
});
