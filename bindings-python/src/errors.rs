//! Turns core errors and panics into the exception classes of `fleetgate.errors` (defined in Python).

use std::panic::{catch_unwind, AssertUnwindSafe};

use fleetgate::error::{internal_error_message, ErrorCode, INTERNAL_ERROR};
use pyo3::prelude::*;
use serde_json::Value as Json;

/// Builds the `fleetgate.errors` exception for an error of `area` with `code` and `details` (its typed fields).
fn fleetgate_error(py: Python<'_>, area: &str, code: &str, message: &str, details: &Json) -> PyErr {
    let built = crate::json::to_py(py, details).and_then(|details| {
        py.import("fleetgate.errors")?.getattr("_from_native")?.call1((area, code, message, details))
    });
    match built {
        Ok(exception) => PyErr::from_value(exception),
        Err(import_failed) => import_failed,
    }
}

/// Converts a core error into its Python exception (`fleetgate.UnitsError`, ...), with its stable `.code` and its
/// typed fields as `.details`. The one place a Python exception is made from a fleetgate error.
pub(crate) fn to_py_err<E: ErrorCode>(py: Python<'_>, err: &E) -> PyErr {
    fleetgate_error(py, err.area(), err.code(), &err.to_string(), &Json::Object(err.details()))
}

/// Runs a binding body, turning a Rust panic into `fleetgate.InternalError` (code `internal_error`) instead of
/// letting it reach Python as a `PanicException`.
pub(crate) fn guard<T>(py: Python<'_>, body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(result) => result,
        Err(payload) => Err(fleetgate_error(
            py,
            "internal",
            INTERNAL_ERROR,
            &internal_error_message(&*payload),
            &Json::Object(Default::default()),
        )),
    }
}

/// Panics inside Rust on purpose, so the test suite can check that a panic surfaces as
/// `fleetgate.InternalError` with code `internal_error`. Not part of the public API.
#[pyfunction]
pub(crate) fn _panic_for_tests(py: Python<'_>) -> PyResult<()> {
    guard(py, || panic!("deliberate panic for the test suite"))
}
