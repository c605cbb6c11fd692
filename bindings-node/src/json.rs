//! JS values -> JSON values for the areas whose core API takes JSON-shaped data (booking, pricing,
//! availability), and option objects. A conversion, not a rule: the core validates every value.
//!
//! `undefined` is `null` (the core's default). A `Date` argument is its `toISOString()` text, as
//! `JSON.stringify` gives in the WASM package (inside data objects, pass instants as strings or unix seconds). A JS number is an integer when it has no fraction and is within
//! +-(2^53 - 1) (napi reads numbers beyond 32 bits as floats; this keeps them integers, as in the WASM package). A value JSON cannot hold (a function, a symbol, ...) becomes
//! `{"$unsupported": "<why>"}`, which the core reports as a value of the wrong type with its own code.

use napi::bindgen_prelude::Unknown;
use napi::{JsDate, JsValue, ValueType};
use serde_json::{json, Value as Json};

/// Converts a JS value to JSON (see the module docs).
pub(crate) fn to_json(value: &Unknown<'_>) -> Json {
    match value.get_type() {
        Ok(ValueType::Undefined) => return Json::Null,
        // JSON.stringify (the WASM package) refuses a BigInt too.
        Ok(ValueType::BigInt) => return json!({ "$unsupported": "a BigInt" }),
        _ => {}
    }
    if value.is_date().unwrap_or(false) {
        // SAFETY: the value was just checked to be a Date.
        let millis = unsafe { value.cast::<JsDate>() }.and_then(|d| d.value_of()).unwrap_or(f64::NAN);
        return iso_string(millis);
    }
    // SAFETY: `serde_json::Value`'s `FromNapiValue` does not assume a JS type: it inspects the value's type
    // itself and returns an error for anything JSON cannot hold.
    let json = unsafe { value.cast::<Json>() }.unwrap_or_else(|e| json!({ "$unsupported": e.reason }));
    integers(json)
}

/// A `Date`'s milliseconds as `toISOString()` prints them (`2024-02-01T10:00:00.000Z`); `null` when invalid.
fn iso_string(millis: f64) -> Json {
    if !millis.is_finite() {
        return Json::Null;
    }
    let whole = millis as i64;
    let seconds = fleetgate::instant::format(whole.div_euclid(1000));
    Json::String(format!("{}.{:03}Z", seconds.trim_end_matches('Z'), whole.rem_euclid(1000)))
}

/// Turns floats without a fraction (within +-(2^53 - 1)) back into JSON integers, recursively.
fn integers(value: Json) -> Json {
    const SAFE: f64 = 9_007_199_254_740_991.0;
    match value {
        Json::Number(n) if !n.is_i64() && !n.is_u64() => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() <= SAFE => Json::from(f as i64),
            _ => Json::Number(n),
        },
        Json::Array(items) => Json::Array(items.into_iter().map(integers).collect()),
        Json::Object(map) => Json::Object(map.into_iter().map(|(k, v)| (k, integers(v))).collect()),
        other => other,
    }
}

/// Converts an optional argument (absent = `null`).
pub(crate) fn opt_json(value: Option<&Unknown<'_>>) -> Json {
    value.map_or(Json::Null, to_json)
}

/// Reads an options object (see `fleetgate::args::options`).
pub(crate) fn read_options<const N: usize>(value: Option<&Unknown<'_>>, names: [&str; N]) -> Result<[Json; N], String> {
    fleetgate::args::options(&opt_json(value), names)
}
