//! `availability`: wraps `fleetgate::availability` (stock over half-open, padded booking intervals).

use fleetgate::availability::{self as core, site, Booking};
use fleetgate::instant::Instant;
use wasm_bindgen::prelude::*;

use crate::boundary;
use crate::errors::to_js_err;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A booking that blocks stock: `[start - padding_hours, end)` (data: snake_case keys). */
export interface AvailabilityBooking {
  start: string | number | Date;
  end: string | number | Date;
  quantity?: number | null;
  padding_hours?: number | null;
  unit?: string | null;
}
/** A segment of a timeline: the units available throughout `[start, end)` (UTC instants). */
export interface Segment {
  start: string;
  end: string;
  available: number;
}
"#;

/// Availability: a booking is `{start, end, quantity?: 1, padding_hours?: 0, unit?: null}` and blocks
/// `[start - padding, end)`; instants are RFC 3339 strings, `Date`s or unix seconds. See docs/availability.md.
#[wasm_bindgen(js_name = "availability")]
pub struct Availability;

/// The window `[start, end)`, decoded at the core's sites.
fn window(start: &JsValue, end: &JsValue) -> Result<(i64, i64), JsValue> {
    let start: Instant = boundary::decode(start, &site::START)?;
    let end: Instant = boundary::decode(end, &site::END)?;
    Ok((start.0, end.0))
}

/// The bookings and the window `[start, end)`, decoded at the core's sites.
fn inputs(bookings: &JsValue, start: &JsValue, end: &JsValue) -> Result<(Vec<Booking>, i64, i64), JsValue> {
    let bookings: Vec<Booking> = boundary::decode(bookings, &site::BOOKINGS)?;
    let (start, end) = window(start, end)?;
    Ok((bookings, start, end))
}

/// One vehicle's blocking bookings, read, checked and indexed once, then queried many times
/// (`availability.Bookings`): each method answers exactly as the function of the same name over the same list
/// (`unavailable` and `available` in O(log n), `timeline` in O(log n + k) for k changes in the window). At most
/// 1,048,576 bookings. See docs/availability.md.
#[wasm_bindgen(js_name = "Bookings")]
pub struct Bookings {
    inner: core::Bookings,
}

#[wasm_bindgen(js_class = "Bookings")]
impl Bookings {
    /// Reads, checks and indexes the bookings.
    /// @throws {FleetgateError} `code` `invalid_booking` (with `details.path` such as `[3].end`).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "AvailabilityBooking[]")] bookings: JsValue,
    ) -> Result<Bookings, JsValue> {
        let bookings: Vec<Booking> = boundary::decode(&bookings, &site::BOOKINGS)?;
        let inner = core::Bookings::new(bookings).map_err(to_js_err)?;
        Ok(Bookings { inner })
    }

    /// How many bookings it holds.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> u32 {
        u32::try_from(self.inner.len()).unwrap_or(u32::MAX)
    }

    /// The most units in use at any instant of `[start, end)`.
    /// @throws {FleetgateError} `code` `invalid_window`.
    pub fn unavailable(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | number | Date")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number | Date")] end: JsValue,
    ) -> Result<f64, JsValue> {
        let (start, end) = window(&start, &end)?;
        self.inner.unavailable(start, end).map(|n| n as f64).map_err(to_js_err)
    }

    /// Units of `stock` free throughout `[start, end)`: stock - unavailable, never below 0.
    /// @throws {FleetgateError} `code` `invalid_booking` (the stock) or `invalid_window`.
    pub fn available(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] stock: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number | Date")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number | Date")] end: JsValue,
    ) -> Result<u32, JsValue> {
        let stock: u32 = boundary::decode(&stock, &site::STOCK)?;
        let (start, end) = window(&start, &end)?;
        self.inner.available(stock, start, end).map_err(to_js_err)
    }

    /// Segments tiling `[start, end)` with the units available in each, equal neighbours merged.
    /// @throws {FleetgateError} `code` `invalid_booking` (the stock) or `invalid_window`.
    #[wasm_bindgen(unchecked_return_type = "Segment[]")]
    pub fn timeline(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] stock: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number | Date")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number | Date")] end: JsValue,
    ) -> Result<JsValue, JsValue> {
        let stock: u32 = boundary::decode(&stock, &site::STOCK)?;
        let (start, end) = window(&start, &end)?;
        let segments = self.inner.timeline(stock, start, end).map_err(to_js_err)?;
        Ok(boundary::to_js(&serde_json::to_value(segments).expect("segments serialize")))
    }

    /// The serial `units` (in the given order) that no booking holding them overlaps in `[start, end)`.
    /// @throws {FleetgateError} `code` `invalid_booking` (the units) or `invalid_window`.
    #[wasm_bindgen(js_name = "freeUnits")]
    pub fn free_units(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string[]")] units: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number | Date")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number | Date")] end: JsValue,
    ) -> Result<Vec<String>, JsValue> {
        let units: Vec<String> = boundary::decode(&units, &site::UNITS)?;
        let (start, end) = window(&start, &end)?;
        let free = self.inner.free_units(&units, start, end).map_err(to_js_err)?;
        Ok(free.into_iter().map(str::to_owned).collect())
    }
}

