//! `booking` namespace: wraps `fleetgate::booking` (validation and sanitisation of booking requests).

use fleetgate::booking::{self as core, BookingError};
use napi::bindgen_prelude::{JsObjectValue, Unknown};
use napi::{Env, JsValue, Status};
use napi_derive::napi;
use serde_json::Value as Json;

use crate::errors::{guard, to_js_err};
use crate::json::{read_options, to_json};

/// An `Error` with `code` `validation_failed` and `errors` (every `{loc, code, message}`).
pub(crate) fn validation_error(env: &Env, err: &BookingError) -> napi::Error {
    let built = (|| -> napi::Result<napi::Error> {
        let mut error = env.create_error(napi::Error::new(Status::InvalidArg, err.to_string()))?;
        error.set_named_property("name", "FleetgateError")?;
        error.set_named_property("code", err.code())?;
        error.set_named_property("errors", err.errors_json())?;
        Ok(napi::Error::from(error.to_unknown()))
    })();
    built.unwrap_or_else(|e| e)
}

/// Validates and cleans a booking `request` (`{vehicle_id, customer_name, customer_email, customer_phone,
/// date_from, date_to, notes?}`).
///
/// `options.rules`: booking rules (`time_zone`, `min_rental_hours`, `max_rental_days`, `forbidden_weekdays`,
/// `past_tolerance_minutes`, `date_only`, `pickup_time`, `return_time`, `default_region`, `max_lengths`);
/// `options.now`: an RFC 3339 string or unix seconds (default: the system clock). Returns the cleaned request
/// with `start` and `end` (RFC 3339 UTC).
/// @throws {Error} `code` `validation_failed` with `errors` (`[{loc, code, message}]`), `invalid_booking_rules`
/// or `invalid_now`.
#[napi(namespace = "booking", ts_return_type = "Record<string, unknown>")]
pub fn validate(
    env: &Env,
    #[napi(ts_arg_type = "Record<string, unknown>")] request: Unknown<'_>,
    #[napi(ts_arg_type = "{ rules?: Record<string, unknown> | null; now?: string | number }")] options: Option<
        Unknown<'_>,
    >,
) -> napi::Result<Json> {
    guard(env, || {
        let [rules, now] = read_options(env, options.as_ref(), ["rules", "now"])
            .map_err(|problem| to_js_err(env)(BookingError::InvalidRules { loc: "options".into(), problem }))?;
        let now = if now.is_null() { now_seconds() } else { now };
        match core::validate_json(&to_json(env, &request), &rules, &now) {
            Ok(cleaned) => Ok(cleaned),
            Err(err @ BookingError::ValidationFailed { .. }) => Err(validation_error(env, &err)),
            Err(err) => Err(to_js_err(env)(err)),
        }
    })
}

/// The system clock as unix seconds: the default `now`.
fn now_seconds() -> Json {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    Json::from(seconds)
}
