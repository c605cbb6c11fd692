//! `ratelimit` namespace, the distributed part: `RedisPlan` (what `ratelimit.RedisLimiter` in `redis-limiter.js`
//! sends to Redis and how it reads the reply, all from `fleetgate::ratelimit::RedisPlan`), the `deniedBy` /
//! `reason` of a decision, and `Limiter.checkInto` for the package's JS `Limiter`.

use fleetgate::boundary::Site;
use fleetgate::ratelimit::{self as core, RateLimitError, DECISION_FIELDS};
use napi::bindgen_prelude::{Float64Array, Unknown};
use napi::Env;
use napi_derive::napi;

use crate::boundary;
use crate::errors::{guard, to_js_err};
use crate::ratelimit::{clock_us, decision, Decision, Limiter};

/// A request's `cost` argument (default: the core's, 1).
fn cost_arg(env: &Env, cost: Option<Unknown<'_>>) -> napi::Result<u64> {
    let cost: Option<u64> = boundary::decode_or_default(env, cost, &Site::argument("ratelimit", "cost"))?;
    Ok(cost.unwrap_or_else(|| core::CheckOptions::default().cost))
}

/// A `now` argument in unix seconds (default: the clock), in microseconds.
fn now_arg(env: &Env, now: Option<Unknown<'_>>) -> napi::Result<i64> {
    let now: Option<f64> = boundary::decode_or_default(env, now, &Site::argument("ratelimit", "now"))?;
    core::now_micros(now, clock_us).map_err(to_js_err(env))
}

#[napi(namespace = "ratelimit")]
impl Decision {
    /// With several quotas, the index of the quota that denied; `null` when allowed or with one quota.
    #[napi(getter, js_name = "deniedBy")]
    pub fn denied_by(&self) -> Option<u32> {
        self.inner.denied_by.map(|i| i as u32)
    }

    /// `null` normally; `"timeout"` or `"store_error"` when a `RedisLimiter` decided by its `onError` policy
    /// because Redis failed.
    #[napi(getter)]
    pub fn reason(&self) -> Option<&'static str> {
        self.inner.reason.map(|r| r.as_str())
    }
}

/// What a `RedisLimiter` runs: the script, its SHA-1, the keys and arguments of each call, and the decision in
/// each reply. `ratelimit.RedisLimiter` uses it; use it directly to drive a Redis client it does not know.
#[napi(namespace = "ratelimit")]
pub struct RedisPlan {
    inner: core::RedisPlan,
}

