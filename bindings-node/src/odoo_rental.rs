//! `odoo.rentalConstraints` / `odoo.rentalAvailabilities`: wrap `fleetgate::odoo::rental` (stock Odoo's website
//! rental routes). The reply is read by the core; results are its typed shapes (snake_case keys, as everywhere).

use fleetgate::boundary::Site;
use fleetgate::odoo::rental as core;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;

use crate::boundary;
use crate::errors::{guard, to_js_err};

/// Where a reply is decoded: problems are `invalid_odoo_payload`.
const REPLY: Site = Site::coded("odoo", "invalid_odoo_payload", "reply");

/// Odoo's minimal rental: `duration` units (0: no minimum); a month is 30 days, as Odoo's website counts it.
#[napi(object, object_to_js = false, namespace = "odoo")]
#[allow(dead_code)]
pub struct MinimalTime {
    /// How many units.
    pub duration: u32,
    /// The unit.
    #[napi(ts_type = "'hour' | 'day' | 'week' | 'month'")]
    pub unit: String,
}

/// `/rental/product/constraints`: the forbidden weekdays, the minimal rental, the website's time zone and the
/// `booking_rules` `booking.validate(request, { rules })` takes (spread them over the site's own rules).
#[napi(object, object_to_js = false, namespace = "odoo")]
#[allow(dead_code)]
pub struct RentalConstraints {
    /// Weekdays with neither pickup nor return, Monday first.
    #[napi(js_name = "forbidden_weekdays", ts_type = "Array<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'>")]
    pub forbidden_weekdays: Vec<String>,
    /// The minimal rental.
    #[napi(js_name = "minimal_time")]
    pub minimal_time: MinimalTime,
    /// The website's IANA time zone (`null` before Odoo 17).
    #[napi(js_name = "time_zone", ts_type = "string | null")]
    pub time_zone: Option<String>,
    /// `{forbidden_weekdays, min_rental_hours, time_zone?}` for `booking.validate`.
    #[napi(js_name = "booking_rules", ts_type = "booking.BookingRules")]
    pub booking_rules: std::collections::HashMap<String, String>,
}

/// `quantity_available` units from `start` to `end` (exclusive; RFC 3339 UTC); negative when overbooked.
#[napi(object, object_to_js = false, namespace = "odoo")]
#[allow(dead_code)]
pub struct RentalSegment {
    /// Start (RFC 3339 UTC).
    pub start: String,
    /// End (RFC 3339 UTC), after `start`.
    pub end: String,
    /// Units available throughout.
    #[napi(js_name = "quantity_available")]
    pub quantity_available: i64,
}

/// `/rental/product/availabilities`: the preparation time (hours as Odoo sent it, exact seconds, whole hours
/// rounded up for `availability` bookings' `padding_hours`) and the timeline, sorted by start.
#[napi(object, object_to_js = false, namespace = "odoo")]
#[allow(dead_code)]
pub struct RentalAvailabilities {
    /// Odoo's `preparation_time`, hours.
    #[napi(js_name = "preparation_time")]
    pub preparation_time: f64,
    /// The preparation time in seconds.
    #[napi(js_name = "padding_seconds")]
    pub padding_seconds: i64,
    /// The preparation time in whole hours, rounded up.
    #[napi(js_name = "padding_hours")]
    pub padding_hours: u32,
    /// `false` when Odoo does not limit the product by stock (`segments` is then empty).
    #[napi(js_name = "stock_limited")]
    pub stock_limited: bool,
    /// The timeline.
    pub segments: Vec<RentalSegment>,
}

/// Reads a `/rental/product/constraints` JSON-RPC reply (the parsed object, or its bytes / text).
/// @throws {Error} with `code` `odoo_rpc_error` (a JSON-RPC error; `err.details.name`, `data_message`) or
/// `invalid_odoo_payload` (`err.errors`: every problem as `{loc, code, message}`).
#[napi(namespace = "odoo", js_name = "rentalConstraints", ts_return_type = "odoo.RentalConstraints")]
pub fn rental_constraints<'env>(
    env: &'env Env,
    #[napi(ts_arg_type = "Record<string, unknown> | Uint8Array | string")] reply: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    guard(env, || {
        let reply = core::reply_json(boundary::value(env, Some(reply), &REPLY)?).map_err(to_js_err(env))?;
        let view = core::constraints(&reply, None).map_err(to_js_err(env))?.view();
        boundary::to_js(env, &serde_json::to_value(&view).unwrap_or_default())
    })
}

/// Reads a `/rental/product/availabilities` JSON-RPC reply (the parsed object, or its bytes / text).
/// @throws {Error} with `code` `odoo_rpc_error` or `invalid_odoo_payload` (`err.errors`).
#[napi(namespace = "odoo", js_name = "rentalAvailabilities", ts_return_type = "odoo.RentalAvailabilities")]
pub fn rental_availabilities<'env>(
    env: &'env Env,
    #[napi(ts_arg_type = "Record<string, unknown> | Uint8Array | string")] reply: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    guard(env, || {
        let reply = core::reply_json(boundary::value(env, Some(reply), &REPLY)?).map_err(to_js_err(env))?;
        let got = core::availabilities(&reply, None).map_err(to_js_err(env))?;
        boundary::to_js(env, &serde_json::to_value(&got).unwrap_or_default())
    })
}
