//! `retry`: wraps `fleetgate::retry` (backoff policies, Retry-After, retryable responses). Every argument is
//! decoded by the core (`fleetgate::retry::BackoffOptions`, ...), defaults included.

use fleetgate::boundary::Site;
use fleetgate::retry as core;
use wasm_bindgen::prelude::*;

use crate::boundary;
use crate::errors::to_js_err;
use crate::ratelimit::clock_us;

const AREA: &str = "retry";

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** `new retry.Backoff(options)`, in seconds; the defaults (the core's `BackoffOptions`) are in docs/retry.md. */
export interface BackoffOptions {
  kind?: "full_jitter" | "equal_jitter" | "decorrelated" | "constant";
  base?: number;
  cap?: number;
  maxAttempts?: number;
  maxElapsed?: number | null;
  seed?: number | null;
}
"#;

fn seconds(us: i64) -> f64 {
    us as f64 / 1e6
}

/// A random seed (`Math.random`), for a policy given without one.
fn entropy() -> u64 {
    let half = || (js_sys::Math::random() * f64::from(u32::MAX)) as u64;
    (half() << u32::BITS) | half()
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
    /// `new retry.Backoff({kind, base, cap, maxAttempts, maxElapsed, seed})` (seconds; by default full jitter from
    /// 0.1 s, capped at 30 s, 5 attempts in all).
    /// @throws {Error} with `code` `invalid_backoff` or `invalid_option`.
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "BackoffOptions")] options: JsValue) -> Result<Backoff, JsValue> {
        let options: core::BackoffOptions = boundary::decode_or_default(&options, &Site::options(AREA).camel())?;
        Ok(Backoff { inner: options.backoff(entropy()).map_err(to_js_err)? })
    }

    /// The whole schedule (seconds) a fresh policy with these settings and seed hands out.
    #[wasm_bindgen(unchecked_return_type = "number[]")]
    pub fn delays(&self) -> js_sys::Array {
        self.inner.delays().into_iter().map(|us| JsValue::from(seconds(us))).collect()
    }

    /// The delay (seconds) before the next attempt after `attempt` attempts, or `undefined` to give up. A server's
    /// `retryAfter` (seconds) replaces the computed delay, capped; the budgets still apply.
    /// @throws {Error} with `code` `invalid_retry_after` or `invalid_argument`.
    #[wasm_bindgen(js_name = "nextDelay")]
    pub fn next_delay(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] attempt: JsValue,
        #[wasm_bindgen(js_name = "retryAfter", unchecked_optional_param_type = "number | null")] retry_after: Option<
            JsValue,
        >,
    ) -> Result<Option<f64>, JsValue> {
        let attempt: u32 = boundary::decode(&attempt, &Site::argument(AREA, "attempt"))?;
        let retry_after = retry_after.unwrap_or(JsValue::UNDEFINED);
        let retry_after: Option<f64> = boundary::decode_or_default(&retry_after, &Site::argument(AREA, "retryAfter"))?;
        let retry_after = core::retry_after_micros(retry_after).map_err(to_js_err)?;
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
    /// @throws {Error} with `code` `invalid_retry_after` or `invalid_argument`.
    #[wasm_bindgen(js_name = "parseRetryAfter")]
    pub fn parse_retry_after(
        #[wasm_bindgen(unchecked_param_type = "string")] value: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "number")] now: Option<JsValue>,
    ) -> Result<f64, JsValue> {
        let value: String = boundary::decode(&value, &Site::argument(AREA, "value"))?;
        let now: Option<f64> =
            boundary::decode_or_default(&now.unwrap_or(JsValue::UNDEFINED), &Site::argument(AREA, "now"))?;
        core::parse_retry_after_s(&value, now, clock_us).map_err(to_js_err)
    }

    /// Whether a failed request may be retried: `status` is the response status, or `null` for a connect or
    /// timeout error; only idempotent methods unless `idempotencyKey` is true.
    /// @throws {Error} with `code` `invalid_status`, `invalid_method` or `invalid_argument`.
    #[wasm_bindgen(js_name = "isRetryable")]
    pub fn is_retryable(
        #[wasm_bindgen(unchecked_param_type = "number | null")] status: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] method: JsValue,
        #[wasm_bindgen(js_name = "idempotencyKey", unchecked_optional_param_type = "boolean")] idempotency_key: Option<
            JsValue,
        >,
    ) -> Result<bool, JsValue> {
        let idempotency_key = idempotency_key.unwrap_or(JsValue::UNDEFINED);
        let status: Option<i64> = boundary::decode(&status, &Site::argument(AREA, "status"))?;
        let method: String = boundary::decode(&method, &Site::argument(AREA, "method"))?;
        let key: bool = boundary::decode_or_default(&idempotency_key, &Site::argument(AREA, "idempotencyKey"))?;
        core::is_retryable(status, &method, key).map_err(to_js_err)
    }
}
