//! Turns core errors and panics into the exception classes of `fleetgate.errors` (defined in Python).

use std::panic::{catch_unwind, AssertUnwindSafe};

use fleetgate::error::{internal_error_message, ErrorCode, INTERNAL_ERROR};
use pyo3::prelude::*;

/// Builds the `fleetgate.errors` exception for an error of `area` with `code`.
fn fleetgate_error(py: Python<'_>, area: &str, code: &str, message: &str) -> PyErr {
    let built = py
        .import("fleetgate.errors")
        .and_then(|m| m.getattr("_from_native"))
        .and_then(|make| make.call1((area, code, message)));
    match built {
        Ok(exception) => PyErr::from_value(exception),
        Err(import_failed) => import_failed,
    }
}

/// Converts a core error into its Python exception (`fleetgate.UnitsError`, ...), keeping the stable code.
pub(crate) fn to_py_err<E: ErrorCode>(py: Python<'_>, err: &E) -> PyErr {
    fleetgate_error(py, err.area(), err.code(), &err.to_string())
}

/// Runs a binding body, turning a Rust panic into `fleetgate.InternalError` (code `internal_error`) instead of
/// letting it reach Python as a `PanicException`.
pub(crate) fn guard<T>(py: Python<'_>, body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(result) => result,
        Err(payload) => Err(fleetgate_error(py, "internal", INTERNAL_ERROR, &internal_error_message(&*payload))),
    }
}

/// Panics inside Rust on purpose, so the test suite can check that a panic surfaces as
/// `fleetgate.InternalError` with code `internal_error`. Not part of the public API.
#[pyfunction]
pub(crate) fn _panic_for_tests(py: Python<'_>) -> PyResult<()> {
    guard(py, || panic!("deliberate panic for the test suite"))
}
