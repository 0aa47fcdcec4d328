import { Pacer } from '@shared/sources/pacer';
import { createTransport, retryAfterMs } from '@shared/sources/transport';
import { serve } from '../../support/http';

/** A server answering from a script of statuses, recording when each request arrived. */
async function scripted(statuses: Array<[number, Record<string, string>?]>) {
  const arrivals: number[] = [];
  const server = await serve((_req, res) => {
    arrivals.push(Date.now());
    const [status, headers] = statuses.shift() ?? [200];
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(status === 204 ? undefined : JSON.stringify({ status }));
  });
  return { ...server, arrivals };
}

describe('the paced, retrying transport', () => {
  test('Retry-After as seconds or a date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs(new Date(Date.now() + 3000).toUTCString())).toBeGreaterThan(1000);
  });

  test('a 429 is retried after its Retry-After, and counted', async () => {
    const server = await scripted([[429, { 'Retry-After': '1' }], [200]]);
    try {
      const { fetch, stats } = createTransport({ pacer: new Pacer(null), maxAttempts: 3, random: () => 0 });
      const res = await fetch(server.url);
      expect(res.status).toBe(200);
      expect(server.arrivals[1] - server.arrivals[0]).toBeGreaterThanOrEqual(990);
      expect(stats).toMatchObject({ calls: 2, retries: 1, throttled: 1, serverErrors: 0 });
    } finally {
      await server.close();
    }
  });

  test('5xx is retried with backoff up to the attempt limit, then returned', async () => {
    const server = await scripted([[503], [500], [502], [200]]);
    try {
      const { fetch, stats } = createTransport({ pacer: new Pacer(null), maxAttempts: 3, baseDelayMs: 5, random: () => 1 });
      const res = await fetch(server.url);
      expect(res.status).toBe(502);
      expect(stats).toMatchObject({ calls: 3, retries: 2, serverErrors: 3 });
    } finally {
      await server.close();
    }
  });

  test('a network failure is retried, and the last one is thrown with its cause', async () => {
    const { fetch, stats } = createTransport({ pacer: new Pacer(null), maxAttempts: 2, baseDelayMs: 1 });
    await expect(fetch('http://127.0.0.1:1/')).rejects.toThrow(/after 2 attempts/);
    expect(stats).toMatchObject({ calls: 2, retries: 1 });
  });

  test('no retry is started that would outlive the run’s time bound', async () => {
    const server = await scripted([[429, { 'Retry-After': '30' }], [200]]);
    try {
      const { fetch } = createTransport({ pacer: new Pacer(null), maxAttempts: 3, deadline: Date.now() + 2000 });
      await expect(fetch(server.url)).rejects.toThrow(/time bound/);
    } finally {
      await server.close();
    }
  });

  test('requests are paced under the ceiling and bodies arrive whole (204 included)', async () => {
    const server = await scripted([[200], [204], [200], [200], [200]]);
    try {
      const { fetch, stats } = createTransport({ pacer: new Pacer(20), maxAttempts: 1 });
      const statuses = await Promise.all([1, 2, 3, 4, 5].map(() => fetch(server.url).then(async (r) => [r.status, await r.text()])));
      expect(statuses.map(([s]) => s).sort()).toEqual([200, 200, 200, 200, 204]);
      const span = server.arrivals[4] - server.arrivals[0];
      expect(span).toBeGreaterThanOrEqual(190); // 5 requests at 20/s: at least 4 gaps of 50 ms
      expect(stats.httpMs).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});
