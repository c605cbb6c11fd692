//! Rate limiting: GCRA and sliding-log limiters behind one API, the same GCRA as a Redis Lua script for
//! deployments with several server instances, and the client key a request is limited by.
//!
//! Time is an input: every decision takes `now` as integer **microseconds** since the Unix epoch
//! ([`micros_from_seconds`] converts a caller's seconds). Microseconds keep every instant below 2^53, so the same
//! integers are exact in JavaScript numbers and in Redis' Lua (whose numbers are doubles).
//!
//! - [`Quota`]: `limit` requests per `period`, with a `burst` (GCRA only; default = `limit`).
//! - [`gcra_step`]: the pure GCRA step over a serialisable state (one integer, the "theoretical arrival time"), for
//!   callers who keep state in their own store.
//! - [`Limiter`]: a keyed in-memory limiter (GCRA or sliding log) that evicts idle keys itself.
//! - [`Decision`]: allowed, remaining, retry-after, reset, and the response headers.
//! - [`REDIS_GCRA_SCRIPT`] / [`decision_from_redis_reply`]: the distributed GCRA (and, with the cargo feature
//!   `redis`, [`RedisLimiter`](redis_limiter::RedisLimiter)).
//! - [`client_key`]: the key of a request's client, from its peer address and trusted proxy headers;
//!   [`client_key_from_request`]: the same by hosting platform (Vercel, Cloudflare, own proxies).
//!
//! ```
//! use fleetgate::ratelimit::{Algorithm, Limiter, Quota};
//! let quota = Quota::new(10, 3_600_000_000, None).unwrap(); // 10 per hour
//! let mut limiter = Limiter::new(quota, Algorithm::Gcra).unwrap();
//! let now = 1_700_000_000_000_000;
//! for _ in 0..10 {
//!     assert!(limiter.check("203.0.113.7", now, 1).unwrap().allowed);
//! }
//! let denied = limiter.check("203.0.113.7", now, 1).unwrap();
//! assert!(!denied.allowed);
//! assert_eq!(denied.retry_after_s(), 360); // one emission interval: 3600 s / 10
//! ```

mod client_key;
mod decision;
mod gcra;
mod limiter;
mod options;
mod quotas;
mod redis;
mod redis_plan;
mod redis_sliding;
mod sliding_log;

#[cfg(feature = "redis")]
pub mod redis_limiter;

pub use client_key::{client_key, client_key_from_request, Network, Platform, TrustedProxies};
pub use decision::{Decision, Reason, DECISION_FIELDS};
pub use gcra::gcra_step;
pub use limiter::{Algorithm, Limiter};
pub use options::{
    now_micros, AlgorithmName, CheckOptions, ClientKeyFromRequestOptions, ClientKeyOptions, DecisionView,
    LimiterOptions, StepOptions, TrustedOption, DEFAULT_IPV6_PREFIX, DEFAULT_LIMIT, DEFAULT_PERIOD_S,
};
pub use quotas::{limiter_of, quotas_from_specs, QuotaSpec, QuotasOption, MAX_QUOTAS};
pub use redis::{decision_from_redis_reply, redis_argv, REDIS_GCRA_SCRIPT};
pub use redis_plan::{
    OnError, RedisLimiterOptions, RedisPlan, DEFAULT_REDIS_PREFIX, DEFAULT_REDIS_TIMEOUT_MS, FAILURE_RETRY_AFTER_US,
    MAX_REDIS_TIMEOUT_MS,
};
pub use redis_sliding::{REDIS_GCRA_QUOTAS_SCRIPT, REDIS_SLIDING_LOG_SCRIPT};

use crate::error::ErrorCode;

/// The largest instant or duration fleetgate accepts, in microseconds: 2^53 - 1 (exact in JS numbers and Lua).
pub const MAX_MICROS: i64 = 9_007_199_254_740_991;

/// Microseconds per second.
pub const MICROS_PER_SECOND: i64 = 1_000_000;

