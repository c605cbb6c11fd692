//! `odoo`: wraps `fleetgate::odoo` (Odoo webhook events, image URLs). Arguments are read by the core
//! (`fleetgate::odoo::parse_event_value`); events are the core's typed shapes (`fleetgate::odoo::EventView`).

use fleetgate::boundary::Site;
use fleetgate::odoo as core;
use wasm_bindgen::prelude::*;

use crate::boundary;
use crate::errors::to_js_err;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** One cache to drop after an Odoo event. */
export interface OdooInvalidation {
  cache: "vehicle_list" | "vehicle" | "availability";
  vehicle_id?: number;
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
export type OdooEvent = OdooBookingEvent | OdooVehicleEvent | OdooNativeEvent;
"#;

/// Odoo webhooks parsed into one event that names the caches it invalidates; vehicle image URLs.
#[wasm_bindgen(js_name = "odoo")]
pub struct Odoo;

#[wasm_bindgen(js_class = "odoo")]
impl Odoo {
    /// Parses a webhook body (the raw bytes, a `Uint8Array`) into an event object: `type`, the ids, `fields` and
    /// `invalidates`. Passing a parsed object or a string is an error: pass the raw body.
    /// @throws {Error} with `code` `invalid_odoo_payload` (`err.errors`: every problem as `{loc, code, message}`) or
    /// `unknown_odoo_event`.
    #[wasm_bindgen(js_name = "parseEvent", unchecked_return_type = "OdooEvent")]
    pub fn parse_event(#[wasm_bindgen(unchecked_param_type = "Uint8Array")] body: JsValue) -> Result<JsValue, JsValue> {
        let body = boundary::value(&body, &Site::coded("odoo", "invalid_odoo_payload", "body"))?;
        let event = core::parse_event_value(body).map_err(to_js_err)?;
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
