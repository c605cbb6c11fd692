//! `odoo` namespace: wraps `fleetgate::odoo` (Odoo webhook events, image URLs). Arguments are read by the core
//! (`fleetgate::odoo::parse_event_value`); events are the core's typed shapes (`fleetgate::odoo::EventView`).

use fleetgate::boundary::Site;
use fleetgate::odoo as core;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;

use crate::boundary;
use crate::errors::{guard, to_js_err};

/// One cache to drop after an event.
#[napi(object, object_to_js = false, namespace = "odoo")]
#[allow(dead_code)]
pub struct Invalidation {
    /// `"vehicle_list"`, `"vehicle"` or `"availability"`.
    #[napi(ts_type = "'vehicle_list' | 'vehicle' | 'availability'")]
    pub cache: String,
    /// The vehicle, for `vehicle` and `availability`.
    #[napi(js_name = "vehicle_id")]
    pub vehicle_id: Option<i64>,
}

/// A booking webhook (`booking.created`, `booking.confirmed`, `booking.cancelled`, `booking.modified`).
#[napi(object, object_to_js = false, namespace = "odoo")]
#[allow(dead_code)]
pub struct BookingEvent {
    /// The event type.
    #[napi(
        js_name = "type",
        ts_type = "'booking.created' | 'booking.confirmed' | 'booking.cancelled' | 'booking.modified'"
    )]
    pub event_type: String,
    /// The booking's id.
    #[napi(js_name = "booking_id")]
    pub booking_id: i64,
    /// The booked vehicle's id.
    #[napi(js_name = "vehicle_id")]
    pub vehicle_id: i64,
    /// The body's other fields, as sent.
    #[napi(ts_type = "Record<string, unknown>")]
    pub fields: std::collections::HashMap<String, String>,
    /// The caches to drop.
    pub invalidates: Vec<Invalidation>,
}

/// An inventory webhook (`vehicle.added`, `vehicle.updated`, `vehicle.availability_changed`, ...).
#[napi(object, object_to_js = false, namespace = "odoo")]
#[allow(dead_code)]
pub struct VehicleEvent {
    /// The event type.
    #[napi(js_name = "type", ts_type = "`vehicle.${string}`")]
    pub event_type: String,
    /// The vehicle's id.
    #[napi(js_name = "vehicle_id")]
    pub vehicle_id: i64,
    /// The body's other fields, as sent.
    #[napi(ts_type = "Record<string, unknown>")]
    pub fields: std::collections::HashMap<String, String>,
    /// The caches to drop.
    pub invalidates: Vec<Invalidation>,
}

/// Odoo's native "Send Webhook Notification" (`type` `odoo.native`).
#[napi(object, object_to_js = false, namespace = "odoo")]
#[allow(dead_code)]
pub struct NativeEvent {
    /// `odoo.native`.
    #[napi(js_name = "type", ts_type = "'odoo.native'")]
    pub event_type: String,
    /// `_model`, e.g. `fleet.vehicle`.
    pub model: String,
    /// `_id`: the record's id.
    #[napi(js_name = "record_id")]
    pub record_id: i64,
    /// `_action`.
    pub action: String,
    /// The vehicle concerned.
    #[napi(js_name = "vehicle_id")]
    pub vehicle_id: i64,
    /// The selected fields, as sent.
    #[napi(ts_type = "Record<string, unknown>")]
    pub fields: std::collections::HashMap<String, String>,
    /// The caches to drop.
    pub invalidates: Vec<Invalidation>,
}

/// Parses a webhook body (the raw bytes: `Buffer` / `Uint8Array`) into an event: `type`, the ids, `fields` (the
/// rest of the body) and `invalidates`. Passing a parsed object is an error: pass the raw body.
/// @throws {Error} with `code` `invalid_odoo_payload` (`err.errors`: every problem as `{loc, code, message}`) or
/// `unknown_odoo_event`.
#[napi(
    namespace = "odoo",
    js_name = "parseEvent",
    ts_return_type = "odoo.BookingEvent | odoo.VehicleEvent | odoo.NativeEvent"
)]
pub fn parse_event<'env>(
    env: &'env Env,
    #[napi(ts_arg_type = "Uint8Array")] body: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    guard(env, || {
        let body = boundary::value(env, Some(body), &Site::coded("odoo", "invalid_odoo_payload", "body"))?;
        let event = core::parse_event_value(body).map_err(to_js_err(env))?;
        boundary::to_js(env, &event.to_json())
    })
}

/// The absolute URL of an image path from an Odoo record (one `/` between base and path; absolute URLs untouched).
/// @throws {Error} with `code` `invalid_base_url`, `invalid_image_path` or `invalid_argument`.
#[napi(namespace = "odoo", js_name = "imageUrl")]
pub fn image_url(
    env: Env,
    #[napi(ts_arg_type = "string")] base: Unknown<'_>,
    #[napi(ts_arg_type = "string")] path: Unknown<'_>,
) -> napi::Result<String> {
    guard(&env, || {
        let base: String = boundary::decode(&env, base, &Site::argument("odoo", "base"))?;
        let path: String = boundary::decode(&env, path, &Site::argument("odoo", "path"))?;
        core::image_url(&base, &path).map_err(to_js_err(&env))
    })
}
