//! The option objects of the rate-limit API as every binding passes them, with their defaults (10 requests per
//! 3600 s, the sliding log, IPv6 keyed by /56), decoded by [`crate::boundary`]. A wrong type or an unknown option is
//! `invalid_option`; a value of the right type that cannot be used is the area's own code (`invalid_quota`,
//! `invalid_cost`, `invalid_now`, `invalid_network`, `invalid_prefix`), raised by the methods here.

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::{check_now, ipv6_prefix, micros_from_seconds, Algorithm, Decision, Network, Quota, RateLimitError};
use super::{Limiter, QuotaSpec, TrustedProxies};

/// The default quota's limit: 10 requests ...
pub const DEFAULT_LIMIT: u64 = 10;
/// ... per 3600 seconds.
pub const DEFAULT_PERIOD_S: f64 = 3600.0;
/// The default IPv6 key prefix: /56 (one user usually holds a /64 or more; ISPs hand out /56 to /48).
pub const DEFAULT_IPV6_PREFIX: i64 = 56;

/// The quota of seconds-based options: `limit` per `period` seconds, with `burst` (default: `limit`).
fn quota(limit: u64, period_s: f64, burst: Option<u64>) -> Result<Quota, RateLimitError> {
    let period = micros_from_seconds(period_s)
        .ok_or(RateLimitError::InvalidQuota { problem: "period must be a positive number of seconds" })?;
    Quota::new(limit, period, burst)
}

/// `new Limiter({limit, period, burst, quotas, algorithm, legacyHeaders})` / `Limiter(limit, period, *, ...)`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LimiterOptions {
    /// Requests per period (default [`DEFAULT_LIMIT`], 10; at least 1).
    pub limit: Option<u64>,
    /// The period in seconds (default [`DEFAULT_PERIOD_S`], 3600).
    pub period: Option<f64>,
    /// The GCRA burst (default: `limit`; the sliding log takes none).
    pub burst: Option<u64>,
    /// Several quotas consumed together (`[{limit, period, burst?}]`, at most [`super::MAX_QUOTAS`]), instead of
    /// `limit` / `period` / `burst`.
    pub quotas: Option<Vec<QuotaSpec>>,
    /// `sliding_log` (default: at most `limit` in any rolling `period`) or `gcra`.
    pub algorithm: AlgorithmName,
    /// Also give the `X-RateLimit-*` headers (default false).
    pub legacy_headers: bool,
}

impl LimiterOptions {
    /// The limiter these options describe (`invalid_quota` when unusable, or when both `quotas` and
    /// `limit` / `period` / `burst` are given).
    pub fn limiter(&self) -> Result<Limiter, RateLimitError> {
        super::limiter_of(self.limit, self.period, self.burst, self.quotas.as_deref(), Some(&self.algorithm.0))
    }
}

/// An algorithm's name as given; [`AlgorithmName::parse`] checks it (`invalid_quota`, like the other quota
/// settings), so `"token_bucket"` has the same code in every binding.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct AlgorithmName(pub String);

impl Default for AlgorithmName {
    fn default() -> Self {
        AlgorithmName(Algorithm::default().name().to_owned())
    }
}

impl AlgorithmName {
    /// The algorithm (`invalid_quota` for a name other than `gcra` or `sliding_log`).
    pub fn parse(&self) -> Result<Algorithm, RateLimitError> {
        Algorithm::parse(&self.0)
    }
}

/// The quota and cost of `gcraStep`, `redisArgs` and `decisionFromRedis` (GCRA only).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StepOptions {
    /// Requests per period (default 10).
    pub limit: u64,
    /// The period in seconds (default 3600).
    pub period: f64,
    /// The burst (default: `limit`).
    pub burst: Option<u64>,
    /// The request's cost (default 1).
    pub cost: u64,
    /// Also give the `X-RateLimit-*` headers (default false).
    pub legacy_headers: bool,
}

impl Default for StepOptions {
    fn default() -> Self {
        StepOptions { limit: DEFAULT_LIMIT, period: DEFAULT_PERIOD_S, burst: None, cost: 1, legacy_headers: false }
    }
}

