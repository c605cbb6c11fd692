//! [`RedisLimiter`]: the GCRA shared by every server instance through Redis (cargo feature `redis`).

use super::{decision_from_redis_reply, redis_argv, Decision, Quota, RateLimitError, REDIS_GCRA_SCRIPT};

/// A GCRA limiter whose state lives in Redis, so several server instances share one quota per key.
///
/// Each [`check`](RedisLimiter::check) is one atomic `EVALSHA` of [`REDIS_GCRA_SCRIPT`] (loaded on first use);
/// the time is Redis' own `TIME`, so the application servers' clocks do not matter.
pub struct RedisLimiter {
    quota: Quota,
    prefix: String,
    script: redis::Script,
    connection: redis::Connection,
}

impl RedisLimiter {
    /// Connects to the Redis server at `url` (e.g. `redis://127.0.0.1:6379/`). Keys are stored as
    /// `prefix + key`. Connection failures are `redis_error`.
    pub fn connect(url: &str, quota: Quota, prefix: &str) -> Result<Self, RateLimitError> {
        let connection = redis::Client::open(url).and_then(|c| c.get_connection()).map_err(redis_error)?;
        Ok(RedisLimiter { quota, prefix: prefix.to_owned(), script: redis::Script::new(REDIS_GCRA_SCRIPT), connection })
    }

    /// The quota.
    pub fn quota(&self) -> &Quota {
        &self.quota
    }

    /// Decides one request of `cost` for `key`; [`Decision::at_us`] is the Redis server's time.
    pub fn check(&mut self, key: &str, cost: u64) -> Result<Decision, RateLimitError> {
        let argv = redis_argv(&self.quota, cost)?;
        let mut invocation = self.script.key(format!("{}{key}", self.prefix));
        for arg in &argv {
            invocation.arg(arg.as_str());
        }
        let reply: Vec<i64> = invocation.invoke(&mut self.connection).map_err(redis_error)?;
        decision_from_redis_reply(&self.quota, &reply, cost)
    }
}

fn redis_error(err: redis::RedisError) -> RateLimitError {
    RateLimitError::Redis { message: err.to_string() }
}
