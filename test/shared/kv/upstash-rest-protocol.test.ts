import { randomUUID } from 'node:crypto';
import { type RedisServer, describeWithRedis, redisServerInstalled, startRedisServer } from '../../support/redis-server';
import { type UpstashRestServer, startUpstashRestServer } from '../../support/upstash-rest-server';

// The stand-in must speak the protocol as Upstash documents it (upstash.com/docs/redis/features/restapi), or the
// adapter's tests would prove nothing about production.

let redis: RedisServer;
let rest: UpstashRestServer;

beforeAll(async () => {
  if (!redisServerInstalled()) return;
  redis = await startRedisServer();
  rest = await startUpstashRestServer({ redis });
});
afterAll(async () => {
  await rest?.close();
  await redis?.stop();
});

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${rest.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${rest.token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

describeWithRedis('Upstash REST stand-in', () => {
  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { authorization: 'Bearer wrong' }],
  ])('answers 401 for %s', async (_, headers) => {
    const response = await fetch(rest.url, { method: 'POST', headers, body: '["PING"]' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'Unauthorized' });
  });

  it('runs one command from a JSON array, accepting numeric arguments', async () => {
    const key = `k:${randomUUID()}`;
    expect(await post('/', ['SET', key, 'héllo', 'PX', 60000])).toEqual({ status: 200, body: { result: 'OK' } });
    expect(await post('/', ['GET', key])).toEqual({ status: 200, body: { result: 'héllo' } });
    expect(await post('/', ['INCR', `n:${key}`])).toEqual({ status: 200, body: { result: 1 } });
    expect(await post('/', ['GET', `missing:${key}`])).toEqual({ status: 200, body: { result: null } });
  });

  it('answers a Redis error with 400 and the error text', async () => {
    expect(await post('/', ['INCR'])).toEqual({
      status: 400,
      body: { error: "ERR wrong number of arguments for 'incr' command" },
    });
  });

  it('base64-encodes every string result except OK under Upstash-Encoding: base64, arrays included', async () => {
    const key = `k:${randomUUID()}`;
    const base64 = { 'upstash-encoding': 'base64' };
    expect((await post('/', ['SET', key, 'héllo'], base64)).body).toEqual({ result: 'OK' });
    expect((await post('/', ['GET', key], base64)).body).toEqual({ result: b64('héllo') });
    expect((await post('/', ['PING'], base64)).body).toEqual({ result: b64('PONG') });
    expect((await post('/', ['MGET', key, `missing:${key}`], base64)).body).toEqual({ result: [b64('héllo'), null] });
    expect((await post('/', ['EVAL', 'return {1, ARGV[1], {ARGV[1]}}', 0, 'x'], base64)).body).toEqual({
      result: [1, b64('x'), [b64('x')]],
    });
  });

  it('runs a pipeline, answering each command in order, errors included', async () => {
    const key = `k:${randomUUID()}`;
    const response = await post('/pipeline', [
      ['SET', key, 'valuex'],
      ['INCR', key],
      ['GET', key],
    ]);
    expect(response).toEqual({
      status: 200,
      body: [{ result: 'OK' }, { error: 'ERR value is not an integer or out of range' }, { result: 'valuex' }],
    });
  });

  it('runs /multi-exec as one transaction', async () => {
    const key = `k:${randomUUID()}`;
    const response = await post('/multi-exec', [
      ['SET', key, '1'],
      ['INCRBY', key, 4],
      ['HGET', key, 'field'],
      ['GET', key],
    ]);
    expect(response).toEqual({
      status: 200,
      body: [
        { result: 'OK' },
        { result: 5 },
        { error: 'WRONGTYPE Operation against a key holding the wrong kind of value' },
        { result: '5' },
      ],
    });
  });

  it('discards a /multi-exec transaction with an unknown command as a whole', async () => {
    const key = `k:${randomUUID()}`;
    const response = await post('/multi-exec', [
      ['SET', key, '1'],
      ['NOSUCHCOMMAND'],
    ]);
    expect(response.status).toBe(400);
    expect((response.body as { error: string }).error).toMatch(/unknown command/);
    expect((await post('/', ['GET', key])).body).toEqual({ result: null });
  });

  it('answers 400 for a body that is not a command', async () => {
    expect((await post('/', { command: 'GET' })).status).toBe(400);
    expect((await post('/pipeline', ['GET', 'k'])).status).toBe(400);
  });
});
