//! Retries: backoff policies with jitter and budgets, `Retry-After` parsing, and which responses to retry.
//!
//! Durations are integer **microseconds**; instants are microseconds since the Unix epoch (time is an input).
//! Randomness comes from a SplitMix64 generator seeded by the caller, so a seeded policy is reproducible
//! (`core/tests/vectors/reference/retry.py` reproduces it independently).
//!
//! ```
//! use fleetgate::retry::{Backoff, Jitter};
//! let mut backoff = Backoff::new(Jitter::Constant, 500_000, 30_000_000, 3, None, 0).unwrap();
//! assert_eq!(backoff.next_delay(1, None), Some(500_000));
//! assert_eq!(backoff.next_delay(2, Some(2_000_000)), Some(2_000_000)); // the server's Retry-After wins
//! assert_eq!(backoff.next_delay(3, None), None); // 3 attempts made: give up
//! ```

use crate::error::ErrorCode;

mod http_date;
mod options;

pub use http_date::parse_http_date;
pub use options::{
    parse_retry_after_s, retry_after_micros, BackoffOptions, DEFAULT_BASE_S, DEFAULT_CAP_S, DEFAULT_KIND,
    DEFAULT_MAX_ATTEMPTS,
};

/// How a delay is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Jitter {
    /// `rand(0, min(cap, base x 2^(attempt - 1)))`.
    Full,
    /// With `v = min(cap, base x 2^(attempt - 1))`: `v/2 + rand(0, v - v/2)`.
    Equal,
    /// `min(cap, rand(base, previous x 3))`, the previous delay starting at `base`.
    Decorrelated,
    /// Always `base`.
    Constant,
}

impl Jitter {
    /// Parses `full_jitter`, `equal_jitter`, `decorrelated` or `constant`; anything else is `invalid_backoff`.
    pub fn parse(name: &str) -> Result<Self, RetryError> {
        match name {
            "full_jitter" => Ok(Jitter::Full),
            "equal_jitter" => Ok(Jitter::Equal),
            "decorrelated" => Ok(Jitter::Decorrelated),
            "constant" => Ok(Jitter::Constant),
            _ => Err(RetryError::InvalidBackoff {
                problem: "kind must be 'full_jitter', 'equal_jitter', 'decorrelated' or 'constant'",
            }),
        }
    }
}

/// A retry policy with its state: the random generator, the previous delay and the total handed out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backoff {
    kind: Jitter,
    base_us: i64,
    cap_us: i64,
    max_attempts: u32,
    max_elapsed_us: Option<i64>,
    seed: u64,
    rng: u64,
    previous_us: i64,
    elapsed_us: i64,
}

impl Backoff {
    /// A policy: delays from `base_us` (at least 1) growing to at most `cap_us` (at least `base_us`); at most
    /// `max_attempts` attempts in all (the first one included, so `max_attempts - 1` retries; at least 1); the
    /// delays handed out total at most `max_elapsed_us` when given. `seed` seeds the random draws.
    pub fn new(
        kind: Jitter,
        base_us: i64,
        cap_us: i64,
        max_attempts: u32,
        max_elapsed_us: Option<i64>,
        seed: u64,
    ) -> Result<Self, RetryError> {
        let invalid = |problem| Err(RetryError::InvalidBackoff { problem });
        if base_us < 1 {
            return invalid("base must be positive");
        }
        if cap_us < base_us {
            return invalid("cap must be at least base");
        }
        if max_attempts < 1 {
            return invalid("max_attempts must be at least 1");
        }
        if max_elapsed_us.is_some_and(|m| m < 0) {
            return invalid("max_elapsed must not be negative");
        }
        Ok(Backoff {
            kind,
            base_us,
            cap_us,
            max_attempts,
            max_elapsed_us,
            seed,
            rng: seed,
            previous_us: base_us,
            elapsed_us: 0,
        })
    }

    /// The delay before the next attempt, after `attempt` attempts have been made (1 after the first failure), or
    /// `None` to give up: when `attempt >= max_attempts`, or when the delay would take the total past
    /// `max_elapsed`. A server's `retry_after_us` replaces the computed delay (capped at `cap`) and draws no random
    /// number; the budget still applies, so a server cannot hold a client forever.
    pub fn next_delay(&mut self, attempt: u32, retry_after_us: Option<i64>) -> Option<i64> {
        if attempt >= self.max_attempts {
            return None;
        }
        let exponential = || {
            let factor = 1i64.checked_shl(attempt.saturating_sub(1)).filter(|f| *f > 0).unwrap_or(i64::MAX);
            self.base_us.saturating_mul(factor).min(self.cap_us)
        };
        let delay = match (retry_after_us, self.kind) {
            (Some(server), _) => server.clamp(0, self.cap_us),
            (None, Jitter::Full) => self.uniform(0, exponential()),
            (None, Jitter::Equal) => {
                let v = exponential();
                v / 2 + self.uniform(0, v - v / 2)
            }
            (None, Jitter::Decorrelated) => {
                let high = self.previous_us.saturating_mul(3).max(self.base_us);
                self.uniform(self.base_us, high).min(self.cap_us)
            }
            (None, Jitter::Constant) => self.base_us,
        };
        let elapsed = self.elapsed_us.saturating_add(delay);
        if self.max_elapsed_us.is_some_and(|max| elapsed > max) {
            return None;
        }
        self.elapsed_us = elapsed;
        self.previous_us = delay;
        Some(delay)
    }

