//! `retry`: wraps `fleetgate::retry` (backoff policies, Retry-After, retryable responses).

use fleetgate::ratelimit::micros_from_seconds;
use fleetgate::retry::{self as core, Jitter, RetryError};
use wasm_bindgen::prelude::*;

use crate::errors::to_js_err;
use crate::ratelimit::{field, now_micros, number};

fn seconds(us: i64) -> f64 {
    us as f64 / 1e6
}

/// A retry policy with jitter, a cap, and attempt and elapsed-time budgets.
#[wasm_bindgen]
pub struct Backoff {
    inner: core::Backoff,
}

impl Backoff {
    /// The core policy, for other modules of the binding (`sse.Decoder.reconnect`).
    pub(crate) fn inner_mut(&mut self) -> &mut core::Backoff {
        &mut self.inner
    }
}

#[wasm_bindgen]
impl Backoff {
    /// `new retry.Backoff({kind, base, cap, maxAttempts, maxElapsed, seed})` (seconds; `kind` is `"full_jitter"`
    /// (default), `"equal_jitter"`, `"decorrelated"` or `"constant"`).
    /// @throws {Error} with `code` `invalid_backoff`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(
            unchecked_param_type = "{kind?: string, base?: number, cap?: number, maxAttempts?: number, maxElapsed?: number, seed?: number}"
        )]
        options: JsValue,
    ) -> Result<Backoff, JsValue> {
        let run = || -> Result<Backoff, RetryError> {
            let invalid = |problem| RetryError::InvalidBackoff { problem };
            let num = |name, problem| number(&options, name).map_err(|_| invalid(problem));
            let micros = |s: f64, problem| micros_from_seconds(s).ok_or(invalid(problem));
            let kind = field(&options, "kind");
            let kind = if kind.is_undefined() { Some("full_jitter".to_owned()) } else { kind.as_string() };
            let base = num("base", "base must be a number")?.unwrap_or(0.1);
            let cap = num("cap", "cap must be a number")?.unwrap_or(30.0);
            let attempts = num("maxAttempts", "maxAttempts must be a number")?.unwrap_or(5.0);
            let max_elapsed = num("maxElapsed", "maxElapsed must be a number")?;
            let seed = match num("seed", "seed must be a number")? {
                Some(s) if s.fract() == 0.0 && (0.0..=9_007_199_254_740_991.0).contains(&s) => s as u64,
                Some(_) => return Err(invalid("seed must be an integer from 0 to 2^53 - 1")),
                None => (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64,
            };
            let attempts = if attempts.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&attempts) {
                attempts as u32
            } else {
                0
            };
            let inner = core::Backoff::new(
                Jitter::parse(kind.as_deref().unwrap_or(""))?,
                micros(base, "base must be positive seconds")?,
                micros(cap, "cap must be positive seconds")?,
                attempts,
                max_elapsed.map(|m| micros(m, "maxElapsed must be non-negative seconds")).transpose()?,
                seed,
            )?;
            Ok(Backoff { inner })
        };
        run().map_err(to_js_err)
    }

    /// The whole schedule (seconds) a fresh policy with these settings and seed hands out.
    #[wasm_bindgen(unchecked_return_type = "number[]")]
    pub fn delays(&self) -> js_sys::Array {
        self.inner.delays().into_iter().map(|us| JsValue::from(seconds(us))).collect()
    }

    /// The delay (seconds) before the next attempt after `attempt` attempts, or `undefined` to give up. A server's
    /// `retryAfter` (seconds) replaces the computed delay, capped; the budgets still apply.
    #[wasm_bindgen(js_name = "nextDelay")]
    pub fn next_delay(
        &mut self,
        attempt: u32,
        #[wasm_bindgen(js_name = "retryAfter")] retry_after: Option<f64>,
    ) -> Result<Option<f64>, JsValue> {
        let retry_after = retry_after
            .map(|s| micros_from_seconds(s).ok_or(RetryError::InvalidRetryAfter { value: s.to_string() }))
            .transpose()
            .map_err(to_js_err)?;
        Ok(self.inner.next_delay(attempt, retry_after).map(seconds))
    }

    /// The total of the delays handed out so far, in seconds.
    #[wasm_bindgen(getter)]
    pub fn elapsed(&self) -> f64 {
        seconds(self.inner.elapsed_us())
    }
}

/// Retries: `Retry-After` parsing and which responses to retry (and the `Backoff` class).
#[wasm_bindgen(js_name = "retry")]
pub struct Retry;

#[wasm_bindgen(js_class = "retry")]
impl Retry {
    /// Seconds to wait for a `Retry-After` value (delta-seconds or any HTTP-date form) from `now` (unix seconds;
    /// default: the clock). A past date gives 0.
    /// @throws {Error} with `code` `invalid_retry_after`.
    #[wasm_bindgen(js_name = "parseRetryAfter")]
    pub fn parse_retry_after(value: &str, now: Option<f64>) -> Result<f64, JsValue> {
        let now = now_micros(now).map_err(|_| RetryError::InvalidRetryAfter { value: value.to_owned() });
        now.and_then(|now| core::parse_retry_after(value, now)).map(seconds).map_err(to_js_err)
    }

    /// Whether a failed request may be retried: `status` is the response status, or `null` for a connect or
    /// timeout error; only idempotent methods unless `idempotencyKey` is true.
    /// @throws {Error} with `code` `invalid_status` or `invalid_method`.
    #[wasm_bindgen(js_name = "isRetryable")]
    pub fn is_retryable(
        status: Option<f64>,
        method: &str,
        #[wasm_bindgen(js_name = "idempotencyKey")] idempotency_key: Option<bool>,
    ) -> Result<bool, JsValue> {
        let status = status.map(|s| if s.fract() == 0.0 && s.abs() < 1e15 { s as i64 } else { -1 });
        core::is_retryable(status, method, idempotency_key.unwrap_or(false)).map_err(to_js_err)
    }
}
