//! Reading the option objects of the JS bindings (`{mode, tz}`, `{rules, now}`, ...) the same way in the napi
//! module and the WASM package: absent options are `null` (the core's defaults), and an unknown option is an
//! error rather than silently ignored.

use serde_json::{Map, Value as Json};

/// The values of `names` in an options object (absent = `null`), in order. `null` is an empty object; anything
/// else that is not an object, or a key not in `names`, is an error message.
///
/// ```
/// use serde_json::json;
/// let [mode, tz] = fleetgate::args::options(&json!({"mode": "best"}), ["mode", "tz"]).unwrap();
/// assert_eq!((mode, tz), (json!("best"), json!(null)));
/// assert!(fleetgate::args::options(&json!({"mdoe": "best"}), ["mode", "tz"]).is_err());
/// ```
pub fn options<const N: usize>(value: &Json, names: [&str; N]) -> Result<[Json; N], String> {
    let empty = Map::new();
    let map = match value {
        Json::Null => &empty,
        Json::Object(map) => map,
        _ => return Err(format!("options must be an object with {}", names.join(", "))),
    };
    if let Some(unknown) = map.keys().find(|k| !names.contains(&k.as_str())) {
        return Err(format!("unknown option {unknown:?} (known: {})", names.join(", ")));
    }
    Ok(names.map(|name| map.get(name).cloned().unwrap_or(Json::Null)))
}
