import { LocalBus } from '@shared/bus/local';
import { ManualClock } from '@shared/clock';
import { parseConfig } from '@shared/config';
import { MemoryKv } from '@shared/kv/memory';
import { type LogFields, createLogger } from '@shared/log';
import { type Runtime, createRuntime } from '@shared/runtime';
import { EnvSecrets } from '@shared/secrets/env';
import { signToken } from '@shared/http/auth';

/** Secrets every test runtime carries. */
export const TEST_SECRETS = {
  JWT_SECRET: 'test-jwt-secret-0123456789abcdef0123456789abcdef',
  PII_PEPPER: 'test-pepper-0123456789abcdef',
  PII_ENCRYPTION_KEYS: JSON.stringify({ current: 1, keys: { '1': Buffer.alloc(32, 7).toString('base64') } }),
};

export interface TestRuntime extends Runtime {
  clock: ManualClock;
  kv: MemoryKv;
  bus: LocalBus;
  /** Every log line written, parsed. */
  logs: LogFields[];
}

/** A runtime on embedded adapters: DuckDB in memory, memory kv on a manual clock, local bus, env secrets. */
export function createTestRuntime(
  env: Record<string, string> = {},
  start = '2026-03-15T17:00:00Z',
  secrets: Record<string, string> = {},
): TestRuntime {
  const cfg = parseConfig({ WAREHOUSE: 'duckdb::memory:', NODE_ENV: 'test', BUS_MIN_BACKOFF_MS: '1', BUS_MAX_BACKOFF_MS: '5', ...env });
  const clock = new ManualClock(start);
  const logs: LogFields[] = [];
  const log = createLogger({ level: 'DEBUG', write: (line) => logs.push(JSON.parse(line)) });
  const rt = createRuntime(cfg, {
    clock,
    log,
    kv: new MemoryKv(clock),
    secrets: new EnvSecrets({ ...TEST_SECRETS, ...secrets }),
    bus: new LocalBus({ maxDeliveryAttempts: cfg.BUS_MAX_DELIVERY_ATTEMPTS, minBackoffMs: 1, maxBackoffMs: 5, log }),
  });
  return Object.assign(rt, { logs }) as TestRuntime;
}

/** A valid token for the test runtime's settings. */
export function tokenFor(rt: Runtime, sub: string, role: 'customer' | 'admin' = 'customer', expiresIn = '1h') {
  return signToken({ sub, role }, { secret: TEST_SECRETS.JWT_SECRET, audience: rt.config.JWT_AUDIENCE, issuer: rt.config.JWT_ISSUER }, expiresIn);
}
