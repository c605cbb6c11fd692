//! JS values -> JSON values for the areas whose core API takes JSON-shaped data (booking, pricing,
//! availability), and option objects. A conversion, not a rule: the core validates every value.
//!
//! A JS value becomes what the engine's own `JSON.stringify` makes of it, exactly as in the WASM package: a `Date`
//! is its ISO string (at any depth), `undefined` properties are left out, integers stay integers. `undefined` as
//! an argument is `null` (the core's default); a value JSON cannot hold (a function, a symbol, a BigInt) becomes
//! `{"$unsupported": "<why>"}`, which the core reports as a value of the wrong type with its own code.

use napi::bindgen_prelude::{Either, Function, JsObjectValue, Object, Unknown};
use napi::{Env, ValueType};
use serde_json::{json, Value as Json};

/// Converts a JS value to JSON (see the module docs).
pub(crate) fn to_json(env: &Env, value: &Unknown<'_>) -> Json {
    if matches!(value.get_type(), Ok(ValueType::Undefined)) {
        return Json::Null;
    }
    let stringified = env
        .get_global()
        .and_then(|global| global.get_named_property::<Object>("JSON"))
        .and_then(|json| json.get_named_property::<Function<Unknown, Either<String, Unknown>>>("stringify"))
        .and_then(|stringify| stringify.call(*value));
    match stringified {
        Ok(Either::A(text)) => serde_json::from_str(&text).unwrap_or_else(|e| json!({ "$unsupported": e.to_string() })),
        Ok(Either::B(_)) => json!({ "$unsupported": "a value JSON cannot hold" }),
        Err(e) => json!({ "$unsupported": e.reason }),
    }
}
