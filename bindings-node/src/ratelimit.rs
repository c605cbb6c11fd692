//! `ratelimit` namespace: wraps `fleetgate::ratelimit` (GCRA / sliding-log limiters, the Redis GCRA script,
//! client keys). Every argument is decoded by the core (`fleetgate::ratelimit::LimiterOptions`, ...), defaults
//! included.

use std::time::{SystemTime, UNIX_EPOCH};

use fleetgate::boundary::{header_pairs, Site};
use fleetgate::ratelimit as core;
use napi::bindgen_prelude::{Either, FromNapiValue, JsObjectValue, Object, Unknown};
use napi::Env;
use napi_derive::napi;

use crate::boundary;
use crate::errors::{guard, to_js_err};

const AREA: &str = "ratelimit";

/// The system clock in microseconds since the epoch.
pub(crate) fn clock_us() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_micros() as i64)
}

/// `now` (unix seconds, optional) as decoded at its argument site.
fn now_arg(env: &Env, now: Option<Unknown<'_>>) -> napi::Result<Option<f64>> {
    boundary::decode_or_default(env, now, &Site::argument(AREA, "now"))
}

/// The options of a limiter (the TypeScript declaration; the core decodes them as
/// `fleetgate::ratelimit::LimiterOptions`, defaults 10 per 3600 s, the sliding log).
#[napi(object, object_to_js = false, namespace = "ratelimit")]
#[allow(dead_code)]
pub struct LimiterOptions {
    /// Requests per period (default 10).
    pub limit: Option<f64>,
    /// The period in seconds (default 3600).
    pub period: Option<f64>,
    /// GCRA burst (default: `limit`).
    pub burst: Option<f64>,
    /// `"sliding_log"` (default: at most `limit` in any rolling `period`) or `"gcra"`.
    pub algorithm: Option<String>,
    /// Several quotas consumed together (e.g. 3 per minute and 10 per hour), instead of `limit` / `period` /
    /// `burst`; a decision's `deniedBy` names the one that denied.
    #[napi(ts_type = "Array<{ limit: number; period: number; burst?: number }>")]
    pub quotas: Option<Vec<u32>>,
    /// Also give the `X-RateLimit-*` headers.
    pub legacy_headers: Option<bool>,
}

/// The quota and cost of `gcraStep`, `redisArgs` and `decisionFromRedis` (decoded as
/// `fleetgate::ratelimit::StepOptions`; defaults 10 per 3600 s, cost 1).
#[napi(object, object_to_js = false, namespace = "ratelimit", js_name = "QuotaOptions")]
#[allow(dead_code)]
pub struct QuotaOptions {
    /// Requests per period (default 10).
    pub limit: Option<f64>,
    /// The period in seconds (default 3600).
    pub period: Option<f64>,
    /// GCRA burst (default: `limit`).
    pub burst: Option<f64>,
    /// A request's cost (default 1).
    pub cost: Option<f64>,
    /// Also give the `X-RateLimit-*` headers.
    pub legacy_headers: Option<bool>,
}

/// When and how much a request costs (decoded as `fleetgate::ratelimit::CheckOptions`).
#[napi(object, object_to_js = false, namespace = "ratelimit")]
#[allow(dead_code)]
pub struct CheckOptions {
    /// Unix seconds (default: the system clock).
    pub now: Option<f64>,
    /// The request's cost (default 1).
    pub cost: Option<f64>,
}

/// Which proxies are trusted and how IPv6 is keyed (decoded as `fleetgate::ratelimit::ClientKeyOptions`).
#[napi(object, object_to_js = false, namespace = "ratelimit")]
#[allow(dead_code)]
pub struct ClientKeyOptions {
    /// A hop count (default 0: trust none) or a list of trusted networks (`["10.0.0.0/8"]`).
    pub trusted_proxies: Option<Either<u32, Vec<String>>>,
    /// The IPv6 network length keys use (48 to 128; default 56).
    pub ipv6_prefix: Option<f64>,
}

/// One rate-limit decision. Its fields are getters; `headers` is built only when read.
#[napi(namespace = "ratelimit")]
pub struct Decision {
    pub(crate) inner: core::Decision,
    pub(crate) legacy_headers: bool,
}

