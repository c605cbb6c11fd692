//! `ratelimit` namespace: wraps `fleetgate::ratelimit` (GCRA / sliding-log limiters, the Redis GCRA script,
//! client keys).

use std::time::{SystemTime, UNIX_EPOCH};

use fleetgate::ratelimit::{self as core, Algorithm, Network, Quota, RateLimitError, TrustedProxies};
use napi::bindgen_prelude::Either;
use napi::Env;
use napi_derive::napi;

use crate::errors::{guard, to_js_err};

/// A JS number that should hold a whole count; anything else becomes 0, which every caller rejects.
pub(crate) fn count(n: f64) -> u64 {
    if n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n <= 9_007_199_254_740_991.0 {
        n as u64
    } else {
        0
    }
}

/// `now` (unix seconds) in microseconds, or the system clock.
pub(crate) fn now_micros(now: Option<f64>) -> Result<i64, RateLimitError> {
    match now {
        Some(s) => core::micros_from_seconds(s).ok_or_else(|| RateLimitError::InvalidNow { value: s.to_string() }),
        None => Ok(SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_micros() as i64)),
    }
}

/// A quota: `limit` requests (default 10) per `period` seconds (default 3600), with `burst` (GCRA only;
/// default `limit`).
#[napi(object, namespace = "ratelimit")]
pub struct QuotaOptions {
    /// Requests per period (default 10).
    pub limit: Option<f64>,
    /// The period in seconds (default 3600).
    pub period: Option<f64>,
    /// GCRA burst (default: `limit`).
    pub burst: Option<f64>,
    /// A request's cost (default 1; `gcraStep`, `redisArgs`, `decisionFromRedis`).
    pub cost: Option<f64>,
    /// `"gcra"` (default) or `"sliding_log"` (`Limiter` only).
    pub algorithm: Option<String>,
    /// Also give the `X-RateLimit-*` headers.
    pub legacy_headers: Option<bool>,
}

impl QuotaOptions {
    fn quota(&self) -> Result<Quota, RateLimitError> {
        let period = core::micros_from_seconds(self.period.unwrap_or(3600.0))
            .ok_or(RateLimitError::InvalidQuota { problem: "period must be a positive number of seconds" })?;
        Quota::new(count(self.limit.unwrap_or(10.0)), period, self.burst.map(count))
    }

    fn cost(&self) -> u64 {
        count(self.cost.unwrap_or(1.0))
    }
}

/// One rate-limit decision. Its fields are getters; `headers` is built only when read.
#[napi(namespace = "ratelimit")]
pub struct Decision {
    inner: core::Decision,
    legacy_headers: bool,
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
        self.inner.at_us as f64 / 1e6
    }

    /// The response headers as `[name, value]` pairs (`new Headers(decision.headers)`): `RateLimit-Policy`,
    /// `RateLimit`, `Retry-After` when denied, and `X-RateLimit-*` with `legacyHeaders`.
    #[napi(getter)]
    pub fn headers(&self) -> Vec<Vec<String>> {
        self.inner.headers(self.legacy_headers).into_iter().map(|(n, v)| vec![n.to_owned(), v]).collect()
    }
}

fn decision(inner: &core::Decision, legacy_headers: bool) -> Decision {
    Decision { inner: inner.clone(), legacy_headers }
}

/// When and how much a request costs.
#[napi(object, namespace = "ratelimit")]
pub struct CheckOptions {
    /// Unix seconds (default: the system clock).
    pub now: Option<f64>,
    /// The request's cost (default 1).
    pub cost: Option<f64>,
}

/// A keyed in-memory rate limiter (GCRA or sliding log) that evicts idle keys itself.
#[napi(namespace = "ratelimit")]
pub struct Limiter {
    inner: core::Limiter,
    legacy_headers: bool,
}

#[napi(namespace = "ratelimit")]
impl Limiter {
    /// `new ratelimit.Limiter({limit: 10, period: 3600, burst, algorithm: "gcra" | "sliding_log", legacyHeaders})`.
    /// @throws {Error} with `code` `invalid_quota`.
    #[napi(constructor)]
    pub fn new(env: Env, options: Option<QuotaOptions>) -> napi::Result<Self> {
        let options = options.unwrap_or(QuotaOptions {
            limit: None,
            period: None,
            burst: None,
            cost: None,
            algorithm: None,
            legacy_headers: None,
        });
        guard(&env, || {
            let run = || -> Result<Self, RateLimitError> {
                let algorithm = Algorithm::parse(options.algorithm.as_deref().unwrap_or("gcra"))?;
                let inner = core::Limiter::new(options.quota()?, algorithm)?;
                Ok(Limiter { inner, legacy_headers: options.legacy_headers.unwrap_or(false) })
            };
            run().map_err(to_js_err(&env))
        })
    }

