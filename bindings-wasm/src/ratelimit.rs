//! `ratelimit`: wraps `fleetgate::ratelimit` (GCRA / sliding-log limiters, the Redis GCRA script, client keys).

use fleetgate::ratelimit::{self as core, Algorithm, Network, Quota, RateLimitError, TrustedProxies};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::errors::{describe, to_js_err};

/// A property of an options object (`undefined` when the object or the property is missing).
pub(crate) fn field(options: &JsValue, name: &str) -> JsValue {
    if options.is_object() {
        Reflect::get(options, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// A number property; `Err(())` when present but not a number.
pub(crate) fn number(options: &JsValue, name: &str) -> Result<Option<f64>, ()> {
    let value = field(options, name);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value.as_f64().map(Some).ok_or(())
}

/// A JS number that should hold a whole count; anything else becomes 0, which every caller rejects.
pub(crate) fn count(n: f64) -> u64 {
    if n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n <= 9_007_199_254_740_991.0 {
        n as u64
    } else {
        0
    }
}

/// `now` (unix seconds) in microseconds, or the clock (`Date.now()`).
pub(crate) fn now_micros(now: Option<f64>) -> Result<i64, RateLimitError> {
    let seconds = now.unwrap_or_else(|| js_sys::Date::now() / 1000.0);
    core::micros_from_seconds(seconds).ok_or_else(|| RateLimitError::InvalidNow { value: seconds.to_string() })
}

fn set(object: &Object, name: &str, value: impl Into<JsValue>) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(object, &JsValue::from_str(name), &value.into());
}

fn quota(options: &JsValue) -> Result<Quota, RateLimitError> {
    let invalid = |problem| RateLimitError::InvalidQuota { problem };
    let limit = number(options, "limit").map_err(|_| invalid("limit must be a number"))?.unwrap_or(10.0);
    let period = number(options, "period").map_err(|_| invalid("period must be a number"))?.unwrap_or(3600.0);
    let burst = number(options, "burst").map_err(|_| invalid("burst must be a number"))?;
    let period = core::micros_from_seconds(period).ok_or(invalid("period must be a positive number of seconds"))?;
    Quota::new(count(limit), period, burst.map(count))
}

fn cost(options: &JsValue) -> u64 {
    number(options, "cost").map_or(0, |c| count(c.unwrap_or(1.0)))
}

fn legacy(options: &JsValue) -> bool {
    field(options, "legacyHeaders").as_bool().unwrap_or(false)
}

/// A decision as a plain object: `allowed`, `remaining`, `retryAfter`, `reset`, `at`, `headers` (pairs).
fn decision(d: &core::Decision, legacy: bool) -> JsValue {
    let out = Object::new();
    set(&out, "allowed", d.allowed);
    set(&out, "remaining", d.remaining as f64);
    set(&out, "retryAfter", d.retry_after_s() as f64);
    set(&out, "reset", d.reset_s() as f64);
    set(&out, "at", d.at_us as f64 / 1e6);
    let headers: Array =
        d.headers(legacy).into_iter().map(|(n, v)| Array::of2(&JsValue::from_str(n), &JsValue::from_str(&v))).collect();
    set(&out, "headers", headers);
    out.into()
}

/// A keyed in-memory rate limiter (GCRA or sliding log) that evicts idle keys itself.
#[wasm_bindgen]
pub struct Limiter {
    inner: core::Limiter,
    legacy_headers: bool,
}

#[wasm_bindgen]
impl Limiter {
    /// `new ratelimit.Limiter({limit: 10, period: 3600, burst, algorithm: "gcra" | "sliding_log", legacyHeaders})`.
    /// @throws {Error} with `code` `invalid_quota`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(
            unchecked_param_type = "{limit?: number, period?: number, burst?: number, algorithm?: string, legacyHeaders?: boolean}"
        )]
        options: JsValue,
    ) -> Result<Limiter, JsValue> {
        let run = || -> Result<Limiter, RateLimitError> {
            let algorithm = field(&options, "algorithm");
            let algorithm = if algorithm.is_undefined() { Some("gcra".to_owned()) } else { algorithm.as_string() };
            let algorithm = Algorithm::parse(algorithm.as_deref().unwrap_or(""))?;
            Ok(Limiter { inner: core::Limiter::new(quota(&options)?, algorithm)?, legacy_headers: legacy(&options) })
        };
        run().map_err(to_js_err)
    }

    /// Decides one request for `key` at `now` (unix seconds; default: the clock) of `cost` (default 1).
    /// @throws {Error} with `code` `invalid_cost` or `invalid_now`.
    #[wasm_bindgen(
        unchecked_return_type = "{allowed: boolean, remaining: number, retryAfter: number, reset: number, at: number, headers: [string, string][]}"
    )]
    pub fn check(
        &mut self,
        key: &str,
        #[wasm_bindgen(unchecked_param_type = "{now?: number, cost?: number}")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let now = number(&options, "now").map_err(|_| RateLimitError::InvalidNow { value: describe(&options) });
        let d = now.and_then(now_micros).and_then(|now| self.inner.check(key, now, cost(&options)));
        d.map(|d| decision(&d, self.legacy_headers)).map_err(to_js_err)
    }

    /// Drops every key idle at `now` (default: the clock); returns how many were dropped.
    #[wasm_bindgen(js_name = "evictIdle")]
    pub fn evict_idle(&mut self, now: Option<f64>) -> Result<u32, JsValue> {
        Ok(self.inner.evict_idle(now_micros(now).map_err(to_js_err)?) as u32)
    }

    /// The number of keys held (idle keys are evicted automatically as new keys arrive).
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> u32 {
        self.inner.len() as u32
    }
}

