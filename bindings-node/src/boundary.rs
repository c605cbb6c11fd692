//! The napi side of `fleetgate::boundary`: JS values described for the core's one bounded walk, then decoded into
//! the core's serde types. No function reads a JS argument any other way.
//!
//! What a JS value is to the core: `undefined` (left out of objects; absent as an argument), `null`, booleans,
//! numbers (whole numbers within ±2^53 are integers; NaN is kept), strings, a `BigInt` within 64 bits, `Uint8Array`
//! / `Buffer` / `ArrayBuffer` as bytes, arrays, a `Date` as its ISO 8601 text, anything with an `entries()` method
//! (`Map`, `Headers`, `URLSearchParams`) as its entries, and plain objects by their own enumerable keys. A function,
//! a symbol or another typed array is an error naming it, never a silent `null`.

use fleetgate::boundary::{self, ArgError, Host, Kind, Site, Value, MAX_NODES};
use napi::bindgen_prelude::{
    ArrayBuffer, BigInt, FromNapiValue, Function, JsObjectValue, JsValue, Object, Uint8Array, Unknown,
};
use napi::{Env, ValueType};
use serde::de::DeserializeOwned;
use serde_json::Value as Json;

use crate::errors::to_js_err;

/// A JS value as the boundary's [`Host`].
pub(crate) struct JsHost<'a>(pub Unknown<'a>);

impl Host for JsHost<'_> {
    fn kind(&self) -> Kind<Self> {
        kind(self.0).unwrap_or_else(|err| Kind::Unsupported(format!("a value that could not be read ({})", err.reason)))
    }
}

