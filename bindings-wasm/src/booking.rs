//! `booking`: wraps `fleetgate::booking` (validation and sanitisation of booking requests).

use fleetgate::booking::{self as core, BookingError};
use serde_json::Value as Json;
use wasm_bindgen::prelude::*;

use crate::errors::to_js_err;
use crate::json::{read_options, to_js, to_json};

/// Booking requests: every problem collected as `{loc, code, message}`; the cleaned request with its instants.
#[wasm_bindgen(js_name = "booking")]
pub struct Booking;

/// An `Error` with `code` `validation_failed` and `errors` (every `{loc, code, message}`).
fn validation_error(err: &BookingError) -> JsValue {
    let error = js_sys::Error::new(&err.to_string());
    error.set_name("FleetgateError");
    // Setting properties on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&error, &"code".into(), &err.code().into());
    let _ = js_sys::Reflect::set(&error, &"errors".into(), &to_js(&err.errors_json()));
    error.into()
}

#[wasm_bindgen(js_class = "booking")]
impl Booking {
    /// Validates and cleans a booking `request` (`{vehicle_id, customer_name, customer_email, customer_phone,
    /// date_from, date_to, notes?}`).
    ///
    /// `options.rules`: booking rules (`time_zone`, `min_rental_hours`, `max_rental_days`, `forbidden_weekdays`,
    /// `past_tolerance_minutes`, `date_only`, `pickup_time`, `return_time`, `default_region`, `max_lengths`);
    /// `options.now`: an RFC 3339 string or unix seconds (default: the clock). Returns the cleaned request with
    /// `start` and `end` (RFC 3339 UTC).
    /// @throws {Error} `code` `validation_failed` with `errors` (`[{loc, code, message}]`),
    /// `invalid_booking_rules` or `invalid_now`.
    #[wasm_bindgen(unchecked_return_type = "Record<string, unknown>")]
    pub fn validate(
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "{ rules?: Record<string, unknown> | null; now?: string | number }")]
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let [rules, now] = read_options(&options, ["rules", "now"])
            .map_err(|problem| to_js_err(BookingError::InvalidRules { loc: "options".into(), problem }))?;
        let now = if now.is_null() { Json::from((js_sys::Date::now() / 1000.0).floor() as i64) } else { now };
        match core::validate_json(&to_json(&request), &rules, &now) {
            Ok(cleaned) => Ok(to_js(&cleaned)),
            Err(err @ BookingError::ValidationFailed { .. }) => Err(validation_error(&err)),
            Err(err) => Err(to_js_err(err)),
        }
    }
}
