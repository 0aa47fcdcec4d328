import { parseConfig } from '@shared/config';
import { BucketPacer, readBucketHeaders } from '@shared/sources/lightspeed/bucket-pacing';
import { openLightspeedSession } from '@shared/sources/lightspeed/session';
import type { SyncStream } from '@shared/sources/stream';
import { runStream } from '../../../../functions/sync/run-stream';
import { startLightspeedEmulator } from '../../../../scripts/emulators/lightspeed';
import { createTestRuntime } from '../../../support/runtime';

const bucketHeaders = (level: string, drip = '1') => new Response('{}', { headers: { 'X-LS-API-Bucket-Level': level, 'X-LS-API-Drip-Rate': drip } });

/** A pacer on a hand-driven clock whose sleeps move the clock. */
function pacerOnFakeClock(settings: { size: number; dripPerSecond: number; headroom: number }) {
  let now = 0;
  const pacer = new BucketPacer({
    ...settings,
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  });
  return { pacer, now: () => now };
}

describe('readBucketHeaders', () => {
  test.each([
    ['1/90', '1', { level: 1, size: 90, dripPerSecond: 1 }],
    ['92.57/90', '1', { level: 92.57, size: 90, dripPerSecond: 1 }],
    ['12.5/180', '2', { level: 12.5, size: 180, dripPerSecond: 2 }],
    ['0/60', '', { level: 0, size: 60, dripPerSecond: null }],
  ])('%s drip %s', (level, drip, expected) => {
    expect(readBucketHeaders(bucketHeaders(level, drip).headers)).toEqual(expected);
  });

  test.each([[''], ['full'], ['90'], ['a/b']])('no reading from %j', (level) => {
    expect(readBucketHeaders(new Response('{}', { headers: level ? { 'X-LS-API-Bucket-Level': level } : {} }).headers)).toBeNull();
  });
});

describe('BucketPacer', () => {
  test('lets one request probe, then fills to size − headroom at once and afterwards sends at the drip rate', async () => {
    const { pacer, now } = pacerOnFakeClock({ size: 10, dripPerSecond: 2, headroom: 2 });
    await pacer.wait();
    let second = false;
    const waiting = pacer.wait().then(() => (second = true));
    await Promise.resolve();
    expect(second).toBe(false); // held until the probe's answer tells the real level
    pacer.observe(bucketHeaders('1/10', '2'));
    await waiting;
    for (let i = 0; i < 6; i++) await pacer.wait();
    expect(now()).toBe(0);
    expect(pacer.estimatedLevel()).toBe(8);
    await pacer.wait();
    expect(now()).toBe(500); // one drip at 2/s
    await pacer.wait();
    expect(now()).toBe(1000);
  });

  test('believes a higher level reported by Lightspeed (another client pours into the same bucket)', async () => {
    const { pacer, now } = pacerOnFakeClock({ size: 90, dripPerSecond: 1, headroom: 5 });
    await pacer.wait();
    pacer.observe(bucketHeaders('84/90'));
    await pacer.wait();
    expect(now()).toBe(0);
    await pacer.wait();
    expect(now()).toBe(1000);
    // A lower report while our own requests are in flight does not make it forget them.
    pacer.observe(bucketHeaders('3/90'));
    expect(pacer.estimatedLevel()).toBe(85);
  });

  test('takes size and drip rate from the headers, and a 429 pause holds every request back', async () => {
    const { pacer, now } = pacerOnFakeClock({ size: 90, dripPerSecond: 1, headroom: 5 });
    await pacer.wait();
    pacer.observe(bucketHeaders('20/20', '10'));
    expect(pacer.ceiling()).toBe(15);
    await pacer.wait();
    expect(now()).toBe(600); // 20 + 1 − 15 = 6 drips at 10/s
    pacer.pauseFor(3000);
    await pacer.wait();
    expect(now()).toBe(3600);
  });
});

describe('bucket pacing against the emulator', () => {
  test('at default settings the bucket never overflows, even with two instances backfilling at once into a bucket another client has filled', async () => {
    // Lightspeed's default bucket (90 drips, 1 drip/s) on a clock running ten times faster, so a minute takes seconds.
    const speed = 10;
    const realStart = Date.now();
    const origin = Date.parse('2026-03-15T17:00:00Z');
    const fastNow = () => origin + (Date.now() - realStart) * speed;
    const emulator = await startLightspeedEmulator({ sales: 2500, items: 20, days: 60, now: () => new Date(fastNow()) });
    const rt = createTestRuntime(
      { LIGHTSPEED_BASE_URL: emulator.url, LIGHTSPEED_ACCOUNT_ID: emulator.accountId, LIGHTSPEED_CLIENT_ID: emulator.oauth.clientId, LIGHTSPEED_BACKFILL_DAYS: '90' },
      new Date(fastNow() + 1000).toISOString(),
      { LIGHTSPEED_CLIENT_SECRET: emulator.oauth.clientSecret, LIGHTSPEED_REFRESH_TOKEN: emulator.currentRefreshToken() },
    );
    try {
      emulator.setBucket({ level: 60 });
      const defaults = parseConfig({});
      let highest = 0;
      const instance = () => {
        const pacer = new BucketPacer({
          size: defaults.LIGHTSPEED_BUCKET_SIZE,
          dripPerSecond: defaults.LIGHTSPEED_DRIP_PER_SECOND,
          headroom: defaults.LIGHTSPEED_BUCKET_HEADROOM,
          now: fastNow,
          sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms / speed)),
        });
        const observe = pacer.observe.bind(pacer);
        pacer.observe = (response) => {
          highest = Math.max(highest, readBucketHeaders(response.headers)?.level ?? 0);
          observe(response);
        };
        return pacer;
      };
      const deadline = Date.now() + 60_000;
      const run = (pacer: BucketPacer, requestId: string) => {
        const session = openLightspeedSession(rt, deadline, { pacer });
        const sales = session.streams.find((s) => s.name === 'sales') as SyncStream;
        return runStream(rt, session, { ...sales, name: `sales-${requestId}` }, { request: { source: 'lightspeed', mode: 'full', requestedBy: 'test' }, requestId, deadline });
      };
      const runs = await Promise.all([run(instance(), 'a'), run(instance(), 'b')]);
      expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
      expect(runs.map((r) => r.rows_written)).toEqual([emulator.store.sales.length, emulator.store.sales.length]);
      // The load was more than the bucket holds, so only waiting kept it from overflowing.
      expect(60 + emulator.stats.requests).toBeGreaterThanOrEqual(90 + 30);
      expect(emulator.stats.throttled).toBe(0);
      expect(highest).toBeGreaterThan(75);
      expect(highest).toBeLessThan(90);
    } finally {
      await emulator.close();
      await rt.warehouse.close();
    }
  }, 30_000);
});