impl StepOptions {
    /// The quota (`invalid_quota` when unusable).
    pub fn quota(&self) -> Result<Quota, RateLimitError> {
        quota(self.limit, self.period, self.burst)
    }
}

/// `limiter.check(key, {now, cost})`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CheckOptions {
    /// Unix seconds (default: the clock).
    pub now: Option<f64>,
    /// The request's cost (default 1).
    pub cost: u64,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions { now: None, cost: 1 }
    }
}

/// An instant given in unix seconds (`now`), in microseconds; `None` is `clock_us` (the binding's clock).
/// Negative, non-finite or too large is `invalid_now`.
pub fn now_micros(now: Option<f64>, clock_us: impl FnOnce() -> i64) -> Result<i64, RateLimitError> {
    match now {
        Some(s) => micros_from_seconds(s).ok_or_else(|| RateLimitError::InvalidNow { value: s.to_string() }),
        None => check_now(clock_us()),
    }
}

/// `clientKey(peer, headers, {trustedProxies, ipv6Prefix})`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ClientKeyOptions {
    /// A hop count (default 0: trust none) or a list of trusted networks (`["10.0.0.0/8"]`).
    pub trusted_proxies: TrustedOption,
    /// The IPv6 network length keys use (48 to 128; default [`DEFAULT_IPV6_PREFIX`], 56).
    pub ipv6_prefix: i64,
}

impl Default for ClientKeyOptions {
    fn default() -> Self {
        ClientKeyOptions { trusted_proxies: TrustedOption::Hops(0), ipv6_prefix: DEFAULT_IPV6_PREFIX }
    }
}

impl ClientKeyOptions {
    /// The trusted proxies (`invalid_network` for a network that does not parse).
    pub fn trusted(&self) -> Result<TrustedProxies, RateLimitError> {
        Ok(match &self.trusted_proxies {
            TrustedOption::Hops(hops) => TrustedProxies::Hops(*hops),
            TrustedOption::Networks(nets) => {
                TrustedProxies::Networks(nets.iter().map(|n| Network::parse(n)).collect::<Result<_, _>>()?)
            }
        })
    }

    /// The key of a request's client (see [`super::client_key`]); `headers` as `(name, value)` pairs.
    pub fn client_key(&self, peer: &str, headers: &[(String, String)]) -> Result<String, RateLimitError> {
        let prefix = ipv6_prefix(self.ipv6_prefix)?;
        let trusted = self.trusted()?;
        let borrowed: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        super::client_key(peer, &borrowed, &trusted, prefix)
    }
}

/// `clientKeyFromRequest(request, {platform, peer, trustedProxies, ipv6Prefix})` /
/// `client_key_from_request(headers, peer, *, platform, ...)`: where the app runs decides the one source of the
/// client's address that is trusted (see [`super::Platform`]).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ClientKeyFromRequestOptions {
    /// `vercel`, `cloudflare`, `trusted_proxies` or `none`; required (absent is `invalid_platform`: fleetgate
    /// never guesses where it runs).
    pub platform: Option<String>,
    /// The socket peer address (`trusted_proxies` only).
    pub peer: Option<String>,
    /// A hop count or trusted networks (`trusted_proxies` only; default 0: trust none).
    pub trusted_proxies: TrustedOption,
    /// The IPv6 network length keys use (48 to 128; default [`DEFAULT_IPV6_PREFIX`], 56).
    pub ipv6_prefix: i64,
}

impl Default for ClientKeyFromRequestOptions {
    fn default() -> Self {
        let keys = ClientKeyOptions::default();
        ClientKeyFromRequestOptions {
            platform: None,
            peer: None,
            trusted_proxies: keys.trusted_proxies,
            ipv6_prefix: keys.ipv6_prefix,
        }
    }
}

impl ClientKeyFromRequestOptions {
    /// The key of the request's client from its `headers` (see [`super::client_key_from_request`]).
    pub fn client_key(&self, headers: &[(String, String)]) -> Result<String, RateLimitError> {
        let platform = self.platform.as_deref().ok_or(RateLimitError::InvalidPlatform { platform: String::new() })?;
        let platform = super::Platform::parse(platform)?;
        let keys = ClientKeyOptions { trusted_proxies: self.trusted_proxies.clone(), ipv6_prefix: self.ipv6_prefix };
        let (prefix, trusted) = (ipv6_prefix(self.ipv6_prefix)?, keys.trusted()?);
        let borrowed: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        super::client_key_from_request(platform, &borrowed, self.peer.as_deref(), &trusted, prefix)
    }
}

