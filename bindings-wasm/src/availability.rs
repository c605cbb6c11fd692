//! `availability`: wraps `fleetgate::availability` (stock over half-open, padded booking intervals).

use fleetgate::availability::{self as core, AvailabilityError};
use serde_json::Value as Json;
use wasm_bindgen::prelude::*;

use crate::errors::to_js_err;
use crate::json::{to_js, to_json};

/// Availability: a booking is `{start, end, quantity?: 1, padding_hours?: 0, unit?: null}` and blocks
/// `[start - padding, end)`; instants are RFC 3339 strings or unix seconds.
#[wasm_bindgen(js_name = "availability")]
pub struct Availability;

fn out(result: Result<Json, AvailabilityError>) -> Result<JsValue, JsValue> {
    result.map(|v| to_js(&v)).map_err(to_js_err)
}

#[wasm_bindgen(js_class = "availability")]
impl Availability {
    /// The most units in use at any instant of `[start, end)`.
    /// @throws {Error} `code` `invalid_booking` or `invalid_window`.
    #[wasm_bindgen(unchecked_return_type = "number")]
    pub fn unavailable(
        #[wasm_bindgen(unchecked_param_type = "Array<Record<string, unknown>>")] bookings: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number")] end: JsValue,
    ) -> Result<JsValue, JsValue> {
        out(core::unavailable_json(&to_json(&bookings), &to_json(&start), &to_json(&end)))
    }

    /// Units of `stock` free throughout `[start, end)`: stock - unavailable, never below 0.
    /// @throws {Error} `code` `invalid_booking` or `invalid_window`.
    #[wasm_bindgen(unchecked_return_type = "number")]
    pub fn available(
        #[wasm_bindgen(unchecked_param_type = "number")] stock: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Array<Record<string, unknown>>")] bookings: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number")] end: JsValue,
    ) -> Result<JsValue, JsValue> {
        out(core::available_json(&to_json(&stock), &to_json(&bookings), &to_json(&start), &to_json(&end)))
    }

    /// Segments `[{start, end, available}]` tiling `[start, end)` (RFC 3339 UTC), equal neighbours merged.
    /// @throws {Error} `code` `invalid_booking` or `invalid_window`.
    #[wasm_bindgen(unchecked_return_type = "Array<{ start: string; end: string; available: number }>")]
    pub fn timeline(
        #[wasm_bindgen(unchecked_param_type = "number")] stock: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Array<Record<string, unknown>>")] bookings: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number")] end: JsValue,
    ) -> Result<JsValue, JsValue> {
        out(core::timeline_json(&to_json(&stock), &to_json(&bookings), &to_json(&start), &to_json(&end)))
    }

    /// The serial `units` (in the given order) that no booking holding them overlaps in `[start, end)`.
    /// @throws {Error} `code` `invalid_booking` or `invalid_window`.
    #[wasm_bindgen(js_name = "freeUnits", unchecked_return_type = "Array<string>")]
    pub fn free_units(
        #[wasm_bindgen(unchecked_param_type = "Array<string>")] units: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Array<Record<string, unknown>>")] bookings: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number")] end: JsValue,
    ) -> Result<JsValue, JsValue> {
        out(core::free_units_json(&to_json(&units), &to_json(&bookings), &to_json(&start), &to_json(&end)))
    }
}
