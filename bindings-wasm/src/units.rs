//! `units`: wraps `fleetgate::units` (exact km / mi / metre conversion). Values, metres and unit names are read by
//! the core (`fleetgate::units::Quantity`, `Unit::from_value`), so a wrong type is `invalid_value` or
//! `invalid_unit` as in every binding.

use fleetgate::boundary::Site;
use fleetgate::units::{self as core, Quantity, Unit};
use wasm_bindgen::prelude::*;

use crate::boundary;
use crate::errors::to_js_err;

/// Distances: exact conversion between kilometres, miles and integer metres (1 mi = 1609.344 m exactly).
#[wasm_bindgen(js_name = "units")]
pub struct Units;

fn unit(name: &JsValue) -> Result<Unit, JsValue> {
    let value = boundary::value(name, &Site::coded("units", "invalid_unit", "unit"))?;
    Unit::from_value(value).map_err(to_js_err)
}

fn quantity(given: &JsValue) -> Result<Quantity, JsValue> {
    let value = boundary::value(given, &Site::coded("units", "invalid_value", "value"))?;
    Quantity::from_value(value).map_err(to_js_err)
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
        let unit = self::unit(&unit)?;
        unit.to_metres(quantity(&value)?.as_value()).map(|m| m as f64).map_err(to_js_err)
    }

    /// Converts whole `metres` (an integer from 0 to `MAX_METRES`) to `unit`: the number nearest to the exact
    /// quotient.
    /// @throws {Error} with `code` `invalid_value` or `invalid_unit`.
    #[wasm_bindgen(js_name = "fromMetres")]
    pub fn from_metres(
        #[wasm_bindgen(unchecked_param_type = "number")] metres: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] unit: JsValue,
    ) -> Result<f64, JsValue> {
        let unit = self::unit(&unit)?;
        let metres = boundary::value(&metres, &Site::coded("units", "invalid_value", "metres"))?;
        core::metres_from_value(metres).and_then(|m| unit.from_metres(m)).map_err(to_js_err)
    }

    /// Converts `value` from `fromUnit` to `toUnit` without rounding to metres: the number nearest to the exact
    /// result (`convert(1, "mi", "km") === 1.609344`).
    /// @throws {Error} with `code` `invalid_value` or `invalid_unit`.
    pub fn convert(
        #[wasm_bindgen(unchecked_param_type = "number | string")] value: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string", js_name = "fromUnit")] from_unit: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string", js_name = "toUnit")] to_unit: JsValue,
    ) -> Result<f64, JsValue> {
        let (from, to) = (unit(&from_unit)?, unit(&to_unit)?);
        from.convert(quantity(&value)?.as_value(), to).map_err(to_js_err)
    }
}