/// `trustedProxies` as given: a hop count or a list of network strings (parsed by [`ClientKeyOptions::trusted`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrustedOption {
    /// Trust this many hops nearest the server.
    Hops(u32),
    /// Trust proxies in these networks (CIDR text).
    Networks(Vec<String>),
}

impl<'de> Deserialize<'de> for TrustedOption {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Trusted;
        impl<'de> Visitor<'de> for Trusted {
            type Value = TrustedOption;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a hop count (0 to 4294967295) or a list of networks (\"10.0.0.0/8\")")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<TrustedOption, E> {
                u32::try_from(v)
                    .map(TrustedOption::Hops)
                    .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<TrustedOption, E> {
                u32::try_from(v)
                    .map(TrustedOption::Hops)
                    .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
            }
            fn visit_unit<E: de::Error>(self) -> Result<TrustedOption, E> {
                Ok(TrustedOption::Hops(0))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TrustedOption, A::Error> {
                let mut out = Vec::new();
                while let Some(network) = seq.next_element::<String>()? {
                    out.push(network);
                }
                Ok(TrustedOption::Networks(out))
            }
        }
        deserializer.deserialize_any(Trusted)
    }
}

/// A [`Decision`] as the bindings hand it out (seconds, headers made): `allowed`, `remaining`, `retry_after`,
/// `reset`, `at` and `headers` as `[name, value]` pairs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionView {
    /// Whether the request may proceed.
    pub allowed: bool,
    /// How many more requests of cost 1 the key could make right now.
    pub remaining: u64,
    /// When denied, seconds (rounded up) until the request would be allowed; 0 when allowed.
    pub retry_after: i64,
    /// Seconds (rounded up) until the key is back to its full quota.
    pub reset: i64,
    /// The instant of the decision, unix seconds.
    pub at: f64,
    /// The response headers (see [`Decision::headers`]).
    pub headers: Vec<(String, String)>,
    /// With several quotas, the index of the quota that denied; `None` otherwise.
    pub denied_by: Option<usize>,
    /// The failure a distributed limiter's `on_error` policy decided under (`timeout`, `store_error`); `None`
    /// normally.
    pub reason: Option<String>,
}

impl Decision {
    /// The decision as the bindings show it, with the `X-RateLimit-*` headers when `legacy_headers`.
    pub fn view(&self, legacy_headers: bool) -> DecisionView {
        DecisionView {
            allowed: self.allowed,
            remaining: self.remaining,
            retry_after: self.retry_after_s(),
            reset: self.reset_s(),
            at: self.at_s(),
            headers: self.headers(legacy_headers).into_iter().map(|(n, v)| (n.to_owned(), v)).collect(),
            denied_by: self.denied_by,
            reason: self.reason.map(|r| r.as_str().to_owned()),
        }
    }

    /// The instant of the decision in unix seconds.
    pub fn at_s(&self) -> f64 {
        self.at_us as f64 / 1e6
    }
}

impl StepOptions {
    /// One GCRA step over `state` at `now` (unix seconds), with these options' quota and cost.
    pub fn step(&self, state: i64, now: f64) -> Result<(Decision, i64), RateLimitError> {
        let now = now_micros(Some(now), || 0)?;
        super::gcra_step(&self.quota()?, state, now, self.cost)
    }

    /// The `ARGV` of the Redis script for these options.
    pub fn redis_argv(&self) -> Result<[String; 3], RateLimitError> {
        super::redis_argv(&self.quota()?, self.cost)
    }

