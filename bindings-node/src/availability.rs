//! `availability` namespace: wraps `fleetgate::availability` (stock over half-open, padded booking intervals).
//! A booking is `{start, end, quantity?: 1, padding_hours?: 0, unit?: null}`; instants are RFC 3339 strings or
//! unix seconds.

use fleetgate::availability as core;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use serde_json::Value as Json;

use crate::errors::{guard, to_js_err};
use crate::json::to_json;

/// The most units in use at any instant of `[start, end)`.
/// @throws {Error} `code` `invalid_booking` or `invalid_window`.
#[napi(namespace = "availability")]
pub fn unavailable(
    env: &Env,
    #[napi(ts_arg_type = "Array<Record<string, unknown>>")] bookings: Unknown<'_>,
    #[napi(ts_arg_type = "string | number")] start: Unknown<'_>,
    #[napi(ts_arg_type = "string | number")] end: Unknown<'_>,
) -> napi::Result<Json> {
    guard(env, || {
        core::unavailable_json(&to_json(env, &bookings), &to_json(env, &start), &to_json(env, &end))
            .map_err(to_js_err(env))
    })
}

/// Units of `stock` free throughout `[start, end)`: stock - unavailable, never below 0.
/// @throws {Error} `code` `invalid_booking` or `invalid_window`.
#[napi(namespace = "availability")]
pub fn available(
    env: &Env,
    #[napi(ts_arg_type = "number")] stock: Unknown<'_>,
    #[napi(ts_arg_type = "Array<Record<string, unknown>>")] bookings: Unknown<'_>,
    #[napi(ts_arg_type = "string | number")] start: Unknown<'_>,
    #[napi(ts_arg_type = "string | number")] end: Unknown<'_>,
) -> napi::Result<Json> {
    guard(env, || {
        core::available_json(
            &to_json(env, &stock),
            &to_json(env, &bookings),
            &to_json(env, &start),
            &to_json(env, &end),
        )
        .map_err(to_js_err(env))
    })
}

/// Segments `[{start, end, available}]` tiling `[start, end)` (RFC 3339 UTC), equal neighbours merged.
/// @throws {Error} `code` `invalid_booking` or `invalid_window`.
#[napi(namespace = "availability", ts_return_type = "Array<{ start: string; end: string; available: number }>")]
pub fn timeline(
    env: &Env,
    #[napi(ts_arg_type = "number")] stock: Unknown<'_>,
    #[napi(ts_arg_type = "Array<Record<string, unknown>>")] bookings: Unknown<'_>,
    #[napi(ts_arg_type = "string | number")] start: Unknown<'_>,
    #[napi(ts_arg_type = "string | number")] end: Unknown<'_>,
) -> napi::Result<Json> {
    guard(env, || {
        core::timeline_json(&to_json(env, &stock), &to_json(env, &bookings), &to_json(env, &start), &to_json(env, &end))
            .map_err(to_js_err(env))
    })
}

/// The serial `units` (in the given order) that no booking holding them overlaps in `[start, end)`.
/// @throws {Error} `code` `invalid_booking` or `invalid_window`.
#[napi(namespace = "availability", js_name = "freeUnits", ts_return_type = "Array<string>")]
pub fn free_units(
    env: &Env,
    #[napi(ts_arg_type = "Array<string>")] units: Unknown<'_>,
    #[napi(ts_arg_type = "Array<Record<string, unknown>>")] bookings: Unknown<'_>,
    #[napi(ts_arg_type = "string | number")] start: Unknown<'_>,
    #[napi(ts_arg_type = "string | number")] end: Unknown<'_>,
) -> napi::Result<Json> {
    guard(env, || {
        core::free_units_json(
            &to_json(env, &units),
            &to_json(env, &bookings),
            &to_json(env, &start),
            &to_json(env, &end),
        )
        .map_err(to_js_err(env))
    })
}
