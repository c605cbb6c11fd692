//! `ratelimit` namespace, the distributed part: `RedisPlan` (what `ratelimit.RedisLimiter` in `redis-limiter.js`
//! sends to Redis and how it reads the reply, all from `fleetgate::ratelimit::RedisPlan`), the quotas of
//! `new Limiter({quotas})`, and the `deniedBy` / `reason` of a decision.

use fleetgate::boundary::Site;
use fleetgate::ratelimit::{self as core, QuotaSpec, RateLimitError};
use napi::bindgen_prelude::{Float64Array, Unknown};
use napi::Env;
use napi_derive::napi;

use crate::boundary;
use crate::errors::{guard, to_js_err};
use crate::ratelimit::{count, decision, now_micros, Decision, Limiter};

/// One quota of `quotas`: `limit` requests per `period` seconds (with `burst`, GCRA only).
#[napi(object, namespace = "ratelimit")]
pub struct QuotaEntry {
    /// Requests per period.
    pub limit: f64,
    /// The period in seconds.
    pub period: f64,
    /// GCRA burst (default: `limit`).
    pub burst: Option<f64>,
}

/// The core's quota specs of a `quotas` option.
pub(crate) fn specs(quotas: Option<&[QuotaEntry]>) -> Option<Vec<QuotaSpec>> {
    quotas.map(|qs| {
        qs.iter().map(|q| QuotaSpec { limit: count(q.limit), period: q.period, burst: q.burst.map(count) }).collect()
    })
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
        #[napi(ts_arg_type = "ratelimit.RedisLimiterOptions")] options: Option<Unknown<'_>>,
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
    pub fn args(&self, env: Env, cost: Option<f64>) -> napi::Result<Vec<String>> {
        guard(&env, || self.inner.args(count(cost.unwrap_or(1.0))).map_err(to_js_err(&env)))
    }

    /// The decision in the script's reply (an array of integers) to a request of `cost` (default 1).
    /// @throws {Error} with `code` `invalid_state` when the reply is not the script's.
    #[napi]
    pub fn decision(&self, env: Env, reply: Vec<f64>, cost: Option<f64>) -> napi::Result<Decision> {
        guard(&env, || {
            let reply: Vec<i64> = reply.iter().map(|v| if v.fract() == 0.0 { *v as i64 } else { -1 }).collect();
            let d = self.inner.decision(&reply, count(cost.unwrap_or(1.0)));
            d.map(|d| decision(&d, self.inner.legacy_headers())).map_err(to_js_err(&env))
        })
    }

    /// The decision when Redis failed (`reason` `"store_error"`) or did not answer in time (`"timeout"`), by
    /// the `onError` policy: allowed (`allow`), denied for 1 s (`deny`), or thrown (`raise`).
    /// @throws {Error} with `code` `redis_error` under `onError: "raise"`.
    #[napi]
    pub fn failure(&self, env: Env, reason: String, message: String) -> napi::Result<Decision> {
        guard(&env, || {
            let now = now_micros(None).map_err(to_js_err(&env))?;
            let d = self.inner.failure(core::RedisPlan::reason(&reason), &message, now);
            d.map(|d| decision(&d, self.inner.legacy_headers())).map_err(to_js_err(&env))
        })
    }
}

/// The numbers `Limiter.checkInto` writes: allowed (1/0), remaining, retry-after (s), reset (s), at (unix s),
/// denied-by (-1 for none), reason (0 none, 1 timeout, 2 store error), limit, period (µs), legacy headers (1/0).
const FAST_FIELDS: usize = 10;

fn write_fast(d: &core::Decision, legacy: bool, out: &mut [f64]) {
    let reason = match d.reason {
        None => 0.0,
        Some(core::Reason::Timeout) => 1.0,
        Some(_) => 2.0,
    };
    let fields = [
        f64::from(u8::from(d.allowed)),
        d.remaining as f64,
        d.retry_after_s() as f64,
        d.reset_s() as f64,
        d.at_us as f64 / 1e6,
        d.denied_by.map_or(-1.0, |i| i as f64),
        reason,
        d.limit as f64,
        d.period_us as f64,
        f64::from(u8::from(legacy)),
    ];
    out[..FAST_FIELDS].copy_from_slice(&fields);
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
        key: String,
        now: Option<f64>,
        cost: Option<f64>,
        mut out: Float64Array,
    ) -> napi::Result<()> {
        guard(&env, || {
            if out.len() < FAST_FIELDS {
                let problem = "checkInto needs a Float64Array of at least 10 numbers";
                return Err(to_js_err(&env)(RateLimitError::InvalidState { problem: problem.into() }));
            }
            let d = now_micros(now).and_then(|now| self.inner.check(&key, now, count(cost.unwrap_or(1.0))));
            let d = d.map_err(to_js_err(&env))?;
            // SAFETY: the call is synchronous on the JS thread, so nothing else reads or writes the array's memory
            // while this slice lives, and it is not kept after the call.
            write_fast(&d, self.legacy_headers, unsafe { out.as_mut() });
            Ok(())
        })
    }
}

/// The headers of a decision given by its numbers (what `checkInto` wrote): `[name, value]` pairs, built by the
/// core from the same fields a native `Decision` holds.
#[napi(namespace = "ratelimit", js_name = "headersOf")]
pub fn headers_of(fields: Vec<f64>) -> Vec<Vec<String>> {
    let field = |i: usize| fields.get(i).copied().unwrap_or(0.0);
    let d = core::Decision {
        allowed: field(0) == 1.0,
        remaining: count(field(1)),
        retry_after_us: count(field(2)) as i64 * core::MICROS_PER_SECOND,
        reset_us: count(field(3)) as i64 * core::MICROS_PER_SECOND,
        limit: count(field(7)),
        period_us: count(field(8)) as i64,
        at_us: 0,
        denied_by: None,
        reason: None,
    };
    d.headers(field(9) == 1.0).into_iter().map(|(n, v)| vec![n.to_owned(), v]).collect()
}