fn kind(value: Unknown<'_>) -> napi::Result<Kind<JsHost<'_>>> {
    Ok(match value.get_type()? {
        ValueType::Undefined => Kind::Undefined,
        ValueType::Null => Kind::Null,
        ValueType::Boolean => Kind::Bool(bool::from_unknown(value)?),
        ValueType::Number => Kind::Number(f64::from_unknown(value)?),
        ValueType::String => Kind::Str(String::from_unknown(value)?),
        ValueType::BigInt => match BigInt::from_unknown(value)?.get_i64() {
            (i, true) => Kind::Int(i),
            _ => Kind::Unsupported("a BigInt beyond 64 bits".to_owned()),
        },
        ValueType::Object => object_kind(value)?,
        ValueType::Function => Kind::Unsupported("a function".to_owned()),
        ValueType::Symbol => Kind::Unsupported("a symbol".to_owned()),
        other => Kind::Unsupported(format!("a JS {other:?}").to_lowercase()),
    })
}

fn object_kind(value: Unknown<'_>) -> napi::Result<Kind<JsHost<'_>>> {
    if value.is_array()? {
        let items = Vec::<Unknown>::from_unknown(value)?;
        return Ok(Kind::List(items.into_iter().map(JsHost).collect()));
    }
    if value.is_typedarray()? {
        return Ok(match Uint8Array::from_unknown(value) {
            Ok(bytes) => Kind::Bytes(bytes.to_vec()),
            Err(_) => Kind::Unsupported("a typed array other than Uint8Array".to_owned()),
        });
    }
    if value.is_arraybuffer()? {
        return Ok(Kind::Bytes(ArrayBuffer::from_unknown(value)?.to_vec()));
    }
    if value.is_dataview()? {
        return Ok(Kind::Unsupported("a DataView (pass a Uint8Array)".to_owned()));
    }
    let object = Object::from_unknown(value)?;
    if value.is_date()? {
        let iso: Function<(), Unknown> = object.get_named_property("toISOString")?;
        return Ok(match iso.apply(object, ()).and_then(String::from_unknown) {
            Ok(text) => Kind::Str(text),
            Err(_) => Kind::Unsupported("an invalid Date".to_owned()),
        });
    }
    let entries = object.get_named_property::<Unknown>("entries")?;
    if entries.get_type()? == ValueType::Function {
        return iterated_entries(object);
    }
    // The enumerable string keys (as `for...in`), each read back with the key napi gave: no key is turned into a
    // C string and looked up again.
    let names = object.get_property_names()?;
    let len = names.get_array_length()?;
    let mut out = Vec::with_capacity(len as usize);
    for index in 0..len {
        let key: Unknown = names.get_element(index)?;
        let item: Unknown = object.get_property(key)?;
        out.push((String::from_unknown(key)?, JsHost(item)));
    }
    Ok(Kind::Map(out))
}

/// The entries of a `Map`, `Headers`, ... (at most [`MAX_NODES`]; an endless iterator is an error).
fn iterated_entries(object: Object<'_>) -> napi::Result<Kind<JsHost<'_>>> {
    let entries: Function<(), Object> = object.get_named_property("entries")?;
    let iterator = entries.apply(object, ())?;
    let next: Function<(), Object> = iterator.get_named_property("next")?;
    let mut out = Vec::new();
    while out.len() <= MAX_NODES {
        let step = next.apply(iterator, ())?;
        if step.get_named_property::<Option<bool>>("done")? == Some(true) {
            return Ok(Kind::Map(out));
        }
        let pair = Vec::<Unknown>::from_unknown(step.get_named_property::<Unknown>("value")?)?;
        match <[Unknown; 2]>::try_from(pair) {
            Ok([key, item]) if key.get_type()? == ValueType::String => {
                out.push((String::from_unknown(key)?, JsHost(item)))
            }
            _ => {
                return Ok(Kind::Unsupported(
                    "an entries() iterator whose items are not [string, value] pairs".to_owned(),
                ))
            }
        }
    }
    Ok(Kind::Unsupported(format!("an entries() iterator of more than {MAX_NODES} items")))
}

/// An [`ArgError`] as the JS `Error` of the one error constructor.
pub(crate) fn arg_err(env: &Env, err: ArgError) -> napi::Error {
    to_js_err(env)(err)
}

/// `value` after the bounded walk; an absent argument (`None`) is [`Value::Null`].
pub(crate) fn value(env: &Env, value: Option<Unknown<'_>>, site: &Site) -> napi::Result<Value> {
    match value {
        None => Ok(Value::Null),
        Some(v) => boundary::walk(&JsHost(v), site).map_err(|e| arg_err(env, e)),
    }
}

/// Decodes `value` into the core type `T` at `site` (JS keys are camelCase: pass `Site::...().camel()`).
pub(crate) fn decode<T: DeserializeOwned>(env: &Env, given: Unknown<'_>, site: &Site) -> napi::Result<T> {
    let walked = value(env, Some(given), site)?;
    boundary::decode(walked, site).map_err(|e| arg_err(env, e))
}

/// Decodes an optional argument: absent, `undefined` or `null` is `T::default()` (the core's defaults).
pub(crate) fn decode_or_default<T: DeserializeOwned + Default>(
    env: &Env,
    given: Option<Unknown<'_>>,
    site: &Site,
) -> napi::Result<T> {
    let walked = value(env, given, site)?;
    boundary::decode_or_default(Some(walked), site).map_err(|e| arg_err(env, e))
}

/// `value` as JSON, for the core functions that take JSON-shaped data (a booking request, an Odoo reply).
#[allow(dead_code)] // used as the areas move onto the boundary
pub(crate) fn json(env: &Env, given: Option<Unknown<'_>>, site: &Site) -> napi::Result<Json> {
    value(env, given, site)?.into_json(site).map_err(|e| arg_err(env, e))
}

/// A JS value for core output JSON (plain objects, arrays, strings, numbers, booleans, null).
#[allow(dead_code)] // used as the areas move onto the boundary
pub(crate) fn to_js<'env>(env: &'env Env, value: &Json) -> napi::Result<Unknown<'env>> {
    env.to_js_value(value)
}