/// Rate limiting: the GCRA step, the Redis GCRA script, client keys (and the `Limiter` class).
#[wasm_bindgen(js_name = "ratelimit")]
pub struct RateLimit;

#[wasm_bindgen(js_class = "ratelimit")]
impl RateLimit {
    /// The GCRA as a Redis Lua script: `KEYS[1]` is the key, `ARGV` is `redisArgs(...)`; it replies
    /// `[allowed, nowUs, stateBeforeUs]` (pass that to `decisionFromRedis`). Uses Redis `TIME`.
    #[wasm_bindgen(getter = REDIS_GCRA_SCRIPT)]
    pub fn redis_gcra_script() -> String {
        core::REDIS_GCRA_SCRIPT.to_owned()
    }

    /// One GCRA step over a state you store yourself (microseconds; 0 for a new key) at `now` (unix seconds).
    /// Returns `{decision, state}`.
    /// @throws {Error} with `code` `invalid_quota`, `invalid_cost`, `invalid_now` or `invalid_state`.
    #[wasm_bindgen(js_name = "gcraStep", unchecked_return_type = "{decision: object, state: number}")]
    pub fn gcra_step(
        state: f64,
        now: f64,
        #[wasm_bindgen(unchecked_param_type = "{limit: number, period: number, burst?: number, cost?: number}")]
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let run = || -> Result<JsValue, RateLimitError> {
            let state = if state.fract() == 0.0 { state as i64 } else { -1 };
            let (d, next) = core::gcra_step(&quota(&options)?, state, now_micros(Some(now))?, cost(&options))?;
            let out = Object::new();
            set(&out, "decision", decision(&d, legacy(&options)));
            set(&out, "state", next as f64);
            Ok(out.into())
        };
        run().map_err(to_js_err)
    }

    /// The `ARGV` of `REDIS_GCRA_SCRIPT` for a quota and cost.
    /// @throws {Error} with `code` `invalid_quota` or `invalid_cost`.
    #[wasm_bindgen(js_name = "redisArgs")]
    pub fn redis_args(
        #[wasm_bindgen(unchecked_param_type = "{limit: number, period: number, burst?: number, cost?: number}")]
        options: JsValue,
    ) -> Result<Vec<String>, JsValue> {
        let run = || core::redis_argv(&quota(&options)?, cost(&options)).map(Vec::from);
        run().map_err(to_js_err)
    }

    /// Turns the reply of `REDIS_GCRA_SCRIPT` into a decision.
    /// @throws {Error} with `code` `invalid_state` when the reply is not the script's.
    #[wasm_bindgen(js_name = "decisionFromRedis")]
    pub fn decision_from_redis(
        reply: Vec<f64>,
        #[wasm_bindgen(
            unchecked_param_type = "{limit: number, period: number, burst?: number, cost?: number, legacyHeaders?: boolean}"
        )]
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let reply: Vec<i64> = reply.iter().map(|v| if v.fract() == 0.0 { *v as i64 } else { -1 }).collect();
        let run = || core::decision_from_redis_reply(&quota(&options)?, &reply, cost(&options));
        run().map(|d| decision(&d, legacy(&options))).map_err(to_js_err)
    }

    /// The rate-limit key of a request's client: the IPv4 address, or the IPv6 network. `headers` is an object or
    /// `[name, value]` pairs; `X-Forwarded-For` / `Forwarded` are read only behind trusted proxies.
    /// @throws {Error} with `code` `invalid_address`, `invalid_network`, `invalid_prefix` or
    /// `conflicting_forwarded_headers`.
    #[wasm_bindgen(js_name = "clientKey")]
    pub fn client_key(
        peer: &str,
        #[wasm_bindgen(
            unchecked_param_type = "Record<string, string | string[] | undefined> | [string, string][] | null"
        )]
        headers: JsValue,
        #[wasm_bindgen(unchecked_param_type = "{trustedProxies?: number | string[], ipv6Prefix?: number}")]
        options: JsValue,
    ) -> Result<String, JsValue> {
        let run = || -> Result<String, RateLimitError> {
            let pairs = header_pairs(&headers)?;
            let prefix = number(&options, "ipv6Prefix").map_err(|_| RateLimitError::InvalidPrefix { prefix: -1 })?;
            let prefix = prefix.map_or(Ok(56), |p| core::ipv6_prefix(if p.fract() == 0.0 { p as i64 } else { -1 }))?;
            let trusted = trusted(&field(&options, "trustedProxies"))?;
            let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
            core::client_key(peer, &borrowed, &trusted, prefix)
        };
        run().map_err(to_js_err)
    }
}

