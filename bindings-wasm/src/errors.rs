//! Core errors as JavaScript `Error`s whose `code` is fleetgate's stable code.
//!
//! Panics: on wasm32 a Rust panic aborts (a `WebAssembly.RuntimeError`); the package's JS entry points
//! (`index.js`, `web.js`) rethrow it as an `Error` with code `internal_error`.

use fleetgate::error::ErrorCode;
use wasm_bindgen::prelude::*;

/// Converts a core error into the JS `Error` of every fleetgate failure: `name` `FleetgateError`, `message`,
/// `code` (the stable code), `details` (the error's typed fields, `{}` when none) and, for collected validation
/// problems, `errors` (the same list as `details.errors`). The one place a JS error is made.
pub(crate) fn to_js_err<E: ErrorCode>(err: E) -> JsValue {
    let error = js_sys::Error::new(&err.to_string());
    error.set_name("FleetgateError");
    let details = serde_json::Value::Object(err.details());
    // Setting properties on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str(err.code()));
    if let Some(errors) = details.get("errors") {
        let _ = js_sys::Reflect::set(&error, &JsValue::from_str("errors"), &crate::boundary::to_js(errors));
    }
    let _ = js_sys::Reflect::set(&error, &JsValue::from_str("details"), &crate::boundary::to_js(&details));
    error.into()
}

/// Panics on purpose so the test suite can check that a panic surfaces as code `internal_error`.
/// Not part of the public API.
#[wasm_bindgen(js_name = "_panicForTests")]
pub fn panic_for_tests() {
    panic!("deliberate panic for the test suite");
}
