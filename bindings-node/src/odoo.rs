//! `odoo` namespace: wraps `fleetgate::odoo` (Odoo webhook events, image URLs). Arguments are read by the core
//! (`fleetgate::odoo::parse_event_value`); events are the core's typed shapes (`fleetgate::odoo::EventView`).

use fleetgate::boundary::Site;
use fleetgate::odoo as core;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;

use crate::boundary;
use crate::errors::{guard, to_js_err};

/// One cache to drop after an event: `cache` and the one id that names it, if any.
#[napi(object, object_to_js = false, namespace = "odoo")]
#[allow(dead_code)]
pub struct Invalidation {
    /// `vehicle_list`, `vehicle` / `availability` (of `vehicle_id`), `availability_all` (every availability),
    /// `product_availability` (of `product_id`), `product` / `prices` (of `product_id` or `template_id`).
    #[napi(
        ts_type = "'vehicle_list' | 'vehicle' | 'availability' | 'availability_all' | 'product_availability' | 'product' | 'prices'"
    )]
    pub cache: String,
    /// The vehicle, for `vehicle` and `availability`.
    #[napi(js_name = "vehicle_id")]
    pub vehicle_id: Option<i64>,
    /// The `product.product`, for `product_availability`, and `product` / `prices` of a variant.
    #[napi(js_name = "product_id")]
    pub product_id: Option<i64>,
    /// The `product.template`, for `product` / `prices` of a template.
    #[napi(js_name = "template_id")]
    pub template_id: Option<i64>,
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

/// The options of `parseEvent` (`fleetgate::odoo::ParseOptions`).
#[napi(object, object_to_js = false, namespace = "odoo")]
#[allow(dead_code)]
pub struct ParseOptions {
    /// A site's own models read as fleetgate's: `{ 'atlas.equipment': 'fleet.vehicle' }` (Odoo model names as
    /// keys; a target that is not one of these, or not a string, is `invalid_option`).
    #[napi(
        ts_type = "Record<string, 'fleet.vehicle' | 'sale.order' | 'sale.order.line' | 'product.product' | 'product.template' | 'stock.lot'> | null"
    )]
    pub model_map: Option<std::collections::HashMap<String, String>>,
}

/// A native webhook on `sale.order` (`type` `odoo.sale_order`): in Odoo's rental app a rental order, the booking.
/// Each field is `null` when the webhook did not select it (or Odoo sent `false`); the fields are declared as
/// always present (the core always sends them).
#[napi(object, object_to_js = false, namespace = "odoo")]
#[allow(dead_code)]
pub struct SaleOrderEvent {
    /// `odoo.sale_order`.
    #[napi(js_name = "type", ts_type = "'odoo.sale_order'")]
    pub event_type: String,
    /// `_model` as sent.
    pub model: String,
    /// `_id`: the order's id.
    #[napi(js_name = "record_id")]
    pub record_id: i64,
    /// `_action`.
    pub action: String,
    /// `is_rental_order` (`false`: an ordinary sale, which invalidates nothing).
    #[napi(js_name = "is_rental", ts_type = "boolean | null")]
    pub is_rental: bool,
    /// `state`: `draft`, `sent`, `sale`, `cancel`.
    #[napi(ts_type = "string | null")]
    pub state: String,
    /// `rental_status`: `draft`, `sent`, `pickup`, `return`, `returned`, `cancel`.
    #[napi(js_name = "rental_status", ts_type = "string | null")]
    pub rental_status: String,
    /// `partner_id`: the customer.
    #[napi(js_name = "partner_id", ts_type = "number | null")]
    pub partner_id: i64,
    /// `vehicle_id` (a field of the site's own module).
    #[napi(js_name = "vehicle_id", ts_type = "number | null")]
    pub vehicle_id: i64,
    /// `rental_start_date`, unix seconds.
    #[napi(ts_type = "number | null")]
    pub start: i64,
    /// `rental_return_date`, unix seconds.
    #[napi(ts_type = "number | null")]
    pub end: i64,
    /// The other selected fields, as sent.
    #[napi(ts_type = "Record<string, unknown>")]
    pub fields: std::collections::HashMap<String, String>,
    /// The caches to drop.
    pub invalidates: Vec<Invalidation>,
}

