/**
 * The Lua scripts behind RedisStore: each Store operation that reads before it writes is ONE script,
 * so it is atomic on the server and every gateway instance sees the same counters.
 *
 * Calling convention of the scripts that share PRELUDE: KEYS[1] is the sorted set of reservations
 * by hold-until, ARGV[1] the caller's clock (epoch ms), ARGV[2] the prefix of reservation records.
 *
 * Expiry is checked on the caller's clock as well as by Redis: a counter or value whose
 * PEXPIRETIME is at or before `now` counts as absent (and is deleted), exactly as the memory
 * store reads `expiresAt <= now`. Redis's own expiry (PEXPIREAT, PXAT) still frees the memory.
 *
 * Numbers are formatted with `int()` before they go back to Redis: Lua turns a number argument
 * into text with too few digits for amounts near 2^53.
 */

/** Kept after a reservation's last logical moment, so a clock a little ahead of Redis's never loses one. */
const RECORD_MARGIN_MS = 3_600_000;

const PRELUDE = `
local holds = KEYS[1]
local now = tonumber(ARGV[1])
local recordPrefix = ARGV[2]

local function int(n)
  if n == 0 then return '0' end
  return string.format('%.0f', n)
end

-- A counter's value and PEXPIRETIME (-1: none), or nil when absent or expired on the caller's clock.
local function live(key)
  local value = redis.call('GET', key)
  if not value then return nil, -1 end
  local at = redis.call('PEXPIRETIME', key)
  if at >= 0 and at <= now then
    redis.call('DEL', key)
    return nil, -1
  end
  return tonumber(value), at
end

-- The expiry is set only when the counter is created (PEXPIREAT NX, without the case of a counter
-- created earlier with no expiry gaining one).
local function create(key, amount, expiresAt)
  redis.call('SET', key, int(amount))
  if expiresAt ~= '' then redis.call('PEXPIREAT', key, expiresAt) end
end

local function add(key, amount, expiresAt)
  if live(key) then return redis.call('INCRBY', key, int(amount)) end
  create(key, amount, expiresAt)
  return amount
end

-- Moves a held amount toward the real one. A counter whose window ended is left alone (a new
-- window does not pay for an old call); a live one never drops below zero.
local function adjust(key, delta, expiresAt)
  if delta == 0 then return end
  if expiresAt ~= '' and tonumber(expiresAt) <= now then return end
  local value = live(key)
  if value then
    local target = math.max(0, value + delta)
    if target ~= value then redis.call('INCRBY', key, int(target - value)) end
  elseif delta > 0 then
    create(key, delta, expiresAt)
  end
end

local function load(id)
  local fields = redis.call('HGETALL', recordPrefix .. id)
  if #fields == 0 then return nil end
  local record = {}
  for i = 1, #fields, 2 do record[fields[i]] = fields[i + 1] end
  record.n = tonumber(record.n)
  return record
end

local function forget(id)
  redis.call('DEL', recordPrefix .. id)
  redis.call('ZREM', holds, id)
end

local function giveBack(record)
  for i = 1, record.n do
    adjust(record['k' .. i], -tonumber(record['a' .. i]), record['e' .. i])
  end
end

-- Reservations whose hold ran out give their amounts back and stay as a marker for one more hold,
-- so a late settle still counts the real amount; markers past that are forgotten. Every script runs
-- this first, so no background job is needed and every instance agrees.
local function sweep()
  local due = redis.call('ZRANGEBYSCORE', holds, '-inf', int(now))
  for _, id in ipairs(due) do
    local record = load(id)
    if record and record.x == '0' then
      giveBack(record)
      local holdUntil = now + tonumber(record.h)
      redis.call('HSET', recordPrefix .. id, 'x', '1')
      redis.call('PEXPIREAT', recordPrefix .. id, int(holdUntil + ${RECORD_MARGIN_MS}))
      redis.call('ZADD', holds, int(holdUntil), id)
    else
      forget(id)
    end
  end
end

sweep()
`;

