//! `ratelimit`: wraps `fleetgate::ratelimit` (GCRA / sliding-log limiters, the Redis GCRA script, client keys).
//! Every argument is decoded by the core (`fleetgate::ratelimit::LimiterOptions`, ...), defaults included.

use fleetgate::boundary::{header_pairs, Site};
use fleetgate::ratelimit as core;
use wasm_bindgen::prelude::*;

use crate::boundary;
use crate::errors::to_js_err;

const AREA: &str = "ratelimit";

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** `new ratelimit.Limiter(options)`; the defaults (the core's `LimiterOptions`) are in docs/ratelimit.md. */
export interface LimiterOptions {
  limit?: number;
  period?: number;
  burst?: number | null;
  algorithm?: "sliding_log" | "gcra";
  /** Several quotas consumed together, instead of `limit` / `period` / `burst`. */
  quotas?: Array<{ limit: number; period: number; burst?: number | null }>;
  legacyHeaders?: boolean;
}
/** The quota and cost of `gcraStep`, `redisArgs` and `decisionFromRedis` (the core's `StepOptions`). */
export interface QuotaOptions {
  limit?: number;
  period?: number;
  burst?: number | null;
  cost?: number;
  legacyHeaders?: boolean;
}
/** `limiter.check(key, options)`: `now` in unix seconds (default: the clock), `cost` (default 1). */
export interface CheckOptions {
  now?: number | null;
  cost?: number;
}
/** `clientKey(peer, headers, options)`: trusted proxies (a hop count or networks) and the IPv6 key prefix. */
export interface ClientKeyOptions {
  trustedProxies?: number | string[] | null;
  ipv6Prefix?: number;
}
/** One rate-limit decision. */
export interface Decision {
  allowed: boolean;
  remaining: number;
  retryAfter: number;
  reset: number;
  at: number;
  headers: [string, string][];
  /** With several quotas, the index of the quota that denied; null otherwise. */
  deniedBy: number | null;
  /** The failure a distributed limiter decided under (`timeout`, `store_error`); null normally. */
  reason: string | null;
}
/** The result of `gcraStep`: the decision and the state to store (microseconds). */
export interface GcraStep {
  decision: Decision;
  state: number;
}
"#;

/// The clock (`Date.now()`) in microseconds since the epoch.
pub(crate) fn clock_us() -> i64 {
    (js_sys::Date::now() * 1000.0) as i64
}

fn options<T: serde::de::DeserializeOwned + Default>(options: &JsValue) -> Result<T, JsValue> {
    boundary::decode_or_default(options, &Site::options(AREA).camel())
}

/// The decision as a plain object with camelCase keys (`retryAfter`), like the napi `Decision`'s getters.
fn view(d: &core::Decision, legacy_headers: bool) -> JsValue {
    camel(serde_json::to_value(d.view(legacy_headers)).unwrap_or_default())
}

fn camel(value: serde_json::Value) -> JsValue {
    match value {
        serde_json::Value::Object(map) => {
            let renamed = map.into_iter().map(|(k, v)| (fleetgate::boundary::snake_to_camel(&k), v)).collect();
            boundary::to_js(&serde_json::Value::Object(renamed))
        }
        other => boundary::to_js(&other),
    }
}

/// A keyed in-memory rate limiter (GCRA or sliding log) that evicts idle keys itself.
#[wasm_bindgen]
pub struct Limiter {
    inner: core::Limiter,
    legacy_headers: bool,
}

#[wasm_bindgen]
impl Limiter {
    /// `new ratelimit.Limiter({limit, period, burst, algorithm: "sliding_log" | "gcra", legacyHeaders})` or
    /// `new ratelimit.Limiter({quotas: [{limit: 3, period: 60}, {limit: 10, period: 3600}]})`: by default at most
    /// 10 requests in any rolling 3600 s (the sliding log).
    /// @throws {Error} with `code` `invalid_quota` or `invalid_option`.
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "LimiterOptions")] options: JsValue) -> Result<Limiter, JsValue> {
        let options: core::LimiterOptions = self::options(&options)?;
        let inner = options.limiter().map_err(to_js_err)?;
        Ok(Limiter { inner, legacy_headers: options.legacy_headers })
    }

    /// Decides one request for `key` at `now` (unix seconds; default: the clock) of `cost` (default 1).
    /// @throws {Error} with `code` `invalid_cost`, `invalid_now`, `invalid_argument` or `invalid_option`.
    #[wasm_bindgen(unchecked_return_type = "Decision")]
    pub fn check(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CheckOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let key: String = boundary::decode(&key, &Site::argument(AREA, "key"))?;
        let options: core::CheckOptions = self::options(&options)?;
        let now = core::now_micros(options.now, clock_us).map_err(to_js_err)?;
        let d = self.inner.check(&key, now, options.cost).map_err(to_js_err)?;
        Ok(view(&d, self.legacy_headers))
    }

    /// Drops every key idle at `now` (default: the clock); returns how many were dropped.
    /// @throws {Error} with `code` `invalid_now` or `invalid_argument`.
    #[wasm_bindgen(js_name = "evictIdle")]
    pub fn evict_idle(
        &mut self,
        #[wasm_bindgen(unchecked_optional_param_type = "number")] now: Option<JsValue>,
    ) -> Result<u32, JsValue> {
        let now: Option<f64> =
            boundary::decode_or_default(&now.unwrap_or(JsValue::UNDEFINED), &Site::argument(AREA, "now"))?;
        Ok(self.inner.evict_idle(core::now_micros(now, clock_us).map_err(to_js_err)?) as u32)
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
    /// @throws {Error} with `code` `invalid_quota`, `invalid_cost`, `invalid_now`, `invalid_state`,
    /// `invalid_argument` or `invalid_option`.
    #[wasm_bindgen(js_name = "gcraStep", unchecked_return_type = "GcraStep")]
    pub fn gcra_step(
        #[wasm_bindgen(unchecked_param_type = "number")] state: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
        #[wasm_bindgen(unchecked_param_type = "QuotaOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let state: i64 = boundary::decode(&state, &Site::argument(AREA, "state"))?;
        let now: f64 = boundary::decode(&now, &Site::argument(AREA, "now"))?;
        let options: core::StepOptions = self::options(&options)?;
        let (d, next) = options.step(state, now).map_err(to_js_err)?;
        let step = js_sys::Object::new();
        js_sys::Reflect::set(&step, &"decision".into(), &view(&d, options.legacy_headers))?;
        js_sys::Reflect::set(&step, &"state".into(), &JsValue::from(next as f64))?;
        Ok(step.into())
    }

    /// The `ARGV` of `REDIS_GCRA_SCRIPT` for a quota and cost.
    /// @throws {Error} with `code` `invalid_quota`, `invalid_cost` or `invalid_option`.
    #[wasm_bindgen(js_name = "redisArgs")]
    pub fn redis_args(
        #[wasm_bindgen(unchecked_param_type = "QuotaOptions")] options: JsValue,
    ) -> Result<Vec<String>, JsValue> {
        let options: core::StepOptions = self::options(&options)?;
        options.redis_argv().map(Vec::from).map_err(to_js_err)
    }

    /// Turns the reply of `REDIS_GCRA_SCRIPT` into a decision.
    /// @throws {Error} with `code` `invalid_state` when the reply is not the script's, `invalid_argument` or
    /// `invalid_option`.
    #[wasm_bindgen(js_name = "decisionFromRedis", unchecked_return_type = "Decision")]
    pub fn decision_from_redis(
        #[wasm_bindgen(unchecked_param_type = "number[]")] reply: JsValue,
        #[wasm_bindgen(unchecked_param_type = "QuotaOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let reply: Vec<i64> = boundary::decode(&reply, &Site::argument(AREA, "reply"))?;
        let options: core::StepOptions = self::options(&options)?;
        let d = options.decision_from_redis(&reply).map_err(to_js_err)?;
        Ok(view(&d, options.legacy_headers))
    }

    /// The rate-limit key of a request's client: the IPv4 address, or the IPv6 network. `headers` is a plain
    /// object, a `Map`, a WHATWG `Headers` or `[name, value]` pairs; `X-Forwarded-For` / `Forwarded` are read
    /// only behind trusted proxies.
    /// @throws {Error} with `code` `invalid_address`, `invalid_network`, `invalid_prefix`,
    /// `conflicting_forwarded_headers`, `invalid_argument` or `invalid_option`.
    #[wasm_bindgen(js_name = "clientKey")]
    pub fn client_key(
        #[wasm_bindgen(unchecked_param_type = "string")] peer: JsValue,
        #[wasm_bindgen(unchecked_param_type = "HeadersInput | null")] headers: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ClientKeyOptions")] options: JsValue,
    ) -> Result<String, JsValue> {
        let peer: String = boundary::decode(&peer, &Site::argument(AREA, "peer"))?;
        let site = Site::argument(AREA, "headers");
        let pairs = header_pairs(boundary::value(&headers, &site)?, &site).map_err(boundary::arg_err)?;
        let options: core::ClientKeyOptions = self::options(&options)?;
        options.client_key(&peer, &pairs).map_err(to_js_err)
    }
}

