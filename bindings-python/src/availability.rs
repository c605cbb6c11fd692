//! `fleetgate.availability`: wraps `fleetgate::availability` (stock over half-open, padded booking intervals).

use pyo3::prelude::*;

/// Availability: bookings are {start, end, quantity=1, padding_hours=0, unit=None} blocking [start - padding, end).
#[pymodule]
pub(crate) mod availability {
    use fleetgate::availability as core;
    use pyo3::prelude::*;
    use serde_json::Value as Json;

    use crate::errors::{guard, to_py_err};
    use crate::json::{to_json, to_py};

    type Args<'a, 'py> = [&'a Bound<'py, PyAny>];

    /// Runs a core JSON function on the converted arguments and converts its result back.
    fn call(
        py: Python<'_>,
        args: &Args<'_, '_>,
        f: impl FnOnce(&[Json]) -> Result<Json, core::AvailabilityError>,
    ) -> PyResult<Py<PyAny>> {
        guard(py, || {
            let json = args.iter().map(|a| to_json(a)).collect::<PyResult<Vec<_>>>()?;
            f(&json).map_err(|e| to_py_err(py, &e)).and_then(|out| to_py(py, &out))
        })
    }

    /// The most units in use at any instant of ``[start, end)`` (instants: RFC 3339 strings, aware datetimes
    /// or unix seconds). Raises ``fleetgate.AvailabilityError`` (``invalid_booking``, ``invalid_window``).
    #[pyfunction]
    #[pyo3(signature = (bookings: "list[dict[str, object]]", start: "str | int", end: "str | int") -> "int")]
    fn unavailable(
        py: Python<'_>,
        bookings: &Bound<'_, PyAny>,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        call(py, &[bookings, start, end], |a| core::unavailable_json(&a[0], &a[1], &a[2]))
    }

    /// Units of ``stock`` free throughout ``[start, end)``: stock - unavailable, never below 0.
    #[pyfunction]
    #[pyo3(signature = (stock: "int", bookings: "list[dict[str, object]]", start: "str | int", end: "str | int") -> "int")]
    fn available(
        py: Python<'_>,
        stock: &Bound<'_, PyAny>,
        bookings: &Bound<'_, PyAny>,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        call(py, &[stock, bookings, start, end], |a| core::available_json(&a[0], &a[1], &a[2], &a[3]))
    }

    /// Segments ``[{start, end, available}]`` tiling ``[start, end)`` (RFC 3339 UTC), equal neighbours merged.
    #[pyfunction]
    #[pyo3(signature = (stock: "int", bookings: "list[dict[str, object]]", start: "str | int", end: "str | int") -> "list[dict[str, object]]")]
    fn timeline(
        py: Python<'_>,
        stock: &Bound<'_, PyAny>,
        bookings: &Bound<'_, PyAny>,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        call(py, &[stock, bookings, start, end], |a| core::timeline_json(&a[0], &a[1], &a[2], &a[3]))
    }

    /// The serial ``units`` (in the given order) that no booking holding them overlaps in ``[start, end)``.
    #[pyfunction]
    #[pyo3(signature = (units: "list[str]", bookings: "list[dict[str, object]]", start: "str | int", end: "str | int") -> "list[str]")]
    fn free_units(
        py: Python<'_>,
        units: &Bound<'_, PyAny>,
        bookings: &Bound<'_, PyAny>,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        call(py, &[units, bookings, start, end], |a| core::free_units_json(&a[0], &a[1], &a[2], &a[3]))
    }
}