/// Converts seconds (as a float, e.g. Python's `time.time()`) to whole microseconds, rounding to the nearest.
/// Negative, non-finite or too large values (more than [`MAX_MICROS`]) give `None`.
pub fn micros_from_seconds(seconds: f64) -> Option<i64> {
    let micros = (seconds * MICROS_PER_SECOND as f64).round();
    (seconds.is_finite() && micros >= 0.0 && micros <= MAX_MICROS as f64).then_some(micros as i64)
}

/// Whole seconds, rounded up, of a non-negative microsecond count (how headers express waiting times).
pub fn ceil_seconds(micros: i64) -> i64 {
    (micros.max(0) + MICROS_PER_SECOND - 1) / MICROS_PER_SECOND
}

/// Checks an IPv6 key prefix length given as any integer: 48 ..= 128, else `invalid_prefix`.
pub fn ipv6_prefix(prefix: i64) -> Result<u8, RateLimitError> {
    u8::try_from(prefix).ok().filter(|p| (48..=128).contains(p)).ok_or(RateLimitError::InvalidPrefix { prefix })
}

/// How many requests a key may make: `limit` per `period`, with bursts of up to `burst` at once (GCRA).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Quota {
    limit: u64,
    period_us: i64,
    burst: u64,
    /// T, computed once: period / limit rounded up.
    emission_interval_us: i64,
}

impl Quota {
    /// `limit` requests (at least 1) per `period_us` microseconds (at least 1), with `burst` (default `limit`).
    /// `period / limit` (the emission interval) is rounded **up** to whole microseconds, which only ever makes
    /// the limiter stricter; it is exact whenever `limit` divides the period (10 per hour: 360 s).
    /// Errors with `invalid_quota` when a value is zero or the quota cannot be held in 2^53 microseconds.
    pub fn new(limit: u64, period_us: i64, burst: Option<u64>) -> Result<Self, RateLimitError> {
        let burst = burst.unwrap_or(limit);
        let invalid = |problem: &'static str| RateLimitError::InvalidQuota { problem };
        if limit == 0 {
            return Err(invalid("limit must be at least 1"));
        }
        if period_us <= 0 || period_us > MAX_MICROS {
            return Err(invalid("period must be positive and at most 2^53 - 1 microseconds"));
        }
        if burst == 0 {
            return Err(invalid("burst must be at least 1"));
        }
        let period = period_us as u64; // positive: checked above
        let emission_interval_us = if limit >= period { 1 } else { period.div_ceil(limit) as i64 };
        let quota = Quota { limit, period_us, burst, emission_interval_us };
        let window = i64::try_from(burst).ok().and_then(|b| b.checked_mul(emission_interval_us));
        match window {
            Some(w) if w <= MAX_MICROS => Ok(quota),
            _ => Err(invalid("burst x emission interval must be at most 2^53 - 1 microseconds")),
        }
    }

    /// Requests per period.
    pub const fn limit(&self) -> u64 {
        self.limit
    }

    /// The period in microseconds.
    pub const fn period_us(&self) -> i64 {
        self.period_us
    }

    /// The burst: how many requests an idle key may make at once (GCRA); equal to `limit` unless set.
    pub const fn burst(&self) -> u64 {
        self.burst
    }

    /// The GCRA emission interval T = period / limit, rounded up to whole microseconds.
    pub const fn emission_interval_us(&self) -> i64 {
        self.emission_interval_us
    }
}