#[napi(namespace = "ratelimit")]
impl RedisPlan {
    /// `new ratelimit.RedisPlan({limit, period, burst, quotas, algorithm, prefix, timeoutMs, onError,
    /// legacyHeaders})`, the options of `RedisLimiter`.
    /// @throws {Error} with `code` `invalid_option` or `invalid_quota`.
    #[napi(constructor)]
    pub fn new(
        env: Env,
        #[napi(
            ts_arg_type = "{ limit?: number; period?: number; burst?: number; quotas?: Array<{ limit: number; period: number; burst?: number }>; algorithm?: 'sliding_log' | 'gcra'; prefix?: string; timeoutMs?: number; onError?: 'allow' | 'deny' | 'raise'; legacyHeaders?: boolean }"
        )]
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Self> {
        guard(&env, || {
            let options: core::RedisLimiterOptions =
                boundary::decode_or_default(&env, options, &Site::options("ratelimit").camel())?;
            if options.timeout.is_some() {
                let problem = "JS takes timeoutMs (milliseconds), not timeout";
                return Err(to_js_err(&env)(RateLimitError::InvalidQuota { problem }));
            }
            core::RedisPlan::new(&options).map(|inner| RedisPlan { inner }).map_err(to_js_err(&env))
        })
    }

    /// The Lua script (`EVAL` it when `EVALSHA` answers `NOSCRIPT`).
    #[napi(getter)]
    pub fn script(&self) -> &'static str {
        self.inner.script()
    }

    /// The script's SHA-1, for `EVALSHA`.
    #[napi(getter)]
    pub fn sha(&self) -> String {
        self.inner.sha().to_owned()
    }

    /// How long one decision may take, in milliseconds, before the `onError` policy applies.
    #[napi(getter, js_name = "timeoutMs")]
    pub fn timeout_ms(&self) -> u32 {
        self.inner.timeout_ms() as u32
    }

    /// `"sliding_log"` or `"gcra"`.
    #[napi(getter)]
    pub fn algorithm(&self) -> &'static str {
        self.inner.algorithm().name()
    }

    /// The script's `KEYS` for a client key (one per quota, hash-tagged `{prefix:key}`).
    #[napi]
    pub fn keys(&self, key: String) -> Vec<String> {
        self.inner.keys(&key)
    }

    /// The script's `ARGV` for a request of `cost` (default 1).
    /// @throws {Error} with `code` `invalid_cost`.
    #[napi]
    pub fn args(
        &self,
        env: Env,
        #[napi(ts_arg_type = "number")] cost: Option<Unknown<'_>>,
    ) -> napi::Result<Vec<String>> {
        guard(&env, || {
            let cost = cost_arg(&env, cost)?;
            self.inner.args(cost).map_err(to_js_err(&env))
        })
    }

    /// The decision in the script's reply (an array of integers) to a request of `cost` (default 1).
    /// @throws {Error} with `code` `invalid_state` when the reply is not the script's.
    #[napi]
    pub fn decision(
        &self,
        env: Env,
        #[napi(ts_arg_type = "number[]")] reply: Unknown<'_>,
        #[napi(ts_arg_type = "number")] cost: Option<Unknown<'_>>,
    ) -> napi::Result<Decision> {
        guard(&env, || {
            let reply: Vec<i64> = boundary::decode(&env, reply, &Site::argument("ratelimit", "reply"))?;
            let d = self.inner.decision(&reply, cost_arg(&env, cost)?);
            d.map(|d| decision(d, self.inner.legacy_headers())).map_err(to_js_err(&env))
        })
    }

    /// The decision when Redis failed (`reason` `"store_error"`) or did not answer in time (`"timeout"`), by
    /// the `onError` policy: allowed (`allow`), denied for 1 s (`deny`), or thrown (`raise`).
    /// @throws {Error} with `code` `redis_error` under `onError: "raise"`.
    #[napi]
    pub fn failure(
        &self,
        env: Env,
        #[napi(ts_arg_type = "'timeout' | 'store_error'")] reason: Unknown<'_>,
        #[napi(ts_arg_type = "string")] message: Unknown<'_>,
    ) -> napi::Result<Decision> {
        guard(&env, || {
            let reason: String = boundary::decode(&env, reason, &Site::argument("ratelimit", "reason"))?;
            let message: String = boundary::decode(&env, message, &Site::argument("ratelimit", "message"))?;
            let d = self.inner.failure(core::RedisPlan::reason(&reason), &message, clock_us());
            d.map(|d| decision(d, self.inner.legacy_headers())).map_err(to_js_err(&env))
        })
    }
}

#[napi(namespace = "ratelimit")]
impl Limiter {
    /// `check` without creating a native object: writes the decision's numbers into `out` (a `Float64Array` of
    /// at least 10), for the package's JS `Decision` (main.js). `now` in unix seconds (default: the clock).
    /// @throws {Error} with `code` `invalid_cost`, `invalid_now` or `invalid_argument` (`out` too short).
    #[napi(js_name = "checkInto")]
    pub fn check_into(
        &mut self,
        env: Env,
        #[napi(ts_arg_type = "string")] key: Unknown<'_>,
        #[napi(ts_arg_type = "number")] now: Option<Unknown<'_>>,
        #[napi(ts_arg_type = "number")] cost: Option<Unknown<'_>>,
        mut out: Float64Array,
    ) -> napi::Result<()> {
        guard(&env, || {
            let key: String = boundary::decode(&env, key, &Site::argument("ratelimit", "key"))?;
            let now = now_arg(&env, now)?;
            let d = self.inner.check(&key, now, cost_arg(&env, cost)?).map_err(to_js_err(&env))?;
            // SAFETY: the call is synchronous on the JS thread, so nothing else reads or writes the array's memory
            // while this slice lives, and it is not kept after the call.
            if !d.write_fields(self.legacy_headers, unsafe { out.as_mut() }) {
                let problem = format!("checkInto needs a Float64Array of at least {DECISION_FIELDS} numbers");
                return Err(to_js_err(&env)(RateLimitError::InvalidState { problem }));
            }
            Ok(())
        })
    }
}

/// The headers of a decision given by its numbers (what `checkInto` wrote): `[name, value]` pairs, built by the
/// core from the same fields a native `Decision` holds.
#[napi(namespace = "ratelimit", js_name = "headersOf")]
pub fn headers_of(fields: Vec<f64>) -> Vec<Vec<String>> {
    core::Decision::headers_of_fields(&fields).into_iter().map(|(n, v)| vec![n.to_owned(), v]).collect()
}