    /// Decides one request for `key` at `now` (unix seconds; default: the clock) of `cost` (default 1).
    /// @throws {Error} with `code` `invalid_cost` or `invalid_now`.
    #[napi]
    pub fn check(&mut self, env: Env, key: String, options: Option<CheckOptions>) -> napi::Result<Decision> {
        let (now, cost) = options.map_or((None, 1.0), |o| (o.now, o.cost.unwrap_or(1.0)));
        guard(&env, || {
            let d = now_micros(now).and_then(|now| self.inner.check(&key, now, count(cost)));
            d.map(|d| decision(&d, self.legacy_headers)).map_err(to_js_err(&env))
        })
    }

    /// Drops every key idle at `now` (default: the clock); returns how many were dropped.
    #[napi(js_name = "evictIdle")]
    pub fn evict_idle(&mut self, env: Env, now: Option<f64>) -> napi::Result<u32> {
        guard(&env, || {
            let now = now_micros(now).map_err(to_js_err(&env))?;
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
/// @throws {Error} with `code` `invalid_quota`, `invalid_cost`, `invalid_now` or `invalid_state`.
#[napi(namespace = "ratelimit", js_name = "gcraStep")]
pub fn gcra_step(env: Env, state: f64, now: f64, options: QuotaOptions) -> napi::Result<GcraStep> {
    guard(&env, || {
        let run = || -> Result<GcraStep, RateLimitError> {
            let state = if state.fract() == 0.0 { state as i64 } else { -1 };
            let (d, next) = core::gcra_step(&options.quota()?, state, now_micros(Some(now))?, options.cost())?;
            Ok(GcraStep { decision: decision(&d, options.legacy_headers.unwrap_or(false)), state: next as f64 })
        };
        run().map_err(to_js_err(&env))
    })
}

/// The GCRA as a Redis Lua script: `KEYS[1]` is the key, `ARGV` is `redisArgs(...)`; it replies
/// `[allowed, nowUs, stateBeforeUs]` (pass that to `decisionFromRedis`). Uses Redis `TIME`.
#[napi(namespace = "ratelimit", js_name = "REDIS_GCRA_SCRIPT")]
pub const REDIS_GCRA_SCRIPT: &str = core::REDIS_GCRA_SCRIPT;

/// The `ARGV` of `REDIS_GCRA_SCRIPT` for a quota and cost.
/// @throws {Error} with `code` `invalid_quota` or `invalid_cost`.
#[napi(namespace = "ratelimit", js_name = "redisArgs")]
pub fn redis_args(env: Env, options: QuotaOptions) -> napi::Result<Vec<String>> {
    guard(&env, || {
        let run = || core::redis_argv(&options.quota()?, options.cost()).map(Vec::from);
        run().map_err(to_js_err(&env))
    })
}

/// Turns the reply of `REDIS_GCRA_SCRIPT` into a decision.
/// @throws {Error} with `code` `invalid_state` when the reply is not the script's.
#[napi(namespace = "ratelimit", js_name = "decisionFromRedis")]
pub fn decision_from_redis(env: Env, reply: Vec<f64>, options: QuotaOptions) -> napi::Result<Decision> {
    guard(&env, || {
        let run = || {
            let reply: Vec<i64> = reply.iter().map(|v| if v.fract() == 0.0 { *v as i64 } else { -1 }).collect();
            core::decision_from_redis_reply(&options.quota()?, &reply, options.cost())
        };
        run().map(|d| decision(&d, options.legacy_headers.unwrap_or(false))).map_err(to_js_err(&env))
    })
}

/// Request headers as `[name, value]` pairs or an object such as Node's `req.headers`.
type HeadersArg = Either<Vec<Vec<String>>, std::collections::HashMap<String, Option<Either<String, Vec<String>>>>>;

/// Which proxies are trusted and how IPv6 is keyed.
#[napi(object, namespace = "ratelimit")]
pub struct ClientKeyOptions {
    /// A hop count (default 0: trust none) or a list of trusted networks (`["10.0.0.0/8"]`).
    pub trusted_proxies: Option<Either<u32, Vec<String>>>,
    /// The IPv6 network length keys use (48 to 128; default 56).
    pub ipv6_prefix: Option<i64>,
}

/// The rate-limit key of a request's client: the IPv4 address, or the IPv6 network. `headers` is an object
/// (`req.headers`) or `[name, value]` pairs; `X-Forwarded-For` / `Forwarded` are read only behind trusted proxies.
/// @throws {Error} with `code` `invalid_address`, `invalid_network`, `invalid_prefix` or
/// `conflicting_forwarded_headers`.
#[napi(namespace = "ratelimit", js_name = "clientKey")]
pub fn client_key(
    env: Env,
    peer: String,
    #[napi(ts_arg_type = "Record<string, string | string[] | undefined> | [string, string][] | null")] headers: Option<
        HeadersArg,
    >,
    options: Option<ClientKeyOptions>,
) -> napi::Result<String> {
    guard(&env, || {
        let mut pairs: Vec<(String, String)> = Vec::new();
        match headers {
            Some(Either::A(list)) => {
                for pair in list {
                    let [name, value] = <[String; 2]>::try_from(pair).map_err(|p| {
                        to_js_err(&env)(RateLimitError::InvalidAddress { address: format!("header pair {p:?}") })
                    })?;
                    pairs.push((name, value));
                }
            }
            Some(Either::B(map)) => {
                for (name, value) in map {
                    match value {
                        Some(Either::A(v)) => pairs.push((name, v)),
                        Some(Either::B(vs)) => pairs.extend(vs.into_iter().map(|v| (name.clone(), v))),
                        None => {}
                    }
                }
            }
            None => {}
        }
        let run = || -> Result<String, RateLimitError> {
            let (trusted, prefix) = options.map_or((None, None), |o| (o.trusted_proxies, o.ipv6_prefix));
            let prefix = core::ipv6_prefix(prefix.unwrap_or(56))?;
            let trusted = match trusted {
                None => TrustedProxies::Hops(0),
                Some(Either::A(hops)) => TrustedProxies::Hops(hops),
                Some(Either::B(nets)) => {
                    TrustedProxies::Networks(nets.iter().map(|n| Network::parse(n)).collect::<Result<_, _>>()?)
                }
            };
            let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
            core::client_key(&peer, &borrowed, &trusted, prefix)
        };
        run().map_err(to_js_err(&env))
    })
}

/// A request as `clientKeyFromRequest` reads it: only its headers (the package entry turns a WHATWG `Headers` or a
/// `Map` into pairs first).
#[napi(object, namespace = "ratelimit")]
pub struct RequestHeaders {
    /// `[name, value]` pairs or an object such as Node's `req.headers`.
    #[napi(
        ts_type = "Headers | Map<string, string> | Record<string, string | string[] | undefined> | [string, string][]"
    )]
    pub headers: Option<HeadersArg>,
}

/// Where the app is deployed, which decides the one source of the client's address that is trusted.
#[napi(object, namespace = "ratelimit")]
pub struct ClientKeyFromRequestOptions {
    /// `"vercel"` (`X-Real-IP`), `"cloudflare"` (`CF-Connecting-IP`), `"trusted_proxies"` (the peer and the
    /// `X-Forwarded-For` / `Forwarded` walk, as `clientKey`) or `"none"` (refuses).
    #[napi(ts_type = "'vercel' | 'cloudflare' | 'trusted_proxies' | 'none'")]
    pub platform: String,
    /// The socket peer address (`trusted_proxies` only).
    pub peer: Option<String>,
    /// A hop count or a list of trusted networks (`trusted_proxies` only; default 0).
    pub trusted_proxies: Option<Either<u32, Vec<String>>>,
    /// The IPv6 network length keys use (48 to 128; default 56).
    pub ipv6_prefix: Option<i64>,
}

/// The rate-limit key of a request's client on a hosting platform: `vercel` trusts only `X-Real-IP` and
/// `cloudflare` only `CF-Connecting-IP` (both set by the platform, whatever the client sent), `trusted_proxies`
/// walks the forwarding headers from `peer` like `clientKey`, `none` refuses. A client-written `X-Forwarded-For`
/// never changes a `vercel` or `cloudflare` key.
/// @throws {Error} with `code` `missing_client_address`, `invalid_platform`, `invalid_address`, `invalid_network`,
/// `invalid_prefix` or `conflicting_forwarded_headers`.
#[napi(namespace = "ratelimit", js_name = "clientKeyFromRequest")]
pub fn client_key_from_request(
    env: Env,
    #[napi(ts_arg_type = "Request | ratelimit.RequestHeaders")] request: RequestHeaders,
    options: ClientKeyFromRequestOptions,
) -> napi::Result<String> {
    guard(&env, || {
        let mut pairs: Vec<(String, String)> = Vec::new();
        match request.headers {
            Some(Either::A(list)) => {
                for pair in list {
                    let [name, value] = <[String; 2]>::try_from(pair).map_err(|p| {
                        to_js_err(&env)(RateLimitError::InvalidAddress { address: format!("header pair {p:?}") })
                    })?;
                    pairs.push((name, value));
                }
            }
            Some(Either::B(map)) => {
                for (name, value) in map {
                    match value {
                        Some(Either::A(v)) => pairs.push((name, v)),
                        Some(Either::B(vs)) => pairs.extend(vs.into_iter().map(|v| (name.clone(), v))),
                        None => {}
                    }
                }
            }
            None => {}
        }
        let run = || -> Result<String, RateLimitError> {
            let platform = core::Platform::parse(&options.platform)?;
            let prefix = core::ipv6_prefix(options.ipv6_prefix.unwrap_or(56))?;
            let trusted = match options.trusted_proxies {
                None => TrustedProxies::Hops(0),
                Some(Either::A(hops)) => TrustedProxies::Hops(hops),
                Some(Either::B(nets)) => {
                    TrustedProxies::Networks(nets.iter().map(|n| Network::parse(n)).collect::<Result<_, _>>()?)
                }
            };
            let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
            core::client_key_from_request(platform, &borrowed, options.peer.as_deref(), &trusted, prefix)
        };
        run().map_err(to_js_err(&env))
    })
}
