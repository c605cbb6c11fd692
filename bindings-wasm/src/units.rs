//! `units`: wraps `fleetgate::units` (exact km / mi / metre conversion).

use fleetgate::units::{self as core, Unit, UnitsError, Value, ValueProblem};
use wasm_bindgen::prelude::*;

use crate::errors::{describe, to_js_err};

/// Distances: exact conversion between kilometres, miles and integer metres (1 mi = 1609.344 m exactly).
#[wasm_bindgen(js_name = "units")]
pub struct Units;

fn unit(name: &JsValue) -> Result<Unit, UnitsError> {
    match name.as_string() {
        Some(s) => Unit::parse(&s),
        None => Err(UnitsError::InvalidUnit { unit: describe(name) }),
    }
}

/// Reads a JS number or string; anything else is `invalid_value`.
fn with_value<T>(given: &JsValue, f: impl FnOnce(Value<'_>) -> Result<T, UnitsError>) -> Result<T, UnitsError> {
    if let Some(n) = given.as_f64() {
        f(Value::Number(n))
    } else if let Some(s) = given.as_string() {
        f(Value::Text(&s))
    } else {
        Err(UnitsError::InvalidValue { value: describe(given), problem: ValueProblem::WrongType })
    }
}

#[wasm_bindgen(js_class = "units")]
impl Units {
    /// The largest distance fleetgate holds, in metres (2^53 - 1 = `Number.MAX_SAFE_INTEGER`).
    #[wasm_bindgen(getter = MAX_METRES)]
    pub fn max_metres() -> f64 {
        core::MAX_METRES as f64
    }

    /// Converts `value` in `unit` to whole metres, exactly (1 mi = 1609.344 m), rounding once half to even.
    ///
    /// `value` is a number (read as its shortest decimal, like `String(value)`) or a plain decimal string such as
    /// `"12,345.6"`; `unit` is `km`, `kilometers`, `kilometres`, `mi`, `miles`, `metric` or `imperial` (any case).
    /// @throws {Error} with `code` `invalid_value` or `invalid_unit`.
    #[wasm_bindgen(js_name = "toMetres")]
    pub fn to_metres(
        #[wasm_bindgen(unchecked_param_type = "number | string")] value: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] unit: JsValue,
    ) -> Result<f64, JsValue> {
        let unit = self::unit(&unit).map_err(to_js_err)?;
        with_value(&value, |v| unit.to_metres(v)).map(|m| m as f64).map_err(to_js_err)
    }

    /// Converts whole `metres` (an integer from 0 to `MAX_METRES`) to `unit`: the number nearest to the exact
    /// quotient.
    /// @throws {Error} with `code` `invalid_value` or `invalid_unit`.
    #[wasm_bindgen(js_name = "fromMetres")]
    pub fn from_metres(
        #[wasm_bindgen(unchecked_param_type = "number")] metres: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] unit: JsValue,
    ) -> Result<f64, JsValue> {
        let unit = self::unit(&unit).map_err(to_js_err)?;
        let metres = metres
            .as_f64()
            .ok_or_else(|| UnitsError::InvalidValue { value: describe(&metres), problem: ValueProblem::WrongType });
        metres.and_then(core::metres_from_f64).and_then(|m| unit.from_metres(m)).map_err(to_js_err)
    }

    /// Converts `value` from `fromUnit` to `toUnit` without rounding to metres: the number nearest to the exact
    /// result (`convert(1, "mi", "km") === 1.609344`).
    /// @throws {Error} with `code` `invalid_value` or `invalid_unit`.
    pub fn convert(
        #[wasm_bindgen(unchecked_param_type = "number | string")] value: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string", js_name = "fromUnit")] from_unit: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string", js_name = "toUnit")] to_unit: JsValue,
    ) -> Result<f64, JsValue> {
        let (from, to) = (unit(&from_unit).map_err(to_js_err)?, unit(&to_unit).map_err(to_js_err)?);
        with_value(&value, |v| from.convert(v, to)).map_err(to_js_err)
    }
}
