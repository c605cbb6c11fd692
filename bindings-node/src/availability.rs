//! `availability` namespace: wraps `fleetgate::availability` (stock over half-open, padded booking intervals).
//! A booking is `{start, end, quantity?: 1, padding_hours?: 0, unit?: null}` (data: snake_case keys); instants
//! are RFC 3339 strings, `Date`s or unix seconds. See docs/availability.md.

use fleetgate::availability::{self as core, site, Booking as CoreBooking};
use fleetgate::instant::Instant;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use serde_json::Value as Json;

use crate::boundary;
use crate::errors::{guard, to_js_err};

/// A booking that blocks stock (`fleetgate::availability::Booking`).
#[napi(object, object_to_js = false, namespace = "availability")]
#[allow(dead_code)]
pub struct Booking {
    /// Pickup.
    #[napi(ts_type = "string | number | Date")]
    pub start: Json,
    /// Return (after the pickup).
    #[napi(ts_type = "string | number | Date")]
    pub end: Json,
    /// Units it occupies.
    pub quantity: Option<u32>,
    /// Preparation hours before pickup.
    #[napi(js_name = "padding_hours")]
    pub padding_hours: Option<u32>,
    /// The serial unit it holds.
    #[napi(ts_type = "string | null")]
    pub unit: Option<String>,
}

/// A segment of a timeline (`fleetgate::availability::Segment`).
#[napi(object, object_from_js = false, namespace = "availability")]
#[allow(dead_code)]
pub struct Segment {
    /// Start, RFC 3339 UTC.
    pub start: String,
    /// End (exclusive), RFC 3339 UTC.
    pub end: String,
    /// Units available throughout.
    pub available: u32,
}

/// The window `[start, end)`, decoded at the core's sites.
fn window(env: &Env, start: Unknown<'_>, end: Unknown<'_>) -> napi::Result<(i64, i64)> {
    let start: Instant = boundary::decode(env, start, &site::START)?;
    let end: Instant = boundary::decode(env, end, &site::END)?;
    Ok((start.0, end.0))
}

/// One vehicle's blocking bookings, read, checked and indexed once, then queried many times: each method answers
/// exactly as the function of the same name over the same list (`unavailable` and `available` in O(log n),
/// `timeline` in O(log n + k) for k changes in the window). At most 1,048,576 bookings. See docs/availability.md.
/// @throws {FleetgateError} `code` `invalid_booking` (with `details.path` such as `[3].end`).
#[napi(namespace = "availability")]
pub struct Bookings {
    inner: core::Bookings,
}

#[napi(namespace = "availability")]
impl Bookings {
    /// Reads, checks and indexes the bookings.
    #[napi(constructor)]
    pub fn new(
        env: &Env,
        #[napi(ts_arg_type = "Array<availability.Booking>")] bookings: Unknown<'_>,
    ) -> napi::Result<Self> {
        guard(env, || {
            let bookings: Vec<CoreBooking> = boundary::decode(env, bookings, &site::BOOKINGS)?;
            let inner = core::Bookings::new(bookings).map_err(to_js_err(env))?;
            Ok(Bookings { inner })
        })
    }

    /// How many bookings it holds.
    #[napi(getter)]
    pub fn length(&self) -> u32 {
        u32::try_from(self.inner.len()).unwrap_or(u32::MAX)
    }

    /// The most units in use at any instant of `[start, end)`.
    /// @throws {FleetgateError} `code` `invalid_window`.
    #[napi]
    pub fn unavailable(
        &self,
        env: &Env,
        #[napi(ts_arg_type = "string | number | Date")] start: Unknown<'_>,
        #[napi(ts_arg_type = "string | number | Date")] end: Unknown<'_>,
    ) -> napi::Result<u32> {
        guard(env, || {
            let (start, end) = window(env, start, end)?;
            let used = self.inner.unavailable(start, end).map_err(to_js_err(env))?;
            Ok(u32::try_from(used).unwrap_or(u32::MAX))
        })
    }

    /// Units of `stock` free throughout `[start, end)`: stock - unavailable, never below 0.
    /// @throws {FleetgateError} `code` `invalid_booking` (the stock) or `invalid_window`.
    #[napi]
    pub fn available(
        &self,
        env: &Env,
        #[napi(ts_arg_type = "number")] stock: Unknown<'_>,
        #[napi(ts_arg_type = "string | number | Date")] start: Unknown<'_>,
        #[napi(ts_arg_type = "string | number | Date")] end: Unknown<'_>,
    ) -> napi::Result<u32> {
        guard(env, || {
            let stock: u32 = boundary::decode(env, stock, &site::STOCK)?;
            let (start, end) = window(env, start, end)?;
            self.inner.available(stock, start, end).map_err(to_js_err(env))
        })
    }

    /// Segments tiling `[start, end)` with the units available in each, equal neighbours merged.
    /// @throws {FleetgateError} `code` `invalid_booking` (the stock) or `invalid_window`.
    #[napi(ts_return_type = "Array<availability.Segment>")]
    pub fn timeline(
        &self,
        env: &Env,
        #[napi(ts_arg_type = "number")] stock: Unknown<'_>,
        #[napi(ts_arg_type = "string | number | Date")] start: Unknown<'_>,
        #[napi(ts_arg_type = "string | number | Date")] end: Unknown<'_>,
    ) -> napi::Result<Json> {
        guard(env, || {
            let stock: u32 = boundary::decode(env, stock, &site::STOCK)?;
            let (start, end) = window(env, start, end)?;
            let segments = self.inner.timeline(stock, start, end).map_err(to_js_err(env))?;
            Ok(serde_json::to_value(segments).expect("segments serialize"))
        })
    }