    /// The decision in a Redis script reply, for these options.
    pub fn decision_from_redis(&self, reply: &[i64]) -> Result<Decision, RateLimitError> {
        super::decision_from_redis_reply(&self.quota()?, reply, self.cost)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::boundary::{decode, decode_or_default, Site, Value};
    use serde_json::json;

    fn site() -> Site {
        Site::options("ratelimit").camel()
    }

    #[test]
    fn defaults_are_ten_per_hour_sliding_log_and_a_56_prefix() {
        let options: LimiterOptions = decode_or_default(None, &site()).unwrap();
        let limiter = options.limiter().unwrap();
        let quota = limiter.quotas()[0];
        assert_eq!((quota.limit(), quota.period_us(), quota.burst()), (10, 3_600_000_000, 10));
        assert_eq!(limiter.algorithm(), Algorithm::SlidingLog);
        let key = ClientKeyOptions::default().client_key("2001:db8:ab12:cd00::1", &[]).unwrap();
        assert_eq!(key, "2001:db8:ab12:cd00::/56");
    }

    #[test]
    fn camel_keys_decode_and_wrong_types_name_the_option() {
        let given = Value::from(json!({"limit": 3, "period": 30, "legacyHeaders": true}));
        let options: LimiterOptions = decode(given, &site()).unwrap();
        assert!(options.legacy_headers);
        let err = decode::<LimiterOptions>(Value::from(json!({"limit": "3"})), &site()).unwrap_err();
        assert_eq!((err.code, err.path.as_str()), ("invalid_option", "limit"));
        let err = decode::<StepOptions>(Value::from(json!({"algorithm": "gcra"})), &site()).unwrap_err();
        assert_eq!((err.code, err.path.as_str()), ("invalid_option", "algorithm"));
    }

    #[test]
    fn trusted_proxies_are_hops_or_networks() {
        let hops: ClientKeyOptions = decode(Value::from(json!({"trustedProxies": 2})), &site()).unwrap();
        assert_eq!(hops.trusted().unwrap(), TrustedProxies::Hops(2));
        let nets: ClientKeyOptions = decode(Value::from(json!({"trustedProxies": ["10.0.0.0/8"]})), &site()).unwrap();
        let headers = [("X-Forwarded-For".to_owned(), "198.51.100.9".to_owned())];
        assert_eq!(nets.client_key("10.1.2.3", &headers).unwrap(), "198.51.100.9");
        let bad: ClientKeyOptions = decode(Value::from(json!({"trustedProxies": ["10.0.0.1/8"]})), &site()).unwrap();
        assert_eq!(bad.trusted().unwrap_err().code(), "invalid_network");
        for wrong in [json!(true), json!("10.0.0.0/8"), json!(-1), json!([8])] {
            let err = decode::<ClientKeyOptions>(Value::from(json!({"trustedProxies": wrong})), &site()).unwrap_err();
            assert_eq!(err.code, "invalid_option", "{wrong}");
        }
    }

    #[test]
    fn range_problems_are_the_areas_codes() {
        let zero = LimiterOptions { limit: Some(0), ..LimiterOptions::default() };
        assert_eq!(zero.limiter().unwrap_err().code(), "invalid_quota");
        let algorithm = LimiterOptions { algorithm: AlgorithmName("token_bucket".into()), ..LimiterOptions::default() };
        assert_eq!(algorithm.limiter().unwrap_err().code(), "invalid_quota");
        assert_eq!(now_micros(Some(-1.0), || 0).unwrap_err().code(), "invalid_now");
        assert_eq!(now_micros(None, || 42).unwrap(), 42);
        let prefix = ClientKeyOptions { ipv6_prefix: 32, ..ClientKeyOptions::default() };
        assert_eq!(prefix.client_key("203.0.113.7", &[]).unwrap_err().code(), "invalid_prefix");
    }

    #[test]
    fn a_decision_view_has_seconds_and_headers() {
        let step = StepOptions { limit: 2, period: 10.0, ..StepOptions::default() };
        let (decision, state) = step.step(0, 100.0).unwrap();
        assert_eq!(state, 105_000_000); // one emission interval, 5 s, after now
        let view = decision.view(false);
        assert_eq!((view.allowed, view.remaining, view.retry_after, view.reset, view.at), (true, 1, 0, 5, 100.0));
        assert_eq!(view.headers[0], ("RateLimit-Policy".to_owned(), "\"default\";q=2;w=10".to_owned()));
    }
}
