//! `odoo.rentalConstraints` / `odoo.rentalAvailabilities`: wrap `fleetgate::odoo::rental` (stock Odoo's website
//! rental routes) for code that fetched the reply itself (a browser, an Edge function). The reply is read by the
//! core; results are its typed shapes.

use fleetgate::boundary::Site;
use fleetgate::odoo::rental as core;
use wasm_bindgen::prelude::*;

use crate::boundary;
use crate::errors::to_js_err;
use crate::odoo::Odoo;

/// Where a reply is decoded: problems are `invalid_odoo_payload`.
const REPLY: Site = Site::coded("odoo", "invalid_odoo_payload", "reply");

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** Odoo's minimal rental: `duration` units (0: no minimum); a month counts as Odoo's website counts it (docs/odoo.md). */
export interface OdooMinimalTime {
  duration: number;
  unit: "hour" | "day" | "week" | "month";
}
/** `/rental/product/constraints`, with the `booking_rules` `booking.validate(request, { rules })` takes. */
export interface OdooRentalConstraints {
  forbidden_weekdays: Array<"mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun">;
  minimal_time: OdooMinimalTime;
  time_zone: string | null;
  booking_rules: BookingRules;
}
/** `quantity_available` units from `start` to `end` (exclusive; UTC instants); negative when overbooked. */
export interface OdooRentalSegment {
  start: string;
  end: string;
  quantity_available: number;
}
/** `/rental/product/availabilities`: the preparation time and the timeline, sorted by start. */
export interface OdooRentalAvailabilities {
  preparation_time: number;
  padding_seconds: number;
  padding_hours: number;
  stock_limited: boolean;
  segments: OdooRentalSegment[];
}
"#;

#[wasm_bindgen(js_class = "odoo")]
impl Odoo {
    /// Reads a `/rental/product/constraints` JSON-RPC reply (the parsed object, or its bytes / text).
    /// @throws {Error} with `code` `odoo_rpc_error` (a JSON-RPC error) or `invalid_odoo_payload` (`err.errors`).
    #[wasm_bindgen(js_name = "rentalConstraints", unchecked_return_type = "OdooRentalConstraints")]
    pub fn rental_constraints(
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown> | Uint8Array | string")] reply: JsValue,
    ) -> Result<JsValue, JsValue> {
        let reply = core::reply_json(boundary::value(&reply, &REPLY)?).map_err(to_js_err)?;
        let view = core::constraints(&reply, None).map_err(to_js_err)?.view();
        Ok(boundary::to_js(&serde_json::to_value(&view).unwrap_or_default()))
    }

    /// Reads a `/rental/product/availabilities` JSON-RPC reply (the parsed object, or its bytes / text).
    /// @throws {Error} with `code` `odoo_rpc_error` or `invalid_odoo_payload` (`err.errors`).
    #[wasm_bindgen(js_name = "rentalAvailabilities", unchecked_return_type = "OdooRentalAvailabilities")]
    pub fn rental_availabilities(
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown> | Uint8Array | string")] reply: JsValue,
    ) -> Result<JsValue, JsValue> {
        let reply = core::reply_json(boundary::value(&reply, &REPLY)?).map_err(to_js_err)?;
        let got = core::availabilities(&reply, None).map_err(to_js_err)?;
        Ok(boundary::to_js(&serde_json::to_value(&got).unwrap_or_default()))
    }
}
