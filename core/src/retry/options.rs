//! The options of a backoff policy as every binding passes them (seconds), with the one documented default:
//! full jitter from 0.1 s, capped at 30 s, 5 attempts in all, no elapsed-time budget. The HTTP clients use the
//! same default ([`crate::client::HttpConfig`]).

use serde::Deserialize;

use super::{Backoff, Jitter, RetryError};
use crate::ratelimit::micros_from_seconds;

/// The default `kind`: `full_jitter`.
pub const DEFAULT_KIND: &str = "full_jitter";
/// The default `base`, in seconds: 0.1.
pub const DEFAULT_BASE_S: f64 = 0.1;
/// The default `cap`, in seconds: 30.
pub const DEFAULT_CAP_S: f64 = 30.0;
/// The default `max_attempts` (the first attempt included): 5.
pub const DEFAULT_MAX_ATTEMPTS: u32 = 5;

/// `new retry.Backoff({kind, base, cap, maxAttempts, maxElapsed, seed})` / `Backoff(kind, base, ...)`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BackoffOptions {
    /// `full_jitter` (default), `equal_jitter`, `decorrelated` or `constant`.
    pub kind: String,
    /// The first delay's scale in seconds (default 0.1; positive).
    pub base: f64,
    /// The largest delay in seconds (default 30; at least `base`).
    pub cap: f64,
    /// Attempts in all, the first one included (default 5; at least 1).
    pub max_attempts: u32,
    /// The most the delays may total, in seconds (default: no limit).
    pub max_elapsed: Option<f64>,
    /// The seed of the random draws (default: a random seed from the binding).
    pub seed: Option<u64>,
}

impl Default for BackoffOptions {
    fn default() -> Self {
        BackoffOptions {
            kind: DEFAULT_KIND.to_owned(),
            base: DEFAULT_BASE_S,
            cap: DEFAULT_CAP_S,
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            max_elapsed: None,
            seed: None,
        }
    }
}

impl BackoffOptions {
    /// The policy (`invalid_backoff` when a setting is unusable); `entropy` seeds it when `seed` is not given.
    pub fn backoff(&self, entropy: u64) -> Result<Backoff, RetryError> {
        let micros = |s: f64, problem| micros_from_seconds(s).ok_or(RetryError::InvalidBackoff { problem });
        let max_elapsed =
            self.max_elapsed.map(|m| micros(m, "max_elapsed must be a non-negative number of seconds")).transpose()?;
        Backoff::new(
            Jitter::parse(&self.kind)?,
            micros(self.base, "base must be a positive number of seconds")?,
            micros(self.cap, "cap must be a positive number of seconds")?,
            self.max_attempts,
            max_elapsed,
            self.seed.unwrap_or(entropy),
        )
    }
}

/// `nextDelay(attempt, retryAfter)`: a server's `Retry-After` in seconds, in microseconds (`invalid_retry_after`
/// when negative or not finite).
pub fn retry_after_micros(retry_after: Option<f64>) -> Result<Option<i64>, RetryError> {
    retry_after
        .map(|s| micros_from_seconds(s).ok_or(RetryError::InvalidRetryAfter { value: s.to_string() }))
        .transpose()
}

/// `parseRetryAfter(value, now)` with `now` in unix seconds (`None`: `clock_us`, the binding's clock), giving
/// seconds to wait.
pub fn parse_retry_after_s(value: &str, now: Option<f64>, clock_us: impl FnOnce() -> i64) -> Result<f64, RetryError> {
    let now = match now {
        Some(s) => micros_from_seconds(s).ok_or(RetryError::InvalidRetryAfter { value: value.to_owned() })?,
        None => clock_us(),
    };
    super::parse_retry_after(value, now).map(|us| us as f64 / 1e6)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::boundary::{decode, Site, Value};
    use serde_json::json;

    #[test]
    fn the_one_default_is_full_jitter_from_a_tenth_capped_at_thirty_five_attempts() {
        let constant = BackoffOptions { kind: "constant".into(), ..BackoffOptions::default() };
        assert_eq!(constant.backoff(7).unwrap().delays(), vec![100_000; 4]);
        let full = BackoffOptions::default().backoff(7).unwrap();
        let delays = full.delays();
        assert_eq!(delays.len(), 4);
        // full jitter: attempt n draws from 0 ..= min(30 s, 0.1 s x 2^(n-1))
        for (i, d) in delays.iter().enumerate() {
            assert!((0..=100_000 << i).contains(d), "{i}: {d}");
        }
    }

    #[test]
    fn options_decode_in_camel_case_and_check_ranges_in_core() {
        let site = Site::options("retry").camel();
        let options: BackoffOptions = decode(Value::from(json!({"maxAttempts": 2, "seed": 1})), &site).unwrap();
        assert_eq!((options.max_attempts, options.seed), (2, Some(1)));
        let err = decode::<BackoffOptions>(Value::from(json!({"base": "0.1"})), &site).unwrap_err();
        assert_eq!((err.code, err.path.as_str()), ("invalid_option", "base"));
        let negative = BackoffOptions { max_elapsed: Some(-1.0), ..BackoffOptions::default() };
        assert_eq!(negative.backoff(0).unwrap_err().code(), "invalid_backoff");
        assert_eq!(retry_after_micros(Some(-5.0)).unwrap_err().code(), "invalid_retry_after");
        assert_eq!(parse_retry_after_s("120", None, || 0).unwrap(), 120.0);
    }
}