/** KEYS[2] the counter; ARGV[3] the amount, ARGV[4] expiresAt or ''. Returns the new value. */
export const INCREMENT = `${PRELUDE}
return add(KEYS[2], tonumber(ARGV[3]), ARGV[4])
`;

/** KEYS[2..] the counters. Returns their values, 0 for absent ones. */
export const GET_COUNTERS = `${PRELUDE}
local values = {}
for i = 2, #KEYS do values[i - 1] = live(KEYS[i]) or 0 end
return values
`;

/**
 * KEYS[2..n+1] the counters; ARGV[3] the reservation id, ARGV[4] holdMs, then per item amount,
 * limit and expiresAt (or ''). Returns {1} when held, else {0, index, current, resetsAt or -1}.
 */
export const RESERVE = `${PRELUDE}
local n = #KEYS - 1
local earlier = {}
for i = 1, n do
  local key = KEYS[i + 1]
  local base = 5 + (i - 1) * 3
  local amount = tonumber(ARGV[base])
  local value, at = live(key)
  -- The same counter may appear twice (two rules over one key): each check sees the items before it.
  local current = (value or 0) + (earlier[key] or 0)
  if current + amount > tonumber(ARGV[base + 1]) then
    local resetsAt = -1
    if value and at >= 0 then resetsAt = at elseif ARGV[base + 2] ~= '' then resetsAt = tonumber(ARGV[base + 2]) end
    return {0, i - 1, current, resetsAt}
  end
  earlier[key] = (earlier[key] or 0) + amount
end
local fields = {'n', int(n), 'h', ARGV[4], 'x', '0'}
for i = 1, n do
  local base = 5 + (i - 1) * 3
  add(KEYS[i + 1], tonumber(ARGV[base]), ARGV[base + 2])
  table.insert(fields, 'k' .. i)
  table.insert(fields, KEYS[i + 1])
  table.insert(fields, 'a' .. i)
  table.insert(fields, ARGV[base])
  table.insert(fields, 'e' .. i)
  table.insert(fields, ARGV[base + 2])
end
local record = recordPrefix .. ARGV[3]
local holdUntil = now + tonumber(ARGV[4])
redis.call('HSET', record, unpack(fields))
redis.call('PEXPIREAT', record, int(holdUntil + tonumber(ARGV[4]) + ${RECORD_MARGIN_MS}))
redis.call('ZADD', holds, int(holdUntil), ARGV[3])
return {1}
`;

/**
 * ARGV[3] the reservation id, ARGV[4] 'all' (ARGV[5] is every item's real amount) or 'each'
 * (ARGV[5..] one per item). Returns {1} settled, {0} unknown, {-1, n} when 'each' gave a count
 * other than the n items (nothing changes then).
 */
export const SETTLE = `${PRELUDE}
local record = load(ARGV[3])
if not record then return {0} end
local each = ARGV[4] == 'each'
if each and #ARGV - 4 ~= record.n then return {-1, record.n} end
forget(ARGV[3])
for i = 1, record.n do
  local actual = tonumber(ARGV[each and 4 + i or 5])
  local held = 0
  if record.x == '0' then held = tonumber(record['a' .. i]) end
  adjust(record['k' .. i], actual - held, record['e' .. i])
end
return {1}
`;

/** ARGV[3] the reservation id. Returns 1 when it still held amounts (now given back), else 0. */
export const RELEASE = `${PRELUDE}
local record = load(ARGV[3])
if not record then return 0 end
forget(ARGV[3])
if record.x == '1' then return 0 end
giveBack(record)
return 1
`;

/** KEYS[1] the value, ARGV[1] the caller's clock. The value, or nil when absent or expired. */
export const GET_VALUE = `
local value = redis.call('GET', KEYS[1])
if not value then return false end
local at = redis.call('PEXPIRETIME', KEYS[1])
if at >= 0 and at <= tonumber(ARGV[1]) then
  redis.call('DEL', KEYS[1])
  return false
end
return value
`;
