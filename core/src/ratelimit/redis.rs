//! The GCRA as a Redis Lua script, for a limit shared by several server instances.
//!
//! One atomic `EVALSHA` per decision: the script reads the key's state, takes the time from Redis `TIME` (so the
//! application servers' clocks do not matter), applies the same rule as [`gcra_step`](super::gcra_step), stores the
//! new state with an expiry (an idle key vanishes by itself) and replies `[allowed, now_us, state_before_us]`.
//! [`decision_from_redis_reply`] turns that reply into a [`Decision`] by running `gcra_step` on the same inputs, so
//! the distributed and in-memory limiters agree decision by decision. All numbers stay below 2^53, where Lua's
//! doubles are exact.

use super::{gcra_step, Decision, Quota, RateLimitError};

/// The Lua script. `KEYS[1]`: the rate-limit key; `ARGV`: [`redis_argv`] (emission interval in microseconds, burst,
/// cost). Reply: `{allowed (1 or 0), now (microseconds, from TIME), the state before this request (0 if none)}`.
pub const REDIS_GCRA_SCRIPT: &str = r#"-- fleetgate GCRA: see fleetgate::ratelimit::gcra_step
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local t = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local stored = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
local tat = math.max(stored, now)
local new_tat = tat + t * cost
if new_tat - t * burst > now then
  return {0, now, stored}
end
redis.call('SET', KEYS[1], string.format('%.0f', new_tat), 'PX', math.ceil((new_tat - now) / 1000))
return {1, now, stored}
"#;

/// The script's `ARGV` for `quota` and a request of `cost`: the emission interval in microseconds, the burst and
/// the cost, as decimal strings.
pub fn redis_argv(quota: &Quota, cost: u64) -> Result<[String; 3], RateLimitError> {
    if cost == 0 || cost > quota.burst() {
        return Err(RateLimitError::InvalidCost { cost, max: quota.burst() });
    }
    Ok([quota.emission_interval_us().to_string(), quota.burst().to_string(), cost.to_string()])
}

/// Turns the script's reply `[allowed, now_us, state_before_us]` into a [`Decision`] for `quota` and `cost`.
/// A reply of another shape, or one that disagrees with [`gcra_step`](super::gcra_step) on the same inputs (a
/// different script or quota wrote the key), is `invalid_state`.
pub fn decision_from_redis_reply(quota: &Quota, reply: &[i64], cost: u64) -> Result<Decision, RateLimitError> {
    let &[allowed, now_us, before_us] = reply else {
        return Err(RateLimitError::InvalidState {
            problem: format!("expected the reply [allowed, now_us, state_before_us], got {} values", reply.len()),
        });
    };
    let (decision, _) = gcra_step(quota, before_us, now_us, cost)?;
    if (allowed == 1) != decision.allowed || !(0..=1).contains(&allowed) {
        return Err(RateLimitError::InvalidState {
            problem: format!("the script answered allowed={allowed} where the quota's GCRA decides otherwise"),
        });
    }
    Ok(decision)
}
