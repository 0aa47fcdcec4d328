import { randomUUID } from 'node:crypto';
import { Redis } from '@upstash/redis';
import type { Kv } from './port';
import { type PoolSeed, type PoolTake, type PoolTakeResult, freeRunsOf, runsToText } from './number-pool';
import {
  INCREMENT_SCRIPT,
  RELEASE_LOCK_SCRIPT,
  RESERVE_SCRIPT,
  RETURN_NUMBERS_SCRIPT,
  SEED_NUMBERS_SCRIPT,
  TAKE_NUMBERS_SCRIPT,
} from './upstash-scripts';

/** Where the Upstash database is: its REST URL, and its token fetched on first use (from the secrets port). */
export interface UpstashKvOptions {
  url: string;
  token: () => Promise<string>;
}

/** A kv operation that did not complete: Upstash unreachable, the token missing or refused, or a Redis error. */
export class KvOperationError extends Error {
  constructor(
    readonly operation: string,
    cause: unknown,
  ) {
    super(`Upstash kv ${operation} failed: ${reasonOf(cause)}`, { cause });
    this.name = 'KvOperationError';
  }
}

interface LuaScript<T> {
  exec(keys: string[], args: string[]): Promise<T>;
}

interface Connection {
  redis: Redis;
  increment: LuaScript<number>;
  reserve: LuaScript<[number, number] | null>;
  releaseLock: LuaScript<number>;
  takeNumbers: LuaScript<[string, number, number]>;
  returnNumbers: LuaScript<number>;
  seedNumbers: LuaScript<number>;
}

/**
 * The production kv adapter over Upstash's REST API. Each operation is one Redis command or one Lua script, so it is
 * atomic across function instances. Values are stored as JSON text.
 */
export class UpstashKv implements Kv {
  readonly backend = 'upstash' as const;
  private connection: Promise<Connection> | undefined;

  constructor(private readonly options: UpstashKvOptions) {}

  async get<T>(key: string): Promise<T | null> {
    return this.run('get', async ({ redis }) => {
      const stored = await redis.get<string>(key);
      return stored === null ? null : (JSON.parse(stored) as T);
    });
  }

  async set(key: string, value: unknown, options: { ttlMs?: number } = {}): Promise<void> {
    const json = toJson(value);
    const px = expiryMs(options.ttlMs);
    await this.run('set', ({ redis }) => (px ? redis.set(key, json, { px }) : redis.set(key, json)));
  }

  async setIfAbsent(key: string, value: unknown, ttlMs: number): Promise<boolean> {
    return this.setNx('setIfAbsent', key, toJson(value), ttlMs);
  }

  async del(key: string): Promise<void> {
    await this.run('del', ({ redis }) => redis.del(key));
  }

  async increment(key: string, options: { by?: number; ttlMs?: number } = {}): Promise<number> {
    const args = [String(options.by ?? 1), String(expiryMs(options.ttlMs) ?? 0)];
    return this.run('increment', ({ increment }) => increment.exec([key], args));
  }

  async ttlMs(key: string): Promise<number | null> {
    const remaining = await this.run('ttlMs', ({ redis }) => redis.pttl(key));
    // PTTL answers -2 for a missing key and -1 for a key without expiry; the port calls both "no TTL".
    return remaining < 0 ? null : remaining;
  }

  async reserve(key: string, count: number, cap: number): Promise<{ first: number; last: number } | null> {
    const range = await this.run('reserve', ({ reserve }) => reserve.exec([key], [String(count), String(cap)]));
    return range ? { first: range[0], last: range[1] } : null;
  }

  async takeNumbers(pool: string, take: PoolTake): Promise<PoolTakeResult> {
    const args = [take.claim, take.holder, String(take.count), String(take.cap), String(take.holderLimit)];
    const [status, a, b] = await this.run('takeNumbers', ({ takeNumbers }) => takeNumbers.exec([pool], args));
    if (status === 'taken') return { status, first: Number(a), last: Number(b) };
    if (status === 'sold_out') return { status, available: Number(a) };
    if (status === 'holder_limit') return { status, held: Number(a) };
    return { status: 'missing' };
  }