    /// The serial `units` (in the given order) that no booking holding them overlaps in `[start, end)`.
    /// @throws {FleetgateError} `code` `invalid_booking` (the units) or `invalid_window`.
    #[napi(js_name = "freeUnits")]
    pub fn free_units(
        &self,
        env: &Env,
        #[napi(ts_arg_type = "Array<string>")] units: Unknown<'_>,
        #[napi(ts_arg_type = "string | number | Date")] start: Unknown<'_>,
        #[napi(ts_arg_type = "string | number | Date")] end: Unknown<'_>,
    ) -> napi::Result<Vec<String>> {
        guard(env, || {
            let units: Vec<String> = boundary::decode(env, units, &site::UNITS)?;
            let (start, end) = window(env, start, end)?;
            let free = self.inner.free_units(&units, start, end).map_err(to_js_err(env))?;
            Ok(free.into_iter().map(str::to_owned).collect())
        })
    }
}

/// The bookings and the window `[start, end)`, decoded at the core's sites.
fn inputs(
    env: &Env,
    bookings: Unknown<'_>,
    start: Unknown<'_>,
    end: Unknown<'_>,
) -> napi::Result<(Vec<CoreBooking>, i64, i64)> {
    let bookings = boundary::decode(env, bookings, &site::BOOKINGS)?;
    let (start, end) = window(env, start, end)?;
    Ok((bookings, start, end))
}

/// The most units in use at any instant of `[start, end)`.
/// @throws {FleetgateError} `code` `invalid_booking` or `invalid_window`.
#[napi(namespace = "availability")]
pub fn unavailable(
    env: &Env,
    #[napi(ts_arg_type = "Array<availability.Booking>")] bookings: Unknown<'_>,
    #[napi(ts_arg_type = "string | number | Date")] start: Unknown<'_>,
    #[napi(ts_arg_type = "string | number | Date")] end: Unknown<'_>,
) -> napi::Result<u32> {
    guard(env, || {
        let (bookings, start, end) = inputs(env, bookings, start, end)?;
        let used = core::unavailable(&bookings, start, end).map_err(to_js_err(env))?;
        Ok(u32::try_from(used).unwrap_or(u32::MAX))
    })
}

/// Units of `stock` free throughout `[start, end)`: stock - unavailable, never below 0.
/// @throws {FleetgateError} `code` `invalid_booking` or `invalid_window`.
#[napi(namespace = "availability")]
pub fn available(
    env: &Env,
    #[napi(ts_arg_type = "number")] stock: Unknown<'_>,
    #[napi(ts_arg_type = "Array<availability.Booking>")] bookings: Unknown<'_>,
    #[napi(ts_arg_type = "string | number | Date")] start: Unknown<'_>,
    #[napi(ts_arg_type = "string | number | Date")] end: Unknown<'_>,
) -> napi::Result<u32> {
    guard(env, || {
        let stock: u32 = boundary::decode(env, stock, &site::STOCK)?;
        let (bookings, start, end) = inputs(env, bookings, start, end)?;
        core::available(stock, &bookings, start, end).map_err(to_js_err(env))
    })
}

/// Segments tiling `[start, end)` with the units available in each, equal neighbours merged.
/// @throws {FleetgateError} `code` `invalid_booking` or `invalid_window`.
#[napi(namespace = "availability", ts_return_type = "Array<availability.Segment>")]
pub fn timeline(
    env: &Env,
    #[napi(ts_arg_type = "number")] stock: Unknown<'_>,
    #[napi(ts_arg_type = "Array<availability.Booking>")] bookings: Unknown<'_>,
    #[napi(ts_arg_type = "string | number | Date")] start: Unknown<'_>,
    #[napi(ts_arg_type = "string | number | Date")] end: Unknown<'_>,
) -> napi::Result<Json> {
    guard(env, || {
        let stock: u32 = boundary::decode(env, stock, &site::STOCK)?;
        let (bookings, start, end) = inputs(env, bookings, start, end)?;
        let segments = core::timeline(stock, &bookings, start, end).map_err(to_js_err(env))?;
        Ok(serde_json::to_value(segments).expect("segments serialize"))
    })
}

/// The serial `units` (in the given order) that no booking holding them overlaps in `[start, end)`.
/// @throws {FleetgateError} `code` `invalid_booking` or `invalid_window`.
#[napi(namespace = "availability", js_name = "freeUnits")]
pub fn free_units(
    env: &Env,
    #[napi(ts_arg_type = "Array<string>")] units: Unknown<'_>,
    #[napi(ts_arg_type = "Array<availability.Booking>")] bookings: Unknown<'_>,
    #[napi(ts_arg_type = "string | number | Date")] start: Unknown<'_>,
    #[napi(ts_arg_type = "string | number | Date")] end: Unknown<'_>,
) -> napi::Result<Vec<String>> {
    guard(env, || {
        let units: Vec<String> = boundary::decode(env, units, &site::UNITS)?;
        let (bookings, start, end) = inputs(env, bookings, start, end)?;
        let free = core::free_units(&units, &bookings, start, end).map_err(to_js_err(env))?;
        Ok(free.into_iter().map(str::to_owned).collect())
    })
}
