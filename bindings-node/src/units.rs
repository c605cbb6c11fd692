//! `units` namespace: wraps `fleetgate::units` (exact km / mi / metre conversion). Values, metres and unit names
//! are read by the core (`fleetgate::units::Quantity`, `Unit::from_value`), so a wrong type is `invalid_value` or
//! `invalid_unit` as in every binding.

use fleetgate::boundary::Site;
use fleetgate::units::{self as core, Quantity, Unit};
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;

use crate::boundary;
use crate::errors::{guard, to_js_err};

fn unit(env: &Env, name: Unknown<'_>) -> napi::Result<Unit> {
    let value = boundary::value(env, Some(name), &Site::coded("units", "invalid_unit", "unit"))?;
    Unit::from_value(value).map_err(to_js_err(env))
}

fn quantity(env: &Env, given: Unknown<'_>) -> napi::Result<Quantity> {
    let value = boundary::value(env, Some(given), &Site::coded("units", "invalid_value", "value"))?;
    Quantity::from_value(value).map_err(to_js_err(env))
}

/// The largest distance fleetgate holds, in metres (2^53 - 1 = `Number.MAX_SAFE_INTEGER`).
#[napi(namespace = "units", js_name = "MAX_METRES")]
pub const MAX_METRES: i64 = core::MAX_METRES;

/// Converts `value` in `unit` to whole metres, exactly (1 mi = 1609.344 m), rounding once half to even.
///
/// `value` is a number (read as its shortest decimal, like `String(value)`) or a plain decimal string such as
/// `"12,345.6"`; `unit` is `km`, `kilometers`, `kilometres`, `mi`, `miles`, `metric` or `imperial` (any case).
/// @throws {Error} with `code` `invalid_value` or `invalid_unit`.
#[napi(namespace = "units", js_name = "toMetres")]
pub fn to_metres(
    env: &Env,
    #[napi(ts_arg_type = "number | string")] value: Unknown<'_>,
    #[napi(ts_arg_type = "string")] unit: Unknown<'_>,
) -> napi::Result<i64> {
    guard(env, || {
        let unit = self::unit(env, unit)?;
        unit.to_metres(quantity(env, value)?.as_value()).map_err(to_js_err(env))
    })
}

/// Converts whole `metres` (an integer from 0 to `MAX_METRES`) to `unit`: the number nearest to the exact quotient.
/// @throws {Error} with `code` `invalid_value` or `invalid_unit`.
#[napi(namespace = "units", js_name = "fromMetres")]
pub fn from_metres(
    env: &Env,
    #[napi(ts_arg_type = "number")] metres: Unknown<'_>,
    #[napi(ts_arg_type = "string")] unit: Unknown<'_>,
) -> napi::Result<f64> {
    guard(env, || {
        let unit = self::unit(env, unit)?;
        let metres = boundary::value(env, Some(metres), &Site::coded("units", "invalid_value", "metres"))?;
        core::metres_from_value(metres).and_then(|m| unit.from_metres(m)).map_err(to_js_err(env))
    })
}

/// Converts `value` from `fromUnit` to `toUnit` without rounding to metres: the number nearest to the exact
/// result (`convert(1, "mi", "km") === 1.609344`).
/// @throws {Error} with `code` `invalid_value` or `invalid_unit`.
#[napi(namespace = "units")]
pub fn convert(
    env: &Env,
    #[napi(ts_arg_type = "number | string")] value: Unknown<'_>,
    #[napi(ts_arg_type = "string")] from_unit: Unknown<'_>,
    #[napi(ts_arg_type = "string")] to_unit: Unknown<'_>,
) -> napi::Result<f64> {
    guard(env, || {
        let (from, to) = (unit(env, from_unit)?, unit(env, to_unit)?);
        from.convert(quantity(env, value)?.as_value(), to).map_err(to_js_err(env))
    })
}
