//! [`RedisLimiter`]: the GCRA shared by every server instance through Redis (cargo feature `redis`).

use super::{decision_from_redis_reply, redis_argv, Decision, Quota, RateLimitError, RedisPlan, REDIS_GCRA_SCRIPT};

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

/// A limiter whose state lives in Redis, run by a [`RedisPlan`]: the sliding log or the GCRA, one or several
/// quotas, keys `{prefix:key}:...` (Redis Cluster hash tags), one `EVALSHA` per decision (`EVAL` after
/// `NOSCRIPT`). The same scripts and replies as the Node and Python `RedisLimiter`s. Errors are `redis_error`
/// (this blocking client applies no failure policy; the bindings' limiters do).
pub struct PlannedRedisLimiter {
    plan: RedisPlan,
    connection: redis::Connection,
}

impl PlannedRedisLimiter {
    /// Connects to the Redis server at `url` and runs `plan`.
    pub fn connect(url: &str, plan: RedisPlan) -> Result<Self, RateLimitError> {
        let connection = redis::Client::open(url).and_then(|c| c.get_connection()).map_err(redis_error)?;
        Ok(PlannedRedisLimiter { plan, connection })
    }

    /// The plan.
    pub fn plan(&self) -> &RedisPlan {
        &self.plan
    }

    /// Decides one request of `cost` for `key`; [`Decision::at_us`] is the Redis server's time.
    pub fn check(&mut self, key: &str, cost: u64) -> Result<Decision, RateLimitError> {
        let args = self.plan.args(cost)?;
        let keys = self.plan.keys(key);
        let run = |command: &str, first: &str, connection: &mut redis::Connection| {
            redis::cmd(command).arg(first).arg(keys.len()).arg(&keys).arg(&args).query::<Vec<i64>>(connection)
        };
        let reply = match run("EVALSHA", self.plan.sha(), &mut self.connection) {
            Err(e) if e.kind() == redis::ErrorKind::Server(redis::ServerErrorKind::NoScript) => {
                run("EVAL", self.plan.script(), &mut self.connection)
            }
            other => other,
        }
        .map_err(redis_error)?;
        self.plan.decision(&reply, cost)
    }
}

fn redis_error(err: redis::RedisError) -> RateLimitError {
    RateLimitError::Redis { message: err.to_string() }
}
