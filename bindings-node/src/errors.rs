//! Core errors and panics as JavaScript `Error`s whose `code` is fleetgate's stable code.

use std::panic::{catch_unwind, AssertUnwindSafe};

use fleetgate::error::{internal_error_message, ErrorCode, INTERNAL_ERROR};
use napi::{Env, JsError};
use napi_derive::napi;

/// Builds a JS `Error` with `message` and `code`, wrapped so napi throws that very object.
fn js_error(env: &Env, code: &'static str, message: String) -> napi::Error {
    napi::Error::from(JsError::from(napi::Error::new(code, message)).into_unknown(*env))
}

/// Converts a core error into a JS `Error` with `.code` set to the stable code.
pub(crate) fn to_js_err<E: ErrorCode>(env: &Env) -> impl Fn(E) -> napi::Error + '_ {
    move |err| js_error(env, err.code(), err.to_string())
}

/// The `Error` with code `internal_error` for a caught panic's message (see `internal_error_message`); the
/// Promise-returning clients use it for a panic on the worker thread.
pub(crate) fn internal_error(env: &Env, message: String) -> napi::Error {
    js_error(env, INTERNAL_ERROR, message)
}

/// Runs a binding body, turning a Rust panic into an `Error` with code `internal_error`.
pub(crate) fn guard<T>(env: &Env, body: impl FnOnce() -> napi::Result<T>) -> napi::Result<T> {
    catch_unwind(AssertUnwindSafe(body))
        .unwrap_or_else(|payload| Err(js_error(env, INTERNAL_ERROR, internal_error_message(&*payload))))
}

/// Panics inside Rust on purpose so the test suite can check a panic surfaces as code `internal_error`.
/// Not part of the public API.
#[napi(js_name = "_panicForTests")]
pub fn panic_for_tests(env: &Env) -> napi::Result<()> {
    guard(env, || panic!("deliberate panic for the test suite"))
}