#[napi(namespace = "ratelimit")]
impl Decision {
    /// Whether the request may proceed.
    #[napi(getter)]
    pub fn allowed(&self) -> bool {
        self.inner.allowed
    }

    /// How many more requests of cost 1 the key could make right now.
    #[napi(getter)]
    pub fn remaining(&self) -> f64 {
        self.inner.remaining as f64
    }

    /// When denied, seconds (rounded up) until the request would be allowed; 0 when allowed.
    #[napi(getter, js_name = "retryAfter")]
    pub fn retry_after(&self) -> i64 {
        self.inner.retry_after_s()
    }

    /// Seconds (rounded up) until the key is back to its full quota.
    #[napi(getter)]
    pub fn reset(&self) -> i64 {
        self.inner.reset_s()
    }

    /// The instant of the decision, unix seconds (the caller's `now` or Redis' `TIME`).
    #[napi(getter)]
    pub fn at(&self) -> f64 {
        self.inner.at_s()
    }

    /// The response headers as `[name, value]` pairs (`new Headers(decision.headers)`): `RateLimit-Policy`,
    /// `RateLimit`, `Retry-After` when denied, and `X-RateLimit-*` with `legacyHeaders`.
    #[napi(getter, ts_return_type = "[string, string][]")]
    pub fn headers(&self) -> Vec<Vec<String>> {
        self.inner.headers(self.legacy_headers).into_iter().map(|(n, v)| vec![n.to_owned(), v]).collect()
    }
}

pub(crate) fn decision(inner: core::Decision, legacy_headers: bool) -> Decision {
    Decision { inner, legacy_headers }
}

/// A keyed in-memory rate limiter (GCRA or sliding log) that evicts idle keys itself.
#[napi(namespace = "ratelimit")]
pub struct Limiter {
    pub(crate) inner: core::Limiter,
    pub(crate) legacy_headers: bool,
}

#[napi(namespace = "ratelimit")]
impl Limiter {
    /// `new ratelimit.Limiter({limit, period, burst, algorithm: "sliding_log" | "gcra", legacyHeaders})` or
    /// `new ratelimit.Limiter({quotas: [{limit: 3, period: 60}, {limit: 10, period: 3600}]})`: by default at most
    /// 10 requests in any rolling 3600 s (the sliding log).
    /// @throws {Error} with `code` `invalid_quota` or `invalid_option`.
    #[napi(constructor)]
    pub fn new(
        env: Env,
        #[napi(ts_arg_type = "ratelimit.LimiterOptions")] options: Option<Unknown<'_>>,
    ) -> napi::Result<Self> {
        guard(&env, || {
            let options: core::LimiterOptions =
                boundary::decode_or_default(&env, options, &Site::options(AREA).camel())?;
            let inner = options.limiter().map_err(to_js_err(&env))?;
            Ok(Limiter { inner, legacy_headers: options.legacy_headers })
        })
    }

    /// Decides one request for `key` at `now` (unix seconds; default: the clock) of `cost` (default 1).
    /// @throws {Error} with `code` `invalid_cost`, `invalid_now`, `invalid_argument` or `invalid_option`.
    #[napi]
    pub fn check(
        &mut self,
        env: Env,
        #[napi(ts_arg_type = "string")] key: Unknown<'_>,
        #[napi(ts_arg_type = "ratelimit.CheckOptions")] options: Option<Unknown<'_>>,
    ) -> napi::Result<Decision> {
        guard(&env, || {
            let key: String = boundary::decode(&env, key, &Site::argument(AREA, "key"))?;
            let options: core::CheckOptions = boundary::decode_or_default(&env, options, &Site::options(AREA).camel())?;
            let now = core::now_micros(options.now, clock_us).map_err(to_js_err(&env))?;
            let d = self.inner.check(&key, now, options.cost).map_err(to_js_err(&env))?;
            Ok(decision(d, self.legacy_headers))
        })
    }

    /// Drops every key idle at `now` (default: the clock); returns how many were dropped.
    /// @throws {Error} with `code` `invalid_now` or `invalid_argument`.
    #[napi(js_name = "evictIdle")]
    pub fn evict_idle(
        &mut self,
        env: Env,
        #[napi(ts_arg_type = "number")] now: Option<Unknown<'_>>,
    ) -> napi::Result<u32> {
        guard(&env, || {
            let now = core::now_micros(now_arg(&env, now)?, clock_us).map_err(to_js_err(&env))?;
            Ok(self.inner.evict_idle(now) as u32)
        })
    }

