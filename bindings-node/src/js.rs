//! Reading JS arguments into plain Rust values, so a wrong JS type is reported with fleetgate's own error code
//! (never napi's): arguments arrive as `Either<..., Unknown>` and anything unexpected is described, not rejected by
//! napi.

use napi::bindgen_prelude::{Either, Object, Unknown};
use napi::{JsValue, ValueType};

/// A JS argument that should be a number or a string.
pub(crate) type NumberOrString<'a> = Either<Either<f64, String>, Unknown<'a>>;

/// How a JS value is shown in a message: numbers and strings as themselves, anything else by its type.
pub(crate) fn describe(given: &NumberOrString<'_>) -> String {
    match given {
        Either::A(Either::A(n)) => n.to_string(),
        Either::A(Either::B(s)) => s.clone(),
        Either::B(unknown) => type_name(unknown),
    }
}

/// `(a JS object)`, `(a JS boolean)`, ...
pub(crate) fn type_name(value: &Unknown<'_>) -> String {
    value.get_type().map(|t| format!("(a JS {t:?})").to_lowercase()).unwrap_or_default()
}

/// The value as a plain object, when it is one (arrays and functions are not).
pub(crate) fn as_object<'a>(value: &Unknown<'a>) -> Option<Object<'a>> {
    if value.get_type().ok()? != ValueType::Object || value.is_array().unwrap_or(true) {
        return None;
    }
    value.coerce_to_object().ok()
}
