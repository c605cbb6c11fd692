//! JS values <-> JSON values for the areas whose core API takes JSON-shaped data (booking, pricing,
//! availability), and option objects. A conversion, not a rule: the core validates every value.
//!
//! A JS value becomes what `JSON.stringify` makes of it (a `Date` is its ISO string); `undefined` is `null` (the
//! core's default); a value JSON cannot hold (a function, a symbol, a BigInt) becomes
//! `{"$unsupported": "<why>"}`, which the core reports as a value of the wrong type with its own code.

use serde_json::{json, Value as Json};
use wasm_bindgen::JsValue;

/// Converts a JS value to JSON (see the module docs).
pub(crate) fn to_json(value: &JsValue) -> Json {
    if value.is_undefined() {
        return Json::Null;
    }
    match js_sys::JSON::stringify(value).ok().and_then(|text| text.as_string()) {
        Some(text) => serde_json::from_str(&text).unwrap_or_else(|e| json!({ "$unsupported": e.to_string() })),
        None => json!({ "$unsupported": "a value JSON cannot hold" }),
    }
}

/// Converts JSON to a JS value (plain objects, arrays, strings, numbers, booleans, null).
pub(crate) fn to_js(value: &Json) -> JsValue {
    js_sys::JSON::parse(&value.to_string()).unwrap_or(JsValue::NULL)
}

/// Reads an options object (see `fleetgate::args::options`).
pub(crate) fn read_options<const N: usize>(value: &JsValue, names: [&str; N]) -> Result<[Json; N], String> {
    fleetgate::args::options(&to_json(value), names)
}
