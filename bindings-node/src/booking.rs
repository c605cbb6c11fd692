//! `booking` namespace: wraps `fleetgate::booking` (validation and sanitisation of booking requests).

use fleetgate::booking::{self as core, site};
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use serde_json::Value as Json;

use crate::boundary;
use crate::errors::{guard, to_js_err};

/// Booking rules (data: snake_case keys, as in every language; the core decodes them as
/// `fleetgate::booking::BookingRules`, defaults in the core).
#[napi(object, object_to_js = false, namespace = "booking")]
#[allow(dead_code)]
pub struct BookingRules {
    /// The location's IANA time zone.
    #[napi(js_name = "time_zone")]
    pub time_zone: Option<String>,
    /// Shortest rental in whole hours.
    #[napi(js_name = "min_rental_hours")]
    pub min_rental_hours: Option<u32>,
    /// Longest rental in whole days.
    #[napi(js_name = "max_rental_days")]
    pub max_rental_days: Option<u32>,
    /// Weekdays with neither pickup nor return.
    #[napi(js_name = "forbidden_weekdays", ts_type = "Array<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'>")]
    pub forbidden_weekdays: Option<Vec<String>>,
    /// How far in the past the pickup may be, in minutes.
    #[napi(js_name = "past_tolerance_minutes")]
    pub past_tolerance_minutes: Option<u32>,
    /// The date-only convention.
    #[napi(js_name = "date_only", ts_type = "'inclusive' | 'exclusive' | 'clock'")]
    pub date_only: Option<String>,
    /// Pickup clock time `HH:MM` with `date_only: 'clock'`.
    #[napi(js_name = "pickup_time")]
    pub pickup_time: Option<String>,
    /// Return clock time `HH:MM` with `date_only: 'clock'`.
    #[napi(js_name = "return_time")]
    pub return_time: Option<String>,
    /// The region national phone numbers are read in (`BE`, `FR`, `US`, ...).
    #[napi(js_name = "default_region", ts_type = "string | null")]
    pub default_region: Option<String>,
    /// Maximum lengths in characters.
    #[napi(
        js_name = "max_lengths",
        ts_type = "{ customer_name?: number; customer_email?: number; customer_phone?: number; notes?: number }"
    )]
    pub max_lengths: Option<Json>,
}

/// The options of `validate` (the core decodes them as `fleetgate::booking::ValidateOptions`).
#[napi(object, object_to_js = false, namespace = "booking")]
#[allow(dead_code)]
pub struct ValidateOptions {
    /// The rules.
    #[napi(ts_type = "booking.BookingRules | null")]
    pub rules: Option<BookingRules>,
    /// The instant the pickup is compared with (none: the clock).
    #[napi(ts_type = "string | number | Date")]
    pub now: Option<Json>,
}

/// A cleaned booking request (`fleetgate::booking::CleanBooking`).
#[napi(object, object_from_js = false, namespace = "booking")]
#[allow(dead_code)]
pub struct CleanBooking {
    /// The vehicle.
    #[napi(js_name = "vehicle_id")]
    pub vehicle_id: i64,
    /// The customer's name, normalised.
    #[napi(js_name = "customer_name")]
    pub customer_name: String,
    /// The customer's email (domain lower-cased).
    #[napi(js_name = "customer_email")]
    pub customer_email: String,
    /// The customer's phone, E.164.
    #[napi(js_name = "customer_phone")]
    pub customer_phone: String,
    /// The notes, or `null`.
    #[napi(ts_type = "string | null")]
    pub notes: Json,
    /// The pickup as given.
    #[napi(js_name = "date_from")]
    pub date_from: String,
    /// The return as given.
    #[napi(js_name = "date_to")]
    pub date_to: String,
    /// The pickup instant, RFC 3339 UTC.
    pub start: String,
    /// The return instant, RFC 3339 UTC.
    pub end: String,
}

/// The system clock as unix seconds: `now` when none is given (the outermost API reads the clock).
fn system_clock() -> i64 {
    let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    since.map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Validates and cleans a booking `request` (`{vehicle_id, customer_name, customer_email, customer_phone,
/// date_from, date_to, notes?}`) with `options.rules` at `options.now` (none: the clock). Every problem of the
/// request is collected (see docs/booking.md).
/// @throws {FleetgateError} `code` `validation_failed` with `errors` (`[{loc, code, message}]`),
/// `invalid_booking_rules`, `invalid_now`, `invalid_option` or `invalid_argument`.
#[napi(namespace = "booking", ts_return_type = "booking.CleanBooking")]
pub fn validate(
    env: &Env,
    #[napi(ts_arg_type = "Record<string, unknown>")] request: Unknown<'_>,
    #[napi(ts_arg_type = "booking.ValidateOptions")] options: Option<Unknown<'_>>,
) -> napi::Result<Json> {
    guard(env, || {
        let request = boundary::json(env, Some(request), &site::REQUEST)?;
        let options = boundary::value(env, options, &site::OPTIONS)?;
        let options = core::decode_options(options, &site::OPTIONS).map_err(|e| boundary::arg_err(env, e))?;
        let clean = core::validate(&request, &options.rules, options.now_or(system_clock)).map_err(to_js_err(env))?;
        Ok(serde_json::to_value(clean).expect("a clean booking serializes"))
    })
}