    /// The number of keys held (idle keys are evicted automatically as new keys arrive).
    #[napi(getter)]
    pub fn size(&self) -> u32 {
        self.inner.len() as u32
    }
}

/// The result of `gcraStep`.
#[napi(object, object_from_js = false, namespace = "ratelimit")]
pub struct GcraStep {
    /// The decision.
    pub decision: Decision,
    /// The state to store (microseconds).
    pub state: f64,
}

/// One GCRA step over a state you store yourself (the key's theoretical arrival time in microseconds; 0 for a new
/// key) at `now` (unix seconds). Returns the decision and the state to store.
/// @throws {Error} with `code` `invalid_quota`, `invalid_cost`, `invalid_now`, `invalid_state`,
/// `invalid_argument` or `invalid_option`.
#[napi(namespace = "ratelimit", js_name = "gcraStep")]
pub fn gcra_step(
    env: Env,
    #[napi(ts_arg_type = "number")] state: Unknown<'_>,
    #[napi(ts_arg_type = "number")] now: Unknown<'_>,
    #[napi(ts_arg_type = "ratelimit.QuotaOptions")] options: Option<Unknown<'_>>,
) -> napi::Result<GcraStep> {
    guard(&env, || {
        let state: i64 = boundary::decode(&env, state, &Site::argument(AREA, "state"))?;
        let now: f64 = boundary::decode(&env, now, &Site::argument(AREA, "now"))?;
        let options: core::StepOptions = boundary::decode_or_default(&env, options, &Site::options(AREA).camel())?;
        let (d, next) = options.step(state, now).map_err(to_js_err(&env))?;
        Ok(GcraStep { decision: decision(d, options.legacy_headers), state: next as f64 })
    })
}

/// The GCRA as a Redis Lua script: `KEYS[1]` is the key, `ARGV` is `redisArgs(...)`; it replies
/// `[allowed, nowUs, stateBeforeUs]` (pass that to `decisionFromRedis`). Uses Redis `TIME`.
#[napi(namespace = "ratelimit", js_name = "REDIS_GCRA_SCRIPT")]
pub const REDIS_GCRA_SCRIPT: &str = core::REDIS_GCRA_SCRIPT;

/// The `ARGV` of `REDIS_GCRA_SCRIPT` for a quota and cost.
/// @throws {Error} with `code` `invalid_quota`, `invalid_cost` or `invalid_option`.
#[napi(namespace = "ratelimit", js_name = "redisArgs")]
pub fn redis_args(
    env: Env,
    #[napi(ts_arg_type = "ratelimit.QuotaOptions")] options: Option<Unknown<'_>>,
) -> napi::Result<Vec<String>> {
    guard(&env, || {
        let options: core::StepOptions = boundary::decode_or_default(&env, options, &Site::options(AREA).camel())?;
        options.redis_argv().map(Vec::from).map_err(to_js_err(&env))
    })
}

/// Turns the reply of `REDIS_GCRA_SCRIPT` into a decision.
/// @throws {Error} with `code` `invalid_state` when the reply is not the script's, `invalid_argument` or
/// `invalid_option`.
#[napi(namespace = "ratelimit", js_name = "decisionFromRedis")]
pub fn decision_from_redis(
    env: Env,
    #[napi(ts_arg_type = "number[]")] reply: Unknown<'_>,
    #[napi(ts_arg_type = "ratelimit.QuotaOptions")] options: Option<Unknown<'_>>,
) -> napi::Result<Decision> {
    guard(&env, || {
        let reply: Vec<i64> = boundary::decode(&env, reply, &Site::argument(AREA, "reply"))?;
        let options: core::StepOptions = boundary::decode_or_default(&env, options, &Site::options(AREA).camel())?;
        let d = options.decision_from_redis(&reply).map_err(to_js_err(&env))?;
        Ok(decision(d, options.legacy_headers))
    })
}

