// Lua run by Redis as one atomic step, so each kv operation that needs a read and a write stays a single command.
// Plain Lua without a `#!lua flags=` shebang: open-source Redis and Upstash both accept it.

/**
 * INCRBY that sets the expiry only when this call created the key, so later increments keep the first TTL.
 * KEYS[1] counter; ARGV[1] amount; ARGV[2] TTL in ms (0 for none). Returns the new value.
 */
export const INCREMENT_SCRIPT = `
local created = redis.call('EXISTS', KEYS[1]) == 0
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = tonumber(ARGV[2])
if created and ttl > 0 then
  redis.call('PEXPIRE', KEYS[1], ttl)
end
return value
`;

/**
 * Compare-and-reserve under a cap: adds ARGV[1] to the counter KEYS[1] only when the sum stays ≤ ARGV[2].
 * Returns {first, last} (1-based) or nil when refused. INCRBY keeps any TTL the counter already has.
 */
export const RESERVE_SCRIPT = `
local count = tonumber(ARGV[1])
local cap = tonumber(ARGV[2])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if count < 1 or current + count > cap then
  return nil
end
redis.call('INCRBY', KEYS[1], count)
return {current + 1, current + count}
`;

/**
 * Compare-and-delete: removes the lock KEYS[1] only while it still holds the token ARGV[1] (as stored, JSON-encoded).
 * Returns 1 when released, 0 when the lock was gone or held by someone else.
 */
export const RELEASE_LOCK_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;
