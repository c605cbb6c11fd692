//! JS values -> JSON values for the areas whose core API takes JSON-shaped data (booking, pricing,
//! availability), and option objects. A conversion, not a rule: the core validates every value.
//!
//! `undefined` is `null` (the core's default). A JS number is an integer when it has no fraction and is within
//! +-(2^53 - 1) (napi reads numbers beyond 32 bits as floats; this keeps them integers, as in the WASM package). A value JSON cannot hold (a function, a symbol, ...) becomes
//! `{"$unsupported": "<why>"}`, which the core reports as a value of the wrong type with its own code.

use napi::bindgen_prelude::Unknown;
use napi::ValueType;
use serde_json::{json, Value as Json};

/// Converts a JS value to JSON (see the module docs).
pub(crate) fn to_json(value: &Unknown<'_>) -> Json {
    if matches!(value.get_type(), Ok(ValueType::Undefined)) {
        return Json::Null;
    }
    // SAFETY: `serde_json::Value`'s `FromNapiValue` does not assume a JS type: it inspects the value's type
    // itself and returns an error for anything JSON cannot hold.
    let json = unsafe { value.cast::<Json>() }.unwrap_or_else(|e| json!({ "$unsupported": e.reason }));
    integers(json)
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