/// The rate-limit key of a request's client: the IPv4 address, or the IPv6 network. `headers` is a plain object
/// (`req.headers`), a `Map`, a WHATWG `Headers` or `[name, value]` pairs; `X-Forwarded-For` / `Forwarded` are read
/// only behind trusted proxies.
/// @throws {Error} with `code` `invalid_address`, `invalid_network`, `invalid_prefix`,
/// `conflicting_forwarded_headers`, `invalid_argument` or `invalid_option`.
#[napi(namespace = "ratelimit", js_name = "clientKey")]
pub fn client_key(
    env: Env,
    #[napi(ts_arg_type = "string")] peer: Unknown<'_>,
    #[napi(
        ts_arg_type = "Record<string, string | string[] | undefined> | Map<string, string> | Headers | [string, string][] | null"
    )]
    headers: Option<Unknown<'_>>,
    #[napi(ts_arg_type = "ratelimit.ClientKeyOptions")] options: Option<Unknown<'_>>,
) -> napi::Result<String> {
    guard(&env, || {
        let peer: String = boundary::decode(&env, peer, &Site::argument(AREA, "peer"))?;
        let site = Site::argument(AREA, "headers");
        let pairs =
            header_pairs(boundary::value(&env, headers, &site)?, &site).map_err(|e| boundary::arg_err(&env, e))?;
        let options: core::ClientKeyOptions = boundary::decode_or_default(&env, options, &Site::options(AREA).camel())?;
        options.client_key(&peer, &pairs).map_err(to_js_err(&env))
    })
}

/// The options of `clientKeyFromRequest` (the TypeScript declaration; the core decodes them as
/// `fleetgate::ratelimit::ClientKeyFromRequestOptions`).
#[napi(object, object_to_js = false, namespace = "ratelimit")]
#[allow(dead_code)]
pub struct ClientKeyFromRequestOptions {
    /// `"vercel"` (`X-Real-IP`), `"cloudflare"` (`CF-Connecting-IP`), `"trusted_proxies"` (the peer and the
    /// `X-Forwarded-For` / `Forwarded` walk, as `clientKey`) or `"none"` (refuses).
    #[napi(ts_type = "'vercel' | 'cloudflare' | 'trusted_proxies' | 'none'")]
    pub platform: String,
    /// The socket peer address (`trusted_proxies` only).
    pub peer: Option<String>,
    /// A hop count or a list of trusted networks (`trusted_proxies` only; default 0).
    #[napi(ts_type = "number | string[]")]
    pub trusted_proxies: Option<u32>,
    /// The IPv6 network length keys use (48 to 128; default 56).
    pub ipv6_prefix: Option<i64>,
}

/// The rate-limit key of a request's client on a hosting platform: `vercel` trusts only `X-Real-IP` and
/// `cloudflare` only `CF-Connecting-IP` (both set by the platform, whatever the client sent), `trusted_proxies`
/// walks the forwarding headers from `peer` like `clientKey`, `none` refuses. A client-written `X-Forwarded-For`
/// never changes a `vercel` or `cloudflare` key. `request` is a WHATWG `Request` or anything with `headers`
/// (a `Headers`, a `Map`, Node's `req.headers` object or `[name, value]` pairs).
/// @throws {Error} with `code` `missing_client_address`, `invalid_platform`, `invalid_address`, `invalid_network`,
/// `invalid_prefix`, `conflicting_forwarded_headers`, `invalid_argument` or `invalid_option`.
#[napi(namespace = "ratelimit", js_name = "clientKeyFromRequest")]
pub fn client_key_from_request(
    env: Env,
    #[napi(
        ts_arg_type = "{ headers: Headers | Map<string, string> | Record<string, string | string[] | undefined> | [string, string][] }"
    )]
    request: Unknown<'_>,
    #[napi(ts_arg_type = "ratelimit.ClientKeyFromRequestOptions")] options: Option<Unknown<'_>>,
) -> napi::Result<String> {
    guard(&env, || {
        let site = Site::argument(AREA, "request.headers");
        let headers = match request.get_type()? {
            napi::ValueType::Object => Some(Object::from_unknown(request)?.get_named_property::<Unknown>("headers")?),
            _ => None,
        };
        let pairs =
            header_pairs(boundary::value(&env, headers, &site)?, &site).map_err(|e| boundary::arg_err(&env, e))?;
        let options: core::ClientKeyFromRequestOptions =
            boundary::decode_or_default(&env, options, &Site::options(AREA).camel())?;
        options.client_key(&pairs).map_err(to_js_err(&env))
    })
}