/// Errors of the rate-limiting area.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum RateLimitError {
    /// Code `invalid_quota`: the limit, period, burst or algorithm settings are unusable.
    #[error("invalid rate-limit quota: {problem}")]
    InvalidQuota {
        /// What is wrong.
        problem: &'static str,
    },
    /// Code `invalid_cost`: a request's cost must be at least 1 and at most the burst (GCRA) or limit (sliding log).
    #[error("invalid request cost {cost}: must be from 1 to {max}")]
    InvalidCost {
        /// The cost as given.
        cost: u64,
        /// The largest cost this limiter can ever admit.
        max: u64,
    },
    /// Code `invalid_now`: the instant is negative, not finite or after 2^53 - 1 microseconds.
    #[error("invalid instant {value}: expected unix time from 0 to 2^53 - 1 microseconds")]
    InvalidNow {
        /// The value as given.
        value: String,
    },
    /// Code `invalid_state`: a stored GCRA state or a Redis reply is not what the limiter wrote.
    #[error("invalid rate-limit state: {problem}")]
    InvalidState {
        /// What is wrong.
        problem: String,
    },
    /// Code `invalid_address`: the peer address or a forwarded address that had to be read is malformed.
    #[error("invalid client address {address:?}")]
    InvalidAddress {
        /// The address as given.
        address: String,
    },
    /// Code `invalid_network`: a trusted proxy network is not an address or CIDR block with a clean prefix.
    #[error("invalid trusted proxy network {network:?}: {problem}")]
    InvalidNetwork {
        /// The network as given.
        network: String,
        /// What is wrong.
        problem: &'static str,
    },
    /// Code `invalid_prefix`: the IPv6 key prefix must be from 48 to 128.
    #[error("invalid IPv6 key prefix /{prefix}: expected 48 to 128")]
    InvalidPrefix {
        /// The prefix length as given.
        prefix: i64,
    },
    /// Code `conflicting_forwarded_headers`: `Forwarded` and `X-Forwarded-For` both name a client, and differently.
    #[error("Forwarded names client {forwarded:?} but X-Forwarded-For names {x_forwarded_for:?}")]
    ConflictingForwardedHeaders {
        /// The key read from `Forwarded`.
        forwarded: String,
        /// The key read from `X-Forwarded-For`.
        x_forwarded_for: String,
    },
    /// Code `invalid_platform`: `client_key_from_request`'s platform is not `vercel`, `cloudflare`, `trusted_proxies`
    /// or `none`.
    #[error("unknown platform {platform:?}: expected vercel, cloudflare, trusted_proxies or none")]
    InvalidPlatform {
        /// The platform as given.
        platform: String,
    },
    /// Code `missing_client_address`: the platform's client-address header (or, for `trusted_proxies`, the peer) is
    /// absent, or the platform is `none`: fleetgate does not guess a client key from headers anyone can write.
    #[error("no trustworthy client address: {problem}")]
    MissingClientAddress {
        /// What is missing.
        problem: &'static str,
    },
    /// Code `redis_error`: the Redis server could not be reached or failed running the script.
    #[error("redis: {message}")]
    Redis {
        /// The client library's message.
        message: String,
    },
}

impl ErrorCode for RateLimitError {
    fn code(&self) -> &'static str {
        match self {
            RateLimitError::InvalidQuota { .. } => "invalid_quota",
            RateLimitError::InvalidCost { .. } => "invalid_cost",
            RateLimitError::InvalidNow { .. } => "invalid_now",
            RateLimitError::InvalidState { .. } => "invalid_state",
            RateLimitError::InvalidAddress { .. } => "invalid_address",
            RateLimitError::InvalidNetwork { .. } => "invalid_network",
            RateLimitError::InvalidPrefix { .. } => "invalid_prefix",
            RateLimitError::ConflictingForwardedHeaders { .. } => "conflicting_forwarded_headers",
            RateLimitError::Redis { .. } => "redis_error",
            RateLimitError::InvalidPlatform { .. } => "invalid_platform",
            RateLimitError::MissingClientAddress { .. } => "missing_client_address",
        }
    }
    fn area(&self) -> &'static str {
        "ratelimit"
    }
}

impl RateLimitError {
    /// The stable code (same as [`ErrorCode::code`], callable without importing the trait).
    pub fn code(&self) -> &'static str {
        ErrorCode::code(self)
    }
}

/// Checks an instant in microseconds (0 ..= [`MAX_MICROS`]).
pub(crate) fn check_now(now_us: i64) -> Result<i64, RateLimitError> {
    if (0..=MAX_MICROS).contains(&now_us) {
        Ok(now_us)
    } else {
        Err(RateLimitError::InvalidNow { value: format!("{now_us} us") })
    }
}