/// `ratelimit.clientKeyFromRequest` (a separate `impl` block so it reads apart from the other functions).
#[wasm_bindgen(js_class = "ratelimit")]
impl RateLimit {
    /// The rate-limit key of a request's client on a hosting platform: `vercel` trusts only `X-Real-IP` and
    /// `cloudflare` only `CF-Connecting-IP` (both set by the platform, whatever the client sent), `trusted_proxies`
    /// walks the forwarding headers from `peer` like `clientKey`, `none` refuses. `request` is a WHATWG `Request`
    /// or anything with `headers` (a `Headers`, a `Map`, an object or `[name, value]` pairs).
    /// @throws {Error} with `code` `missing_client_address`, `invalid_platform`, `invalid_address`,
    /// `invalid_network`, `invalid_prefix`, `conflicting_forwarded_headers`, `invalid_argument` or `invalid_option`.
    #[wasm_bindgen(js_name = "clientKeyFromRequest")]
    pub fn client_key_from_request(
        #[wasm_bindgen(unchecked_param_type = "{headers: HeadersInput}")] request: JsValue,
        #[wasm_bindgen(
            unchecked_param_type = "{platform: 'vercel' | 'cloudflare' | 'trusted_proxies' | 'none', peer?: string, trustedProxies?: number | string[], ipv6Prefix?: number}"
        )]
        options: JsValue,
    ) -> Result<String, JsValue> {
        let site = Site::argument(AREA, "request.headers");
        let headers = if request.is_object() {
            js_sys::Reflect::get(&request, &JsValue::from_str("headers")).unwrap_or(JsValue::UNDEFINED)
        } else {
            JsValue::UNDEFINED
        };
        let pairs = header_pairs(boundary::value(&headers, &site)?, &site).map_err(boundary::arg_err)?;
        let options: core::ClientKeyFromRequestOptions = self::options(&options)?;
        options.client_key(&pairs).map_err(to_js_err)
    }
}
