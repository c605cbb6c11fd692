//! The WASM side of `fleetgate::boundary`: JS values described for the core's one bounded walk, then decoded into
//! the core's serde types, with the same rules as the napi package. No function reads a JS argument any other way.
//!
//! What a JS value is to the core: `undefined` (left out of objects; absent as an argument), `null`, booleans,
//! numbers (whole numbers within ±2^53 are integers; NaN is kept), strings, a `BigInt` within 64 bits, `Uint8Array`
//! / `Buffer` / `ArrayBuffer` as bytes, arrays, a `Date` as its ISO 8601 text, anything with an `entries()` method
//! (`Map`, `Headers`, `URLSearchParams`) as its entries, and plain objects by their own enumerable keys. A function,
//! a symbol or another typed array is an error naming it, never a silent `null`.

use fleetgate::boundary::{self, ArgError, Host, Kind, Site, Value, MAX_NODES};
use js_sys::{Array, ArrayBuffer, BigInt, Date, Function, Object, Reflect, Uint8Array};
use serde::de::DeserializeOwned;
use serde_json::Value as Json;
use wasm_bindgen::{JsCast, JsValue};

use crate::errors::to_js_err;

/// A JS value as the boundary's [`Host`].
pub(crate) struct JsHost(pub JsValue);

impl Host for JsHost {
    fn kind(&self) -> Kind<Self> {
        kind(&self.0).unwrap_or_else(|_| Kind::Unsupported("a value whose properties could not be read".to_owned()))
    }
}

fn kind(value: &JsValue) -> Result<Kind<JsHost>, JsValue> {
    Ok(if value.is_undefined() {
        Kind::Undefined
    } else if value.is_null() {
        Kind::Null
    } else if let Some(b) = value.as_bool() {
        Kind::Bool(b)
    } else if let Some(n) = value.as_f64() {
        Kind::Number(n)
    } else if let Some(s) = value.as_string() {
        Kind::Str(s)
    } else if value.is_bigint() {
        match i64::try_from(value.clone().unchecked_into::<BigInt>()) {
            Ok(i) => Kind::Int(i),
            Err(_) => Kind::Unsupported("a BigInt beyond 64 bits".to_owned()),
        }
    } else if value.is_function() {
        Kind::Unsupported("a function".to_owned())
    } else if value.is_symbol() {
        Kind::Unsupported("a symbol".to_owned())
    } else if Array::is_array(value) {
        Kind::List(Array::from(value).iter().map(JsHost).collect())
    } else if let Some(bytes) = value.dyn_ref::<Uint8Array>() {
        Kind::Bytes(bytes.to_vec())
    } else if let Some(buffer) = value.dyn_ref::<ArrayBuffer>() {
        Kind::Bytes(Uint8Array::new(buffer).to_vec())
    } else if ArrayBuffer::is_view(value) {
        Kind::Unsupported("a typed array other than Uint8Array".to_owned())
    } else if let Some(date) = value.dyn_ref::<Date>() {
        if date.get_time().is_nan() {
            Kind::Unsupported("an invalid Date".to_owned())
        } else {
            Kind::Str(date.to_iso_string().into())
        }
    } else if Reflect::get(value, &JsValue::from_str("entries"))?.is_function() {
        iterated_entries(value)?
    } else {
        let mut out = Vec::new();
        for entry in Object::entries(value.unchecked_ref::<Object>()).iter() {
            let pair = Array::from(&entry);
            out.push((pair.get(0).as_string().unwrap_or_default(), JsHost(pair.get(1))));
        }
        Kind::Map(out)
    })
}

/// The entries of a `Map`, `Headers`, ... (at most [`MAX_NODES`]; an endless iterator is an error).
fn iterated_entries(value: &JsValue) -> Result<Kind<JsHost>, JsValue> {
    let entries: Function = Reflect::get(value, &JsValue::from_str("entries"))?.unchecked_into();
    let iterator = entries.call0(value)?;
    let Some(items) = js_sys::try_iter(&iterator)? else {
        return Ok(Kind::Unsupported("an object whose entries() is not an iterator".to_owned()));
    };
    let mut out = Vec::new();
    for item in items {
        if out.len() >= MAX_NODES {
            return Ok(Kind::Unsupported(format!("an entries() iterator of more than {MAX_NODES} items")));
        }
        let item = item?;
        let key = Reflect::get_u32(&item, 0)?;
        match key.as_string() {
            Some(key) if Array::is_array(&item) => out.push((key, JsHost(Reflect::get_u32(&item, 1)?))),
            _ => {
                return Ok(Kind::Unsupported(
                    "an entries() iterator whose items are not [string, value] pairs".to_owned(),
                ))
            }
        }
    }
    Ok(Kind::Map(out))
}

/// An [`ArgError`] as the JS `Error` of the one error constructor.
pub(crate) fn arg_err(err: ArgError) -> JsValue {
    to_js_err(err)
}

/// `value` after the bounded walk (`undefined` as the whole argument is [`Value::Null`]).
pub(crate) fn value(value: &JsValue, site: &Site) -> Result<Value, JsValue> {
    boundary::walk(&JsHost(value.clone()), site).map_err(arg_err)
}

/// Decodes `value` into the core type `T` at `site` (JS keys are camelCase: pass `Site::...().camel()`).
pub(crate) fn decode<T: DeserializeOwned>(given: &JsValue, site: &Site) -> Result<T, JsValue> {
    boundary::decode(value(given, site)?, site).map_err(arg_err)
}

/// Decodes an optional argument: `undefined` or `null` is `T::default()` (the core's defaults).
pub(crate) fn decode_or_default<T: DeserializeOwned + Default>(given: &JsValue, site: &Site) -> Result<T, JsValue> {
    boundary::decode_or_default(Some(value(given, site)?), site).map_err(arg_err)
}

/// `value` as JSON, for the core functions that take JSON-shaped data (a booking request, an Odoo reply).
#[allow(dead_code)] // used as the areas move onto the boundary
pub(crate) fn json(given: &JsValue, site: &Site) -> Result<Json, JsValue> {
    value(given, site)?.into_json(site).map_err(arg_err)
}

/// A JS value for core output JSON (plain objects, arrays, strings, numbers, booleans, null).
pub(crate) fn to_js(value: &Json) -> JsValue {
    js_sys::JSON::parse(&value.to_string()).unwrap_or(JsValue::NULL)
}
