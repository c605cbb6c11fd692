//! The Redis Lua scripts behind every binding's `RedisLimiter`: the GCRA and the sliding log, each over one or
//! several quotas in one atomic call. Both take the time from Redis `TIME` (application clocks do not matter),
//! decide every quota first and record the request in all of them only when all allow, give each key a TTL, and
//! reply with what [`super::redis_plan::RedisPlan::decision`] needs to rebuild the in-memory limiter's decision.
//! All numbers stay below 2^53, where Lua's doubles are exact.

/// The GCRA over `#KEYS` quotas. `KEYS[i]`: the state of quota i (its theoretical arrival time in microseconds);
/// `ARGV`: the cost, then for each quota its emission interval (microseconds) and burst.
/// Reply: `{allowed (1 or 0), now (microseconds, from TIME), state before the request of each quota (0 if none)...}`.
pub const REDIS_GCRA_QUOTAS_SCRIPT: &str = r#"-- fleetgate GCRA over several quotas: see fleetgate::ratelimit::gcra_step
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local cost = tonumber(ARGV[1])
local reply = {1, now}
local next_tat = {}
for i = 1, #KEYS do
  local t = tonumber(ARGV[2 * i])
  local burst = tonumber(ARGV[2 * i + 1])
  local stored = tonumber(redis.call('GET', KEYS[i]) or '0') or 0
  local tat = math.max(stored, now) + t * cost
  if tat - t * burst > now then
    reply[1] = 0
  end
  next_tat[i] = tat
  reply[i + 2] = stored
end
if reply[1] == 1 then
  for i = 1, #KEYS do
    redis.call('SET', KEYS[i], string.format('%.0f', next_tat[i]), 'PX', math.ceil((next_tat[i] - now) / 1000))
  end
end
return reply
"#;

/// The sliding log over `#KEYS` quotas, one sorted set per quota. Each member is one admitted request (or several,
/// for a cost above 1) at the instant of its score: `"<first>:<last>"`, the running count of requests admitted on
/// the key before it and after it, zero-padded to 16 digits so members of one instant sort in admission order. So
/// a request of any cost adds one member, and the log of a key holds at most `limit` requests.
/// `ARGV`: the cost, then for each quota its limit and period (microseconds).
/// Reply: `{allowed (1 or 0), now, then for each quota: requests held in the window, the instant (microseconds)
/// at which enough of them have left for this request (0 when it fits now), the newest instant held (0 if none)}`.
pub const REDIS_SLIDING_LOG_SCRIPT: &str = r#"-- fleetgate sliding log over several quotas: see fleetgate::ratelimit (sliding log)
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local cost = tonumber(ARGV[1])
local reply = {1, now}
local last = {}
for i = 1, #KEYS do
  local key = KEYS[i]
  local limit = tonumber(ARGV[2 * i])
  local period = tonumber(ARGV[2 * i + 1])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', string.format('%.0f', now - period))
  local held, freed_by, newest_at, last_count = 0, 0, 0, 0
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  if #oldest > 0 then
    local base = tonumber(string.sub(oldest[1], 1, 16))
    local newest = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
    last_count = tonumber(string.sub(newest[1], 18, 33))
    newest_at = tonumber(newest[2])
    held = last_count - base
    if held + cost > limit then
      -- the first member whose last count reaches base + (held + cost - limit) must leave the window
      local must_leave = base + held + cost - limit
      if tonumber(string.sub(oldest[1], 18, 33)) >= must_leave then
        freed_by = tonumber(oldest[2]) -- the common case (cost 1 at the limit): the oldest must leave
      else
        local lo, hi = 1, redis.call('ZCARD', key) - 1
        while lo < hi do
          local mid = math.floor((lo + hi) / 2)
          local member = redis.call('ZRANGE', key, mid, mid)
          if tonumber(string.sub(member[1], 18, 33)) < must_leave then lo = mid + 1 else hi = mid end
        end
        freed_by = tonumber(redis.call('ZRANGE', key, lo, lo, 'WITHSCORES')[2])
      end
      reply[1] = 0
    end
  end
  last[i] = last_count
  reply[3 * i] = held
  reply[3 * i + 1] = freed_by
  reply[3 * i + 2] = newest_at
end
if reply[1] == 1 then
  for i = 1, #KEYS do
    local member = string.format('%016.0f:%016.0f', last[i], last[i] + cost)
    redis.call('ZADD', KEYS[i], string.format('%.0f', now), member)
    redis.call('PEXPIRE', KEYS[i], math.ceil(tonumber(ARGV[2 * i + 1]) / 1000))
  end
end
return reply
"#;
