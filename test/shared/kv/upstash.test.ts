import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { KvOperationError, UpstashKv } from '@shared/kv/upstash';
import { SecretMissingError } from '@shared/secrets/port';
import { RedisConnection, type RedisServer, describeWithRedis, redisServerInstalled, startRedisServer } from '../../support/redis-server';
import { type UpstashRestServer, startUpstashRestServer } from '../../support/upstash-rest-server';

let redis: RedisServer;
let rest: UpstashRestServer;
let raw: RedisConnection;

beforeAll(async () => {
  if (!redisServerInstalled()) return;
  redis = await startRedisServer();
  rest = await startUpstashRestServer({ redis });
  raw = await RedisConnection.connect(redis.port, redis.host);
});
afterAll(async () => {
  await raw?.close();
  await rest?.close();
  await redis?.stop();
});

const key = (name: string) => `test:${randomUUID()}:${name}`;

/** A loopback port with nothing listening on it. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describeWithRedis('UpstashKv', () => {
  it('fetches the token only on first use and then reuses it', async () => {
    const token = jest.fn(async () => rest.token);
    const kv = new UpstashKv({ url: rest.url, token });
    expect(token).not.toHaveBeenCalled();
    await Promise.all([kv.ping(), kv.set(key('a'), 1), kv.increment(key('b')), kv.get(key('a'))]);
    await kv.ttlMs(key('a'));
    expect(token).toHaveBeenCalledTimes(1);
  });

  it('fails the operation when the token cannot be read, and tries the secret again on the next call', async () => {
    const token = jest
      .fn<Promise<string>, []>()
      .mockRejectedValueOnce(new SecretMissingError('upstash-redis-rest-token'))
      .mockResolvedValue(rest.token);
    const kv = new UpstashKv({ url: rest.url, token });
    const failure = await kv.get(key('x')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(KvOperationError);
    expect((failure as Error).message).toBe(
      'Upstash kv get failed: Secret upstash-redis-rest-token is not set',
    );
    await expect(kv.get(key('x'))).resolves.toBeNull();
    expect(token).toHaveBeenCalledTimes(2);
  });

  it('rejects, naming the operation, when Upstash refuses the token, without echoing the value', async () => {
    const kv = new UpstashKv({ url: rest.url, token: async () => 'not-the-token' });
    const failure = await kv.set(key('k'), { email: 'someone@example.com' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(KvOperationError);
    // The client's own message ends with ", command was: [...]", value included; ours stops before it.
    expect((failure as Error).message).toBe('Upstash kv set failed: Unauthorized');
    expect(String((failure as Error).cause)).toContain('someone@example.com');
  });

  describe('when Upstash cannot be reached', () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    let kv: UpstashKv;

    beforeAll(async () => {
      process.on('unhandledRejection', record);
      kv = new UpstashKv({ url: await closedPortUrl(), token: async () => 'token' });
    });
    afterAll(() => {
      process.off('unhandledRejection', record);
    });

    it.each<[string, (kv: UpstashKv) => Promise<unknown>]>([
      ['get', (kv) => kv.get('k')],
      ['set', (kv) => kv.set('k', { a: 1 }, { ttlMs: 1000 })],
      ['setIfAbsent', (kv) => kv.setIfAbsent('k', 1, 1000)],
      ['del', (kv) => kv.del('k')],
      ['increment', (kv) => kv.increment('k', { ttlMs: 1000 })],
      ['ttlMs', (kv) => kv.ttlMs('k')],
      ['reserve', (kv) => kv.reserve('k', 1, 10)],
      ['acquireLock', (kv) => kv.acquireLock('k', 1000)],
      ['releaseLock', (kv) => kv.releaseLock('k', 'token')],
      ['ping', (kv) => kv.ping()],
    ])('%s rejects with an error naming it', async (operation, call) => {
      const failure = await call(kv).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(KvOperationError);
      expect((failure as KvOperationError).operation).toBe(operation);
      expect((failure as Error).message).toMatch(new RegExp(`^Upstash kv ${operation} failed: .*ECONNREFUSED`));
    });

    it('leaves no unhandled rejection behind', async () => {
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    });
  });

  it('stores values as JSON text that other Redis clients can read', async () => {
    const kv = new UpstashKv({ url: rest.url, token: async () => rest.token });
    const name = key('customer');
    await kv.set(name, { name: 'Zoë', cents: 1250 });
    expect(String(await raw.command('GET', name))).toBe('{"name":"Zoë","cents":1250}');
    await raw.command('SET', name, '{"name":"Zoë","cents":1300}');
    expect(await kv.get(name)).toEqual({ name: 'Zoë', cents: 1300 });
  });

  it('keeps working after Redis forgets its cached scripts (EVALSHA falls back to EVAL)', async () => {
    const kv = new UpstashKv({ url: rest.url, token: async () => rest.token });
    const tickets = key('tickets');
    expect(await kv.reserve(tickets, 2, 10)).toEqual({ first: 1, last: 2 });
    await raw.command('SCRIPT', 'FLUSH');
    expect(await kv.reserve(tickets, 2, 10)).toEqual({ first: 3, last: 4 });
    expect(await kv.increment(tickets)).toBe(5);
  });

  it('rejects, naming the operation, when Redis refuses the command', async () => {
    const kv = new UpstashKv({ url: rest.url, token: async () => rest.token });
    const name = key('profile');
    await kv.set(name, { plan: 'gold' });
    const failure = await kv.increment(name).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(KvOperationError);
    expect((failure as Error).message).toMatch(/^Upstash kv increment failed: .*not an integer/);
  });
});