fn trusted(value: &JsValue) -> Result<TrustedProxies, RateLimitError> {
    let invalid = || RateLimitError::InvalidNetwork {
        network: describe(value),
        problem: "trustedProxies must be a hop count or a list of networks",
    };
    if value.is_undefined() || value.is_null() {
        return Ok(TrustedProxies::Hops(0));
    }
    if let Some(hops) = value.as_f64() {
        return (hops.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&hops))
            .then_some(TrustedProxies::Hops(hops as u32))
            .ok_or_else(invalid);
    }
    if !Array::is_array(value) {
        return Err(invalid());
    }
    let list = Array::from(value);
    let networks = list.iter().map(|n| n.as_string().ok_or_else(invalid).and_then(|n| Network::parse(&n)));
    Ok(TrustedProxies::Networks(networks.collect::<Result<_, _>>()?))
}

/// `[name, value]` pairs from an array of pairs or an object whose values are strings or string arrays.
fn header_pairs(headers: &JsValue) -> Result<Vec<(String, String)>, RateLimitError> {
    let malformed = |what: &JsValue| RateLimitError::InvalidAddress { address: format!("header {}", describe(what)) };
    if headers.is_undefined() || headers.is_null() {
        return Ok(Vec::new());
    }
    let entries: Vec<JsValue> = if Array::is_array(headers) {
        Array::from(headers).iter().collect()
    } else if headers.is_object() {
        Object::entries(&Object::from(headers.clone())).iter().collect()
    } else {
        return Err(malformed(headers));
    };
    let mut pairs = Vec::new();
    for entry in entries {
        let entry = Array::from(&entry);
        let name = entry.get(0).as_string().ok_or_else(|| malformed(&entry))?;
        let value = entry.get(1);
        if let Some(text) = value.as_string() {
            pairs.push((name, text));
        } else if Array::is_array(&value) {
            for v in Array::from(&value).iter() {
                pairs.push((name.clone(), v.as_string().ok_or_else(|| malformed(&entry))?));
            }
        } else if !value.is_undefined() {
            return Err(malformed(&entry));
        }
    }
    Ok(pairs)
}

/// `ratelimit.clientKeyFromRequest` (a separate `impl` block so it reads apart from the other functions).
#[wasm_bindgen(js_class = "ratelimit")]
impl RateLimit {
    /// The rate-limit key of a request's client on a hosting platform: `vercel` trusts only `X-Real-IP` and
    /// `cloudflare` only `CF-Connecting-IP` (both set by the platform, whatever the client sent), `trusted_proxies`
    /// walks the forwarding headers from `peer` like `clientKey`, `none` refuses. `request.headers` is pairs or an
    /// object here (the package's namespaces.js turns a WHATWG `Headers` or a `Map` into pairs first).
    /// @throws {Error} with `code` `missing_client_address`, `invalid_platform`, `invalid_address`,
    /// `invalid_network`, `invalid_prefix` or `conflicting_forwarded_headers`.
    #[wasm_bindgen(js_name = "clientKeyFromRequest")]
    pub fn client_key_from_request(
        #[wasm_bindgen(
            unchecked_param_type = "Request | {headers: Headers | Map<string, string> | Record<string, string | string[] | undefined> | [string, string][]}"
        )]
        request: JsValue,
        #[wasm_bindgen(
            unchecked_param_type = "{platform: 'vercel' | 'cloudflare' | 'trusted_proxies' | 'none', peer?: string, trustedProxies?: number | string[], ipv6Prefix?: number}"
        )]
        options: JsValue,
    ) -> Result<String, JsValue> {
        let run = || -> Result<String, RateLimitError> {
            let pairs = header_pairs(&field(&request, "headers"))?;
            let platform =
                field(&options, "platform").as_string().unwrap_or_else(|| describe(&field(&options, "platform")));
            let platform = core::Platform::parse(&platform)?;
            let prefix = number(&options, "ipv6Prefix").map_err(|_| RateLimitError::InvalidPrefix { prefix: -1 })?;
            let prefix = prefix.map_or(Ok(56), |p| core::ipv6_prefix(if p.fract() == 0.0 { p as i64 } else { -1 }))?;
            let trusted = trusted(&field(&options, "trustedProxies"))?;
            let peer = field(&options, "peer").as_string();
            let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
            core::client_key_from_request(platform, &borrowed, peer.as_deref(), &trusted, prefix)
        };
        run().map_err(to_js_err)
    }
}
