//! `retry` namespace: wraps `fleetgate::retry` (backoff policies, Retry-After, retryable responses).

use std::hash::{BuildHasher, Hasher};

use fleetgate::ratelimit::micros_from_seconds;
use fleetgate::retry::{self as core, Jitter, RetryError};
use napi::Env;
use napi_derive::napi;

use crate::errors::{guard, to_js_err};
use crate::ratelimit::now_micros;

fn seconds(us: i64) -> f64 {
    us as f64 / 1e6
}

/// A backoff policy's settings (seconds).
#[napi(object, namespace = "retry")]
pub struct BackoffOptions {
    /// `"full_jitter"` (default), `"equal_jitter"`, `"decorrelated"` or `"constant"`.
    pub kind: Option<String>,
    /// The first delay's scale in seconds (default 0.1).
    pub base: Option<f64>,
    /// The largest delay in seconds (default 30).
    pub cap: Option<f64>,
    /// Attempts in all, the first one included (default 5).
    pub max_attempts: Option<u32>,
    /// The most the delays may total, in seconds (default: no limit).
    pub max_elapsed: Option<f64>,
    /// Seed of the random draws, an integer below 2^53 (default: random).
    pub seed: Option<f64>,
}

/// A retry policy with jitter, a cap, and attempt and elapsed-time budgets.
#[napi(namespace = "retry")]
pub struct Backoff {
    inner: core::Backoff,
}

impl Backoff {
    /// The core policy, for other namespaces of the binding (`sse.Decoder.reconnect`).
    pub(crate) fn inner_mut(&mut self) -> &mut core::Backoff {
        &mut self.inner
    }

    /// The core policy, read-only (the HTTP clients copy it).
    pub(crate) fn inner(&self) -> &core::Backoff {
        &self.inner
    }
}

#[napi(namespace = "retry")]
impl Backoff {
    /// `new retry.Backoff({kind, base, cap, maxAttempts, maxElapsed, seed})`.
    /// @throws {Error} with `code` `invalid_backoff`.
    #[napi(constructor)]
    pub fn new(env: Env, options: Option<BackoffOptions>) -> napi::Result<Self> {
        guard(&env, || {
            let run = || -> Result<Self, RetryError> {
                let o = options.unwrap_or(BackoffOptions {
                    kind: None,
                    base: None,
                    cap: None,
                    max_attempts: None,
                    max_elapsed: None,
                    seed: None,
                });
                let micros = |s: f64, problem| micros_from_seconds(s).ok_or(RetryError::InvalidBackoff { problem });
                let max_elapsed =
                    o.max_elapsed.map(|m| micros(m, "maxElapsed must be non-negative seconds")).transpose()?;
                let seed = match o.seed {
                    Some(s) if s.fract() == 0.0 && (0.0..=9_007_199_254_740_991.0).contains(&s) => s as u64,
                    Some(_) => {
                        return Err(RetryError::InvalidBackoff {
                            problem: "seed must be an integer from 0 to 2^53 - 1",
                        })
                    }
                    None => std::collections::hash_map::RandomState::new().build_hasher().finish(),
                };
                let inner = core::Backoff::new(
                    Jitter::parse(o.kind.as_deref().unwrap_or("full_jitter"))?,
                    micros(o.base.unwrap_or(0.1), "base must be positive seconds")?,
                    micros(o.cap.unwrap_or(30.0), "cap must be positive seconds")?,
                    o.max_attempts.unwrap_or(5),
                    max_elapsed,
                    seed,
                )?;
                Ok(Backoff { inner })
            };
            run().map_err(to_js_err(&env))
        })
    }

    /// The whole schedule (seconds) a fresh policy with these settings and seed hands out.
    #[napi]
    pub fn delays(&self) -> Vec<f64> {
        self.inner.delays().into_iter().map(seconds).collect()
    }

    /// The delay (seconds) before the next attempt after `attempt` attempts, or `null` to give up. A server's
    /// `retryAfter` (seconds) replaces the computed delay, capped; the budgets still apply.
    #[napi(js_name = "nextDelay")]
    pub fn next_delay(&mut self, env: Env, attempt: u32, retry_after: Option<f64>) -> napi::Result<Option<f64>> {
        guard(&env, || {
            let retry_after = retry_after
                .map(|s| micros_from_seconds(s).ok_or(RetryError::InvalidRetryAfter { value: s.to_string() }))
                .transpose()
                .map_err(to_js_err(&env))?;
            Ok(self.inner.next_delay(attempt, retry_after).map(seconds))
        })
    }

    /// The total of the delays handed out so far, in seconds.
    #[napi(getter)]
    pub fn elapsed(&self) -> f64 {
        seconds(self.inner.elapsed_us())
    }
}

/// Seconds to wait for a `Retry-After` value (delta-seconds or any HTTP-date form) from `now` (unix seconds;
/// default: the clock). A past date gives 0.
/// @throws {Error} with `code` `invalid_retry_after`.
#[napi(namespace = "retry", js_name = "parseRetryAfter")]
pub fn parse_retry_after(env: Env, value: String, now: Option<f64>) -> napi::Result<f64> {
    guard(&env, || {
        let now = now_micros(now).map_err(|_| RetryError::InvalidRetryAfter { value: value.clone() });
        now.and_then(|now| core::parse_retry_after(&value, now)).map(seconds).map_err(to_js_err(&env))
    })
}

/// Whether a failed request may be retried: `status` is the response status, or `null` for a connect or timeout
/// error; only idempotent methods unless `idempotencyKey` is true.
/// @throws {Error} with `code` `invalid_status` or `invalid_method`.
#[napi(namespace = "retry", js_name = "isRetryable")]
pub fn is_retryable(
    env: Env,
    status: Option<f64>,
    method: String,
    idempotency_key: Option<bool>,
) -> napi::Result<bool> {
    guard(&env, || {
        let status = status.map(|s| if s.fract() == 0.0 && s.abs() < 1e15 { s as i64 } else { -1 });
        core::is_retryable(status, &method, idempotency_key.unwrap_or(false)).map_err(to_js_err(&env))
    })
}