/// A native webhook on `sale.order.line` (`type` `odoo.sale_order_line`): what an order rents.
#[napi(object, object_to_js = false, namespace = "odoo")]
#[allow(dead_code)]
pub struct SaleOrderLineEvent {
    /// `odoo.sale_order_line`.
    #[napi(js_name = "type", ts_type = "'odoo.sale_order_line'")]
    pub event_type: String,
    /// `_model` as sent.
    pub model: String,
    /// `_id`: the line's id.
    #[napi(js_name = "record_id")]
    pub record_id: i64,
    /// `_action`.
    pub action: String,
    /// `order_id`.
    #[napi(js_name = "order_id", ts_type = "number | null")]
    pub order_id: i64,
    /// `product_id`: the `product.product` rented.
    #[napi(js_name = "product_id", ts_type = "number | null")]
    pub product_id: i64,
    /// `vehicle_id` (a field of the site's own module).
    #[napi(js_name = "vehicle_id", ts_type = "number | null")]
    pub vehicle_id: i64,
    /// `is_rental`.
    #[napi(js_name = "is_rental", ts_type = "boolean | null")]
    pub is_rental: bool,
    /// `start_date`, unix seconds.
    #[napi(ts_type = "number | null")]
    pub start: i64,
    /// `return_date`, unix seconds.
    #[napi(ts_type = "number | null")]
    pub end: i64,
    /// `product_uom_qty`, as sent.
    #[napi(ts_type = "number | null")]
    pub quantity: f64,
    /// The other selected fields, as sent.
    #[napi(ts_type = "Record<string, unknown>")]
    pub fields: std::collections::HashMap<String, String>,
    /// The caches to drop.
    pub invalidates: Vec<Invalidation>,
}

/// A native webhook on `product.product` (`type` `odoo.product`) or `product.template` (`odoo.product_template`).
#[napi(object, object_to_js = false, namespace = "odoo")]
#[allow(dead_code)]
pub struct ProductEvent {
    /// `odoo.product` or `odoo.product_template`.
    #[napi(js_name = "type", ts_type = "'odoo.product' | 'odoo.product_template'")]
    pub event_type: String,
    /// `_model` as sent.
    pub model: String,
    /// `_id`.
    #[napi(js_name = "record_id")]
    pub record_id: i64,
    /// `_action`.
    pub action: String,
    /// The variant (`null` for a template).
    #[napi(js_name = "product_id", ts_type = "number | null")]
    pub product_id: i64,
    /// The template (a variant's `product_tmpl_id`).
    #[napi(js_name = "template_id", ts_type = "number | null")]
    pub template_id: i64,
    /// `rent_ok`.
    #[napi(js_name = "rent_ok", ts_type = "boolean | null")]
    pub rent_ok: bool,
    /// The other selected fields (prices among them), as sent.
    #[napi(ts_type = "Record<string, unknown>")]
    pub fields: std::collections::HashMap<String, String>,
    /// The caches to drop.
    pub invalidates: Vec<Invalidation>,
}

/// A native webhook on `stock.lot` (`type` `odoo.stock_lot`): a serial unit.
#[napi(object, object_to_js = false, namespace = "odoo")]
#[allow(dead_code)]
pub struct StockLotEvent {
    /// `odoo.stock_lot`.
    #[napi(js_name = "type", ts_type = "'odoo.stock_lot'")]
    pub event_type: String,
    /// `_model` as sent.
    pub model: String,
    /// `_id`: the lot's id.
    #[napi(js_name = "record_id")]
    pub record_id: i64,
    /// `_action`.
    pub action: String,
    /// `product_id`: the product the unit is of.
    #[napi(js_name = "product_id", ts_type = "number | null")]
    pub product_id: i64,
    /// `name`: the serial number.
    #[napi(ts_type = "string | null")]
    pub serial: String,
    /// The other selected fields, as sent.
    #[napi(ts_type = "Record<string, unknown>")]
    pub fields: std::collections::HashMap<String, String>,
    /// The caches to drop.
    pub invalidates: Vec<Invalidation>,
}

/// Parses a webhook body (the raw bytes: `Buffer` / `Uint8Array`) into an event: `type`, the ids and parsed
/// fields, `fields` (the rest of the body) and `invalidates`. `options.modelMap` reads a site's own models as
/// fleetgate's (`{ 'atlas.equipment': 'fleet.vehicle' }`). Passing a parsed object is an error: pass the raw body.
/// @throws {Error} with `code` `invalid_odoo_payload` (`err.errors`: every problem as `{loc, code, message}`),
/// `unknown_odoo_event` or `invalid_option` (a bad `modelMap`).
#[napi(
    namespace = "odoo",
    js_name = "parseEvent",
    ts_return_type = "odoo.BookingEvent | odoo.VehicleEvent | odoo.NativeEvent | odoo.SaleOrderEvent | odoo.SaleOrderLineEvent | odoo.ProductEvent | odoo.StockLotEvent"
)]
pub fn parse_event<'env>(
    env: &'env Env,
    #[napi(ts_arg_type = "Uint8Array")] body: Unknown<'_>,
    #[napi(ts_arg_type = "odoo.ParseOptions")] options: Option<Unknown<'_>>,
) -> napi::Result<Unknown<'env>> {
    guard(env, || {
        let body = boundary::value(env, Some(body), &Site::coded("odoo", "invalid_odoo_payload", "body"))?;
        let options: core::ParseOptions = boundary::decode_or_default(env, options, &core::OPTIONS_SITE)?;
        let event = core::parse_event_value(body, &options).map_err(to_js_err(env))?;
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
