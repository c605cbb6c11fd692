//! Reading JS arguments into plain Rust values, so a wrong JS type is reported with fleetgate's own error code
//! (never napi's): arguments arrive as `Either<..., Unknown>` and anything unexpected is described, not rejected by
//! napi.

use napi::bindgen_prelude::{Either, Object, Unknown};
use napi::{JsValue, ValueType};

/// A JS argument that should be a number or a string.
pub(crate) type NumberOrString<'a> = Either<Either<f64, String>, Unknown<'a>>;

/// A JS argument that should be an array (of anything).
pub(crate) type ArrayOrOther<'a> = Either<Vec<Unknown<'a>>, Unknown<'a>>;

/// `(a JS object)`, `(a JS boolean)`, ...
pub(crate) fn type_name(value: &Unknown<'_>) -> String {
    value.get_type().map(|t| format!("(a JS {t:?})").to_lowercase()).unwrap_or_default()
}

/// A property of a JS object, as far as fleetgate's inputs care.
pub(crate) enum Field {
    /// Missing, `undefined` or `null`.
    Absent,
    /// A number.
    Number(f64),
    /// A string.
    Text(String),
    /// Anything else, described by its type.
    Other(String),
}

/// Reads `name` from `obj`.
pub(crate) fn field(obj: &Object<'_>, name: &str) -> napi::Result<Field> {
    Ok(match obj.get::<NumberOrString<'_>>(name)? {
        None => Field::Absent,
        Some(Either::A(Either::A(n))) => Field::Number(n),
        Some(Either::A(Either::B(s))) => Field::Text(s),
        Some(Either::B(u)) if u.get_type()? == ValueType::Null => Field::Absent,
        Some(Either::B(u)) => Field::Other(type_name(&u)),
    })
}

/// The value as a plain object, when it is one (arrays and functions are not).
pub(crate) fn as_object<'a>(value: &Unknown<'a>) -> Option<Object<'a>> {
    if value.get_type().ok()? != ValueType::Object || value.is_array().unwrap_or(true) {
        return None;
    }
    value.coerce_to_object().ok()
}

/// The property names of a plain object.
pub(crate) fn keys(obj: &Object<'_>) -> napi::Result<Vec<String>> {
    Object::keys(obj)
}