#[wasm_bindgen(js_class = "availability")]
impl Availability {
    /// The most units in use at any instant of `[start, end)`.
    /// @throws {FleetgateError} `code` `invalid_booking` or `invalid_window`.
    pub fn unavailable(
        #[wasm_bindgen(unchecked_param_type = "AvailabilityBooking[]")] bookings: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number | Date")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number | Date")] end: JsValue,
    ) -> Result<f64, JsValue> {
        let (bookings, start, end) = inputs(&bookings, &start, &end)?;
        core::unavailable(&bookings, start, end).map(|n| n as f64).map_err(to_js_err)
    }

    /// Units of `stock` free throughout `[start, end)`: stock - unavailable, never below 0.
    /// @throws {FleetgateError} `code` `invalid_booking` or `invalid_window`.
    pub fn available(
        #[wasm_bindgen(unchecked_param_type = "number")] stock: JsValue,
        #[wasm_bindgen(unchecked_param_type = "AvailabilityBooking[]")] bookings: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number | Date")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number | Date")] end: JsValue,
    ) -> Result<u32, JsValue> {
        let stock: u32 = boundary::decode(&stock, &site::STOCK)?;
        let (bookings, start, end) = inputs(&bookings, &start, &end)?;
        core::available(stock, &bookings, start, end).map_err(to_js_err)
    }

    /// Segments tiling `[start, end)` with the units available in each, equal neighbours merged.
    /// @throws {FleetgateError} `code` `invalid_booking` or `invalid_window`.
    #[wasm_bindgen(unchecked_return_type = "Segment[]")]
    pub fn timeline(
        #[wasm_bindgen(unchecked_param_type = "number")] stock: JsValue,
        #[wasm_bindgen(unchecked_param_type = "AvailabilityBooking[]")] bookings: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number | Date")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number | Date")] end: JsValue,
    ) -> Result<JsValue, JsValue> {
        let stock: u32 = boundary::decode(&stock, &site::STOCK)?;
        let (bookings, start, end) = inputs(&bookings, &start, &end)?;
        let segments = core::timeline(stock, &bookings, start, end).map_err(to_js_err)?;
        Ok(boundary::to_js(&serde_json::to_value(segments).expect("segments serialize")))
    }

    /// The serial `units` (in the given order) that no booking holding them overlaps in `[start, end)`.
    /// @throws {FleetgateError} `code` `invalid_booking` or `invalid_window`.
    #[wasm_bindgen(js_name = "freeUnits")]
    pub fn free_units(
        #[wasm_bindgen(unchecked_param_type = "string[]")] units: JsValue,
        #[wasm_bindgen(unchecked_param_type = "AvailabilityBooking[]")] bookings: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number | Date")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number | Date")] end: JsValue,
    ) -> Result<Vec<String>, JsValue> {
        let units: Vec<String> = boundary::decode(&units, &site::UNITS)?;
        let (bookings, start, end) = inputs(&bookings, &start, &end)?;
        let free = core::free_units(&units, &bookings, start, end).map_err(to_js_err)?;
        Ok(free.into_iter().map(str::to_owned).collect())
    }
}
