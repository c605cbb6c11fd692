//! `odoo`: wraps `fleetgate::odoo` (Odoo webhook events, image URLs). Arguments are read by the core
//! (`fleetgate::odoo::parse_event_value`); events are the core's typed shapes (`fleetgate::odoo::EventView`).

use fleetgate::boundary::Site;
use fleetgate::odoo as core;
use wasm_bindgen::prelude::*;

use crate::boundary;
use crate::errors::to_js_err;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** One cache to drop after an Odoo event: `cache` and the one id that names it, if any. */
export interface OdooInvalidation {
  cache: "vehicle_list" | "vehicle" | "availability" | "availability_all" | "product_availability" | "product" | "prices";
  /** The vehicle, for `vehicle` and `availability`. */
  vehicle_id?: number;
  /** The `product.product`, for `product_availability`, and `product` / `prices` of a variant. */
  product_id?: number;
  /** The `product.template`, for `product` / `prices` of a template. */
  template_id?: number;
}
/** The Odoo models a model map can read a site's own models as. */
export type OdooModel = "fleet.vehicle" | "sale.order" | "sale.order.line" | "product.product" | "product.template" | "stock.lot";
/** The options of `odoo.parseEvent`. */
export interface OdooParseOptions {
  /** A site's own models read as fleetgate's: `{ "atlas.equipment": "fleet.vehicle" }`. */
  modelMap?: Record<string, OdooModel> | null;
}
/** A native webhook on `sale.order` (a rental order); `null` for a field the webhook did not select. */
export interface OdooSaleOrderEvent {
  type: "odoo.sale_order";
  model: string;
  record_id: number;
  action: string;
  /** `is_rental_order` (`false`: an ordinary sale, which invalidates nothing). */
  is_rental: boolean | null;
  state: string | null;
  rental_status: string | null;
  partner_id: number | null;
  /** A field of the site's own module. */
  vehicle_id: number | null;
  /** `rental_start_date`, unix seconds. */
  start: number | null;
  /** `rental_return_date`, unix seconds. */
  end: number | null;
  fields: Record<string, unknown>;
  invalidates: OdooInvalidation[];
}
/** A native webhook on `sale.order.line` (what an order rents). */
export interface OdooSaleOrderLineEvent {
  type: "odoo.sale_order_line";
  model: string;
  record_id: number;
  action: string;
  order_id: number | null;
  product_id: number | null;
  vehicle_id: number | null;
  is_rental: boolean | null;
  /** `start_date`, unix seconds. */
  start: number | null;
  /** `return_date`, unix seconds. */
  end: number | null;
  /** `product_uom_qty`, as sent. */
  quantity: number | null;
  fields: Record<string, unknown>;
  invalidates: OdooInvalidation[];
}
/** A native webhook on `product.product` (`odoo.product`) or `product.template` (`odoo.product_template`). */
export interface OdooProductEvent {
  type: "odoo.product" | "odoo.product_template";
  model: string;
  record_id: number;
  action: string;
  product_id: number | null;
  template_id: number | null;
  rent_ok: boolean | null;
  fields: Record<string, unknown>;
  invalidates: OdooInvalidation[];
}
/** A native webhook on `stock.lot` (a serial unit). */
export interface OdooStockLotEvent {
  type: "odoo.stock_lot";
  model: string;
  record_id: number;
  action: string;
  product_id: number | null;
  /** The lot's `name`: the serial number. */
  serial: string | null;
  fields: Record<string, unknown>;
  invalidates: OdooInvalidation[];
}
/** A booking webhook. */
export interface OdooBookingEvent {
  type: "booking.created" | "booking.confirmed" | "booking.cancelled" | "booking.modified";
  booking_id: number;
  vehicle_id: number;
  fields: Record<string, unknown>;
  invalidates: OdooInvalidation[];
}
/** An inventory webhook (`vehicle.added`, `vehicle.updated`, ...). */
export interface OdooVehicleEvent {
  type: `vehicle.${string}`;
  vehicle_id: number;
  fields: Record<string, unknown>;
  invalidates: OdooInvalidation[];
}
/** Odoo's native "Send Webhook Notification". */
export interface OdooNativeEvent {
  type: "odoo.native";
  model: string;
  record_id: number;
  action: string;
  vehicle_id: number;
  fields: Record<string, unknown>;
  invalidates: OdooInvalidation[];
}
/** A parsed Odoo webhook: `type` tells the kind. */
export type OdooEvent =
  | OdooBookingEvent
  | OdooVehicleEvent
  | OdooNativeEvent
  | OdooSaleOrderEvent
  | OdooSaleOrderLineEvent
  | OdooProductEvent
  | OdooStockLotEvent;
"#;

/// Odoo webhooks parsed into one event that names the caches it invalidates; vehicle image URLs.
#[wasm_bindgen(js_name = "odoo")]
pub struct Odoo;

#[wasm_bindgen(js_class = "odoo")]
impl Odoo {
    /// Parses a webhook body (the raw bytes, a `Uint8Array`) into an event object: `type`, the ids and parsed
    /// fields, `fields` and `invalidates`. `options.modelMap` reads a site's own models as fleetgate's
    /// (`{ "atlas.equipment": "fleet.vehicle" }`). Passing a parsed object or a string is an error: pass the raw
    /// body.
    /// @throws {Error} with `code` `invalid_odoo_payload` (`err.errors`: every problem as `{loc, code, message}`),
    /// `unknown_odoo_event` or `invalid_option` (a bad `modelMap`).
    #[wasm_bindgen(js_name = "parseEvent", unchecked_return_type = "OdooEvent")]
    pub fn parse_event(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] body: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "OdooParseOptions | null")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let body = boundary::value(&body, &Site::coded("odoo", "invalid_odoo_payload", "body"))?;
        let options: core::ParseOptions =
            boundary::decode_or_default(&options.unwrap_or(JsValue::UNDEFINED), &core::OPTIONS_SITE)?;
        let event = core::parse_event_value(body, &options).map_err(to_js_err)?;
        Ok(boundary::to_js(&event.to_json()))
    }

    /// The absolute URL of an image path from an Odoo record (one `/` between base and path; absolute URLs
    /// untouched).
    /// @throws {Error} with `code` `invalid_base_url`, `invalid_image_path` or `invalid_argument`.
    #[wasm_bindgen(js_name = "imageUrl")]
    pub fn image_url(
        #[wasm_bindgen(unchecked_param_type = "string")] base: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] path: JsValue,
    ) -> Result<String, JsValue> {
        let base: String = boundary::decode(&base, &Site::argument("odoo", "base"))?;
        let path: String = boundary::decode(&path, &Site::argument("odoo", "path"))?;
        core::image_url(&base, &path).map_err(to_js_err)
    }
}
