import { parseConfig } from '@shared/config';

describe('configuration', () => {
  test('no settings at all select every embedded default', () => {
    const cfg = parseConfig({});
    expect(cfg).toMatchObject({
      WAREHOUSE: 'duckdb:.data/warehouse.duckdb',
      KV: 'memory',
      BUS: 'local',
      SECRETS: 'env',
      BUSINESS_TIMEZONE: 'America/Chicago',
      PORT: 8080,
      CORS_ORIGINS: [],
    });
    expect(Object.isFrozen(cfg)).toBe(true);
  });

  test.each([
    [{ WAREHOUSE: 'postgres' }, 'WAREHOUSE'],
    [{ KV: 'redis' }, 'KV'],
    [{ BUSINESS_TIMEZONE: 'Mars/Olympus' }, 'BUSINESS_TIMEZONE'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ UPSTASH_REDIS_REST_URL: 'not a url' }, 'UPSTASH_REDIS_REST_URL'],
  ])('a bad value %j fails fast naming %s', (env, name) => {
    expect(() => parseConfig(env)).toThrow(new RegExp(`Invalid configuration: .*${name}`));
  });

  test('lists and numbers are parsed', () => {
    const cfg = parseConfig({ CORS_ORIGINS: 'https://a.example, https://b.example', PORT: '9090', TRUST_PROXY_HOPS: '2' });
    expect(cfg.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
    expect(cfg.PORT).toBe(9090);
    expect(cfg.TRUST_PROXY_HOPS).toBe(2);
  });
});
