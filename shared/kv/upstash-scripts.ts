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

// Numbered pools (see number-pool.ts) live in one hash: `issued` (highest number handed out), `free` (returned runs
// below it as "3-5,9-9", ascending), `h:<holder>` (numbers a holder has), `c:<claim>` ("<holder>|<first>|<last>").

/**
 * Takes numbers for a claim. KEYS[1] pool; ARGV claim, holder, count, cap, holderLimit.
 * Returns {status, a, b}: {'taken', first, last} | {'missing', 0, 0} | {'sold_out', available, 0} | {'holder_limit', held, 0}.
 */
export const TAKE_NUMBERS_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {'missing', 0, 0} end
local existing = redis.call('HGET', KEYS[1], 'c:' .. ARGV[1])
if existing then
  local first, last = string.match(existing, '|(%d+)|(%d+)$')
  return {'taken', tonumber(first), tonumber(last)}
end
local count, cap, limit = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local held = tonumber(redis.call('HGET', KEYS[1], 'h:' .. ARGV[2]) or '0')
if count < 1 or held + count > limit then return {'holder_limit', held, 0} end
local free = redis.call('HGET', KEYS[1], 'free') or ''
local kept, first, spare = {}, nil, 0
for a, b in string.gmatch(free, '(%d+)-(%d+)') do
  a, b = tonumber(a), tonumber(b)
  spare = spare + b - a + 1
  if first == nil and b - a + 1 >= count then
    first = a
    if b - a + 1 > count then table.insert(kept, string.format('%d-%d', a + count, b)) end
  else
    table.insert(kept, string.format('%d-%d', a, b))
  end
end
if first == nil then
  local issued = tonumber(redis.call('HGET', KEYS[1], 'issued') or '0')
  if issued + count > cap then
    local left = cap - issued
    if left < 0 then left = 0 end
    return {'sold_out', left + spare, 0}
  end
  first = issued + 1
  redis.call('HSET', KEYS[1], 'issued', issued + count)
else
  redis.call('HSET', KEYS[1], 'free', table.concat(kept, ','))
end
local last = first + count - 1
redis.call('HINCRBY', KEYS[1], 'h:' .. ARGV[2], count)
redis.call('HSET', KEYS[1], 'c:' .. ARGV[1], string.format('%s|%d|%d', ARGV[2], first, last))
return {'taken', first, last}
`;

/** Returns a claim's numbers, merging runs and lowering `issued` when the top is freed. KEYS[1] pool; ARGV[1] claim. 1 or 0. */
export const RETURN_NUMBERS_SCRIPT = `
local existing = redis.call('HGET', KEYS[1], 'c:' .. ARGV[1])
if not existing then return 0 end
local holder, first, last = string.match(existing, '^(.*)|(%d+)|(%d+)$')
first, last = tonumber(first), tonumber(last)
redis.call('HDEL', KEYS[1], 'c:' .. ARGV[1])
local left = redis.call('HINCRBY', KEYS[1], 'h:' .. holder, first - last - 1)
if left <= 0 then redis.call('HDEL', KEYS[1], 'h:' .. holder) end
local runs = {{first, last}}
for a, b in string.gmatch(redis.call('HGET', KEYS[1], 'free') or '', '(%d+)-(%d+)') do
  table.insert(runs, {tonumber(a), tonumber(b)})
end
table.sort(runs, function(x, y) return x[1] < y[1] end)
local merged = {}
for _, run in ipairs(runs) do
  local previous = merged[#merged]
  if previous and previous[2] + 1 >= run[1] then
    if run[2] > previous[2] then previous[2] = run[2] end
  else
    table.insert(merged, {run[1], run[2]})
  end
end
local issued = tonumber(redis.call('HGET', KEYS[1], 'issued') or '0')
local top = merged[#merged]
if top and top[2] >= issued then
  redis.call('HSET', KEYS[1], 'issued', top[1] - 1)
  table.remove(merged)
end
local text = {}
for _, run in ipairs(merged) do table.insert(text, string.format('%d-%d', run[1], run[2])) end
redis.call('HSET', KEYS[1], 'free', table.concat(text, ','))
return 1
`;

/**
 * Creates a pool unless it exists. KEYS[1] pool; ARGV[1] issued, ARGV[2] free runs text, then (claim, holder, first,
 * last) per claim. Returns 1 when created.
 */
export const SEED_NUMBERS_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'issued', ARGV[1], 'free', ARGV[2])
for i = 3, #ARGV, 4 do
  local count = tonumber(ARGV[i + 3]) - tonumber(ARGV[i + 2]) + 1
  redis.call('HINCRBY', KEYS[1], 'h:' .. ARGV[i + 1], count)
  redis.call('HSET', KEYS[1], 'c:' .. ARGV[i], ARGV[i + 1] .. '|' .. ARGV[i + 2] .. '|' .. ARGV[i + 3])
end
return 1
`;
