//! Core errors and panics as JavaScript `Error`s whose `code` is fleetgate's stable code.

use std::panic::{catch_unwind, AssertUnwindSafe};

use fleetgate::error::{internal_error_message, ErrorCode, INTERNAL_ERROR};
use napi::bindgen_prelude::JsObjectValue;
use napi::{Env, JsError, JsValue};
use napi_derive::napi;
use serde_json::{Map, Value as Json};

/// Builds the JS `Error` of every fleetgate failure: `name` `FleetgateError`, `message`, `code` (the stable code),
/// `details` (the error's typed fields, `{}` when none) and, for collected validation problems, `errors` (the same
/// list as `details.errors`). The one place a JS error is made.
fn js_error(env: &Env, code: &'static str, message: String, details: Map<String, Json>) -> napi::Error {
    let build = || -> napi::Result<napi::Error> {
        let mut error = JsError::from(napi::Error::new(code, message.clone())).into_unknown(*env).coerce_to_object()?;
        error.set_named_property("name", "FleetgateError")?;
        if let Some(errors) = details.get("errors") {
            error.set_named_property("errors", env.to_js_value(errors)?)?;
        }
        error.set_named_property("details", env.to_js_value(&details)?)?;
        Ok(napi::Error::from(error.to_unknown()))
    };
    build().unwrap_or_else(|failed| failed)
}

/// Converts a core error into a JS `Error` (see `js_error`).
pub(crate) fn to_js_err<E: ErrorCode>(env: &Env) -> impl Fn(E) -> napi::Error + '_ {
    move |err| js_error(env, err.code(), err.to_string(), err.details())
}

/// The `Error` with code `internal_error` for a caught panic's message (see `internal_error_message`); the
/// Promise-returning clients use it for a panic on the worker thread.
pub(crate) fn internal_error(env: &Env, message: String) -> napi::Error {
    js_error(env, INTERNAL_ERROR, message, Map::new())
}

/// Runs a binding body, turning a Rust panic into an `Error` with code `internal_error`.
pub(crate) fn guard<T>(env: &Env, body: impl FnOnce() -> napi::Result<T>) -> napi::Result<T> {
    catch_unwind(AssertUnwindSafe(body))
        .unwrap_or_else(|payload| Err(js_error(env, INTERNAL_ERROR, internal_error_message(&*payload), Map::new())))
}

/// Panics inside Rust on purpose so the test suite can check a panic surfaces as code `internal_error`.
/// Not part of the public API.
#[napi(js_name = "_panicForTests")]
pub fn panic_for_tests(env: &Env) -> napi::Result<()> {
    guard(env, || panic!("deliberate panic for the test suite"))
}