    /// The whole schedule a fresh policy with these settings and seed hands out: one delay per retry, until
    /// attempts or elapsed time run out. Does not change `self`.
    pub fn delays(&self) -> Vec<i64> {
        let mut fresh = Backoff { rng: self.seed, previous_us: self.base_us, elapsed_us: 0, ..self.clone() };
        (1..).map_while(|attempt| fresh.next_delay(attempt, None)).collect()
    }

    /// The total of the delays handed out so far, in microseconds.
    pub fn elapsed_us(&self) -> i64 {
        self.elapsed_us
    }

    /// A uniform integer in `low..=high`: SplitMix64, scaled by a 128-bit multiply (Lemire's method without the
    /// rejection step; the bias is below 2^-40 for any delay under 2^24 s).
    fn uniform(&mut self, low: i64, high: i64) -> i64 {
        self.rng = self.rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        let span = (high - low) as u128 + 1;
        low + ((u128::from(z) * span) >> 64) as i64
    }
}

/// Parses a `Retry-After` value into the microseconds to wait from `now_us`: delta-seconds (`120`) or an
/// HTTP-date in any of its three forms (IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`, obsolete RFC 850
/// `Sunday, 06-Nov-94 08:49:37 GMT`, asctime `Sun Nov  6 08:49:37 1994`). A date in the past means 0.
/// Anything else, and any delay above [`MAX_DELAY_US`] (delta-seconds or a date that far ahead), is
/// `invalid_retry_after`.
pub fn parse_retry_after(value: &str, now_us: i64) -> Result<i64, RetryError> {
    let invalid = || RetryError::InvalidRetryAfter { value: value.to_owned() };
    let trimmed = value.trim_matches([' ', '\t']);
    if !trimmed.is_empty() && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        let seconds: i64 = trimmed.parse().map_err(|_| invalid())?;
        return seconds.checked_mul(1_000_000).filter(|us| *us <= MAX_DELAY_US).ok_or_else(invalid);
    }
    let at_seconds = parse_http_date(trimmed, now_us.div_euclid(1_000_000)).ok_or_else(invalid)?;
    // In i128: `now_us` is the caller's and the date any year, so the difference may not fit an i64.
    let delay = i128::from(at_seconds) * 1_000_000 - i128::from(now_us);
    if delay > i128::from(MAX_DELAY_US) {
        return Err(invalid());
    }
    Ok(i64::try_from(delay.max(0)).unwrap_or(0))
}

/// The longest `Retry-After` delay accepted, in microseconds (2^53 - 1).
pub const MAX_DELAY_US: i64 = 9_007_199_254_740_991;

/// Methods that are idempotent by definition (RFC 9110): safe to repeat.
const IDEMPOTENT_METHODS: [&str; 6] = ["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"];

/// Statuses that say "try again": 408, 425, 429, 500, 502, 503, 504.
const RETRYABLE_STATUSES: [u16; 7] = [408, 425, 429, 500, 502, 503, 504];

/// Whether a failed request may be retried. `status` is the response status, or `None` for a connect or timeout
/// error (no response). Only 408, 425, 429, 500, 502, 503 and 504 are retried, never another 4xx; and only for
/// idempotent methods (GET, HEAD, OPTIONS, TRACE, PUT, DELETE; method names are case-sensitive, as in HTTP)
/// unless the request carries an idempotency key. A status outside 100-599 is `invalid_status`; a method that is
/// not an HTTP token is `invalid_method`.
pub fn is_retryable(status: Option<i64>, method: &str, has_idempotency_key: bool) -> Result<bool, RetryError> {
    let is_token =
        !method.is_empty() && method.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
    if !is_token {
        return Err(RetryError::InvalidMethod { method: method.to_owned() });
    }
    let retryable_outcome = match status {
        None => true,
        Some(s) if (100..=599).contains(&s) => RETRYABLE_STATUSES.contains(&(s as u16)),
        Some(s) => return Err(RetryError::InvalidStatus { status: s }),
    };
    Ok(retryable_outcome && (has_idempotency_key || IDEMPOTENT_METHODS.contains(&method)))
}

/// Errors of the retry area.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum RetryError {
    /// Code `invalid_backoff`: the policy's settings are unusable.
    #[error("invalid backoff policy: {problem}")]
    InvalidBackoff {
        /// What is wrong.
        problem: &'static str,
    },
    /// Code `invalid_retry_after`: neither delta-seconds nor an HTTP-date.
    #[error("invalid Retry-After value {value:?}: expected delta-seconds or an HTTP-date")]
    InvalidRetryAfter {
        /// The value as given.
        value: String,
    },
    /// Code `invalid_status`: not an HTTP status code (100-599).
    #[error("invalid HTTP status {status}: expected 100 to 599")]
    InvalidStatus {
        /// The status as given.
        status: i64,
    },
    /// Code `invalid_method`: not an HTTP method token.
    #[error("invalid HTTP method {method:?}")]
    InvalidMethod {
        /// The method as given.
        method: String,
    },
}

impl ErrorCode for RetryError {
    fn code(&self) -> &'static str {
        match self {
            RetryError::InvalidBackoff { .. } => "invalid_backoff",
            RetryError::InvalidRetryAfter { .. } => "invalid_retry_after",
            RetryError::InvalidStatus { .. } => "invalid_status",
            RetryError::InvalidMethod { .. } => "invalid_method",
        }
    }
    fn area(&self) -> &'static str {
        "retry"
    }
}

impl RetryError {
    /// The stable code (same as [`ErrorCode::code`], callable without importing the trait).
    pub fn code(&self) -> &'static str {
        ErrorCode::code(self)
    }
}
