//! `units` namespace: wraps `fleetgate::units` (exact km / mi / metre conversion).

use fleetgate::units::{self as core, Unit, UnitsError, Value, ValueProblem};
use napi::bindgen_prelude::Either;
use napi::Env;
use napi_derive::napi;

use crate::errors::{guard, to_js_err};
use crate::js::{describe, NumberOrString};

fn wrong_type(given: &NumberOrString<'_>) -> UnitsError {
    UnitsError::InvalidValue { value: describe(given), problem: ValueProblem::WrongType }
}

fn value<'a>(given: &'a NumberOrString<'_>) -> Result<Value<'a>, UnitsError> {
    match given {
        Either::A(Either::A(n)) => Ok(Value::Number(*n)),
        Either::A(Either::B(s)) => Ok(Value::Text(s)),
        Either::B(_) => Err(wrong_type(given)),
    }
}

fn unit(name: &NumberOrString<'_>) -> Result<Unit, UnitsError> {
    match name {
        Either::A(Either::B(s)) => Unit::parse(s),
        other => Err(UnitsError::InvalidUnit { unit: describe(other) }),
    }
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
    #[napi(ts_arg_type = "number | string")] value: NumberOrString<'_>,
    #[napi(ts_arg_type = "string")] unit: NumberOrString<'_>,
) -> napi::Result<i64> {
    guard(env, || self::unit(&unit).and_then(|u| u.to_metres(self::value(&value)?)).map_err(to_js_err(env)))
}

/// Converts whole `metres` (an integer from 0 to `MAX_METRES`) to `unit`: the number nearest to the exact quotient.
/// @throws {Error} with `code` `invalid_value` or `invalid_unit`.
#[napi(namespace = "units", js_name = "fromMetres")]
pub fn from_metres(
    env: &Env,
    #[napi(ts_arg_type = "number")] metres: NumberOrString<'_>,
    #[napi(ts_arg_type = "string")] unit: NumberOrString<'_>,
) -> napi::Result<f64> {
    guard(env, || {
        let run = || -> Result<f64, UnitsError> {
            let unit = self::unit(&unit)?;
            let metres = match &metres {
                Either::A(Either::A(n)) => core::metres_from_f64(*n)?,
                other => return Err(wrong_type(other)),
            };
            unit.from_metres(metres)
        };
        run().map_err(to_js_err(env))
    })
}

/// Converts `value` from `fromUnit` to `toUnit` without rounding to metres: the number nearest to the exact
/// result (`convert(1, "mi", "km") === 1.609344`).
/// @throws {Error} with `code` `invalid_value` or `invalid_unit`.
#[napi(namespace = "units")]
pub fn convert(
    env: &Env,
    #[napi(ts_arg_type = "number | string")] value: NumberOrString<'_>,
    #[napi(ts_arg_type = "string")] from_unit: NumberOrString<'_>,
    #[napi(ts_arg_type = "string")] to_unit: NumberOrString<'_>,
) -> napi::Result<f64> {
    guard(env, || {
        let run = || -> Result<f64, UnitsError> { unit(&from_unit)?.convert(self::value(&value)?, unit(&to_unit)?) };
        run().map_err(to_js_err(env))
    })
}