  async returnNumbers(pool: string, claim: string): Promise<boolean> {
    return (await this.run('returnNumbers', ({ returnNumbers }) => returnNumbers.exec([pool], [claim]))) === 1;
  }

  async seedNumbers(pool: string, seed: PoolSeed): Promise<boolean> {
    const args = [String(seed.issued), runsToText(freeRunsOf(seed))];
    for (const c of seed.claims) args.push(c.claim, c.holder, String(c.first), String(c.last));
    return (await this.run('seedNumbers', ({ seedNumbers }) => seedNumbers.exec([pool], args))) === 1;
  }

  async acquireLock(key: string, ttlMs: number): Promise<string | null> {
    const token = randomUUID();
    return (await this.setNx('acquireLock', key, toJson(token), ttlMs)) ? token : null;
  }

  async releaseLock(key: string, token: string): Promise<boolean> {
    const released = await this.run('releaseLock', ({ releaseLock }) => releaseLock.exec([key], [toJson(token)]));
    return released === 1;
  }

  async ping(): Promise<void> {
    await this.run('ping', ({ redis }) => redis.ping());
  }

  private async setNx(operation: string, key: string, json: string, ttlMs: number): Promise<boolean> {
    const px = expiryMs(ttlMs);
    const reply = await this.run(operation, ({ redis }) =>
      px ? redis.set(key, json, { nx: true, px }) : redis.set(key, json, { nx: true }),
    );
    return reply !== null;
  }

  private async run<T>(operation: string, command: (connection: Connection) => Promise<T>): Promise<T> {
    try {
      return await command(await this.connect());
    } catch (error) {
      throw new KvOperationError(operation, error);
    }
  }

  /** The client is created on first use with the token fetched once; a failed fetch is retried by the next call. */
  private connect(): Promise<Connection> {
    if (!this.connection) {
      const attempt = this.options.token().then((token) => openConnection(this.options.url, token));
      this.connection = attempt;
      attempt.catch(() => {
        if (this.connection === attempt) this.connection = undefined;
      });
    }
    return this.connection;
  }
}

function openConnection(url: string, token: string): Connection {
  const redis = new Redis({
    url,
    token,
    // Values are JSON we encode and decode ourselves: the client's guessing parser would turn the stored string
    // "123" into a number and leave script replies in a shape we did not choose.
    automaticDeserialization: false,
    // Kept explicit (it is the client's default): Upstash base64-encodes strings, so any byte survives the JSON body.
    responseEncoding: 'base64',
    // A retried INCRBY, reservation or SET NX whose first reply was lost would count twice or refuse its own write;
    // callers see the failure instead and decide.
    retry: { retries: 0 },
    // One request per operation, so a failure belongs to exactly the operation that caused it.
    enableAutoPipelining: false,
    enableTelemetry: false,
  });
  return {
    redis,
    increment: redis.createScript<number>(INCREMENT_SCRIPT),
    reserve: redis.createScript<[number, number] | null>(RESERVE_SCRIPT),
    releaseLock: redis.createScript<number>(RELEASE_LOCK_SCRIPT),
    takeNumbers: redis.createScript<[string, number, number]>(TAKE_NUMBERS_SCRIPT),
    returnNumbers: redis.createScript<number>(RETURN_NUMBERS_SCRIPT),
    seedNumbers: redis.createScript<number>(SEED_NUMBERS_SCRIPT),
  };
}

function toJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('kv values must be JSON-serializable');
  return json;
}

/** Redis wants a whole number of milliseconds ≥ 1; like the memory adapter, no positive TTL means no expiry. */
function expiryMs(ttlMs: number | undefined): number | undefined {
  return ttlMs && ttlMs > 0 ? Math.ceil(ttlMs) : undefined;
}

/**
 * A short reason: the client's errors end with the whole command, which can carry stored values. Duck-typed, since
 * fetch's errors can come from another realm (where `instanceof Error` is false).
 */
function reasonOf(cause: unknown): string {
  const { message, cause: inner } = (cause ?? {}) as { message?: unknown; cause?: { code?: unknown } };
  if (typeof message !== 'string') return String(cause);
  const reason = message.split(', command was:')[0];
  return typeof inner?.code === 'string' ? `${reason} (${inner.code})` : reason;
}
