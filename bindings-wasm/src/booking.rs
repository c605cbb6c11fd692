//! `booking`: wraps `fleetgate::booking` (validation and sanitisation of booking requests).

use fleetgate::booking::{self as core, site};
use wasm_bindgen::prelude::*;

use crate::boundary;
use crate::errors::to_js_err;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** Booking rules (data: snake_case keys, as in every language; defaults in the core, see docs/booking.md). */
export interface BookingRules {
  time_zone?: string;
  min_rental_hours?: number;
  max_rental_days?: number;
  forbidden_weekdays?: Array<"mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun">;
  past_tolerance_minutes?: number;
  date_only?: "inclusive" | "exclusive" | "clock";
  pickup_time?: string;
  return_time?: string;
  default_region?: string | null;
  max_lengths?: { customer_name?: number; customer_email?: number; customer_phone?: number; notes?: number };
}
/** The options of `booking.validate`: the rules and `now` (default: the clock). */
export interface ValidateOptions {
  rules?: BookingRules | null;
  now?: string | number | Date;
}
/** A cleaned booking request: text normalised, phone in E.164, the resolved `start` and `end` (UTC instants). */
export interface CleanBooking {
  vehicle_id: number;
  customer_name: string;
  customer_email: string;
  customer_phone: string;
  notes: string | null;
  date_from: string;
  date_to: string;
  start: string;
  end: string;
}
"#;

/// Booking requests: every problem collected as `{loc, code, message}`; the cleaned request with its instants.
#[wasm_bindgen(js_name = "booking")]
pub struct Booking;

#[wasm_bindgen(js_class = "booking")]
impl Booking {
    /// Validates and cleans a booking `request` (`{vehicle_id, customer_name, customer_email, customer_phone,
    /// date_from, date_to, notes?}`) with `options.rules` at `options.now` (default: the clock). Every problem of
    /// the request is collected (see docs/booking.md).
    /// @throws {FleetgateError} `code` `validation_failed` with `errors` (`[{loc, code, message}]`),
    /// `invalid_booking_rules`, `invalid_now`, `invalid_option` or `invalid_argument`.
    #[wasm_bindgen(unchecked_return_type = "CleanBooking")]
    pub fn validate(
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ValidateOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let request = boundary::json(&request, &site::REQUEST)?;
        let options = boundary::value(&options, &site::OPTIONS)?;
        let options = core::decode_options(options, &site::OPTIONS).map_err(boundary::arg_err)?;
        let now = options.now_or(|| (js_sys::Date::now() / 1000.0).floor() as i64);
        let clean = core::validate(&request, &options.rules, now).map_err(to_js_err)?;
        Ok(boundary::to_js(&serde_json::to_value(clean).expect("a clean booking serializes")))
    }
}
