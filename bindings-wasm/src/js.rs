//! Reading JS values into core input types, so a wrong JS type gets fleetgate's error codes.

use fleetgate::odometer::input::Scalar;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// One property of a JS object as a loosely typed scalar (`null`/`undefined` are absent).
pub(crate) fn scalar(value: &JsValue) -> Scalar {
    if value.is_null() || value.is_undefined() {
        Scalar::Absent
    } else if let Some(n) = value.as_f64() {
        Scalar::Number(n)
    } else if let Some(s) = value.as_string() {
        Scalar::Text(s)
    } else {
        Scalar::Other(value.js_typeof().as_string().unwrap_or_default())
    }
}

/// The value as a plain object with its own property names, when it is one (not an array, not null).
pub(crate) fn plain_object(value: &JsValue) -> Option<(Object, Vec<String>)> {
    if !value.is_object() || Array::is_array(value) {
        return None;
    }
    let obj: Object = value.clone().dyn_into().ok()?;
    let keys = Object::keys(&obj).iter().filter_map(|k| k.as_string()).collect();
    Some((obj, keys))
}

/// Reads property `key` of `obj` as a scalar.
pub(crate) fn get(obj: &Object, key: &str) -> Scalar {
    Reflect::get(obj, &JsValue::from_str(key)).map(|v| scalar(&v)).unwrap_or(Scalar::Absent)
}

/// Sets `key` on `obj` (setting a property on a fresh plain object cannot fail).
pub(crate) fn set(obj: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), &value.into());
}

/// A JS value for an optional number (`null` when absent).
pub(crate) fn opt_number(n: Option<f64>) -> JsValue {
    n.map_or(JsValue::NULL, JsValue::from_f64)
}

/// A JS value for an optional string (`null` when absent).
pub(crate) fn opt_str(s: Option<&str>) -> JsValue {
    s.map_or(JsValue::NULL, JsValue::from_str)
}
