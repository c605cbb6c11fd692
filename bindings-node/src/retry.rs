//! `retry` namespace: wraps `fleetgate::retry` (backoff policies, Retry-After, retryable responses). Every
//! argument is decoded by the core (`fleetgate::retry::BackoffOptions`, ...), defaults included.

use std::hash::{BuildHasher, Hasher};

use fleetgate::boundary::Site;
use fleetgate::retry as core;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;

use crate::boundary;
use crate::errors::{guard, to_js_err};
use crate::ratelimit::clock_us;

const AREA: &str = "retry";

fn seconds(us: i64) -> f64 {
    us as f64 / 1e6
}

/// A random seed, for a policy given without one.
pub(crate) fn entropy() -> u64 {
    std::collections::hash_map::RandomState::new().build_hasher().finish()
}

/// A backoff policy's settings, in seconds (the TypeScript declaration; the core decodes them as
/// `fleetgate::retry::BackoffOptions`: full jitter from 0.1 s, capped at 30 s, 5 attempts in all by default).
#[napi(object, object_to_js = false, namespace = "retry")]
#[allow(dead_code)]
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
    /// Seed of the random draws, an integer (default: random).
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
    /// @throws {Error} with `code` `invalid_backoff` or `invalid_option`.
    #[napi(constructor)]
    pub fn new(
        env: Env,
        #[napi(ts_arg_type = "retry.BackoffOptions")] options: Option<Unknown<'_>>,
    ) -> napi::Result<Self> {
        guard(&env, || {
            let options: core::BackoffOptions =
                boundary::decode_or_default(&env, options, &Site::options(AREA).camel())?;
            Ok(Backoff { inner: options.backoff(entropy()).map_err(to_js_err(&env))? })
        })
    }

    /// The whole schedule (seconds) a fresh policy with these settings and seed hands out.
    #[napi]
    pub fn delays(&self) -> Vec<f64> {
        self.inner.delays().into_iter().map(seconds).collect()
    }

    /// The delay (seconds) before the next attempt after `attempt` attempts, or `null` to give up. A server's
    /// `retryAfter` (seconds) replaces the computed delay, capped; the budgets still apply.
    /// @throws {Error} with `code` `invalid_retry_after` or `invalid_argument`.
    #[napi(js_name = "nextDelay")]
    pub fn next_delay(
        &mut self,
        env: Env,
        #[napi(ts_arg_type = "number")] attempt: Unknown<'_>,
        #[napi(ts_arg_type = "number | null")] retry_after: Option<Unknown<'_>>,
    ) -> napi::Result<Option<f64>> {
        guard(&env, || {
            let attempt: u32 = boundary::decode(&env, attempt, &Site::argument(AREA, "attempt"))?;
            let retry_after: Option<f64> =
                boundary::decode_or_default(&env, retry_after, &Site::argument(AREA, "retryAfter"))?;
            let retry_after = core::retry_after_micros(retry_after).map_err(to_js_err(&env))?;
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
/// @throws {Error} with `code` `invalid_retry_after` or `invalid_argument`.
#[napi(namespace = "retry", js_name = "parseRetryAfter")]
pub fn parse_retry_after(
    env: Env,
    #[napi(ts_arg_type = "string")] value: Unknown<'_>,
    #[napi(ts_arg_type = "number")] now: Option<Unknown<'_>>,
) -> napi::Result<f64> {
    guard(&env, || {
        let value: String = boundary::decode(&env, value, &Site::argument(AREA, "value"))?;
        let now: Option<f64> = boundary::decode_or_default(&env, now, &Site::argument(AREA, "now"))?;
        core::parse_retry_after_s(&value, now, clock_us).map_err(to_js_err(&env))
    })
}

/// Whether a failed request may be retried: `status` is the response status, or `null` for a connect or timeout
/// error; only idempotent methods unless `idempotencyKey` is true.
/// @throws {Error} with `code` `invalid_status`, `invalid_method` or `invalid_argument`.
#[napi(namespace = "retry", js_name = "isRetryable")]
pub fn is_retryable(
    env: Env,
    #[napi(ts_arg_type = "number | null")] status: Unknown<'_>,
    #[napi(ts_arg_type = "string")] method: Unknown<'_>,
    #[napi(ts_arg_type = "boolean")] idempotency_key: Option<Unknown<'_>>,
) -> napi::Result<bool> {
    guard(&env, || {
        let status: Option<i64> = boundary::decode(&env, status, &Site::argument(AREA, "status"))?;
        let method: String = boundary::decode(&env, method, &Site::argument(AREA, "method"))?;
        let key: bool = boundary::decode_or_default(&env, idempotency_key, &Site::argument(AREA, "idempotencyKey"))?;
        core::is_retryable(status, &method, key).map_err(to_js_err(&env))
    })
}
