//! `fleetgate.booking`: wraps `fleetgate::booking` (validation and sanitisation of booking requests).

use pyo3::prelude::*;

/// Booking requests: every problem collected as {loc, code, message}; the cleaned request with its instants.
#[pymodule]
pub(crate) mod booking {
    use fleetgate::booking::{self as core, site};
    use pyo3::prelude::*;
    use pyo3::types::PyDict;

    use crate::boundary;
    use crate::errors::{guard, to_py_err};

    /// The system clock as unix seconds: `now` when none is given (the outermost API reads the clock).
    fn system_clock() -> i64 {
        let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
        since.map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
    }

    /// Validates and cleans a booking ``request``; see :func:`fleetgate.booking.validate`. Returns a
    /// ``fleetgate.booking.CleanBooking``.
    #[pyfunction]
    #[pyo3(signature = (request: "object", *, rules: "object" = None, now: "object" = None, **unknown: "object") -> "object")]
    fn validate(
        py: Python<'_>,
        request: &Bound<'_, PyAny>,
        rules: Option<&Bound<'_, PyAny>>,
        now: Option<&Bound<'_, PyAny>>,
        unknown: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        guard(py, || {
            let request = boundary::json(request, &site::REQUEST)?;
            let options = boundary::kwargs_value(py, &[("rules", rules), ("now", now)], unknown, &site::OPTIONS)?;
            let options = core::decode_options(options, &site::OPTIONS).map_err(|e| boundary::arg_err(py, e))?;
            let now = options.now_or(system_clock);
            let clean = core::validate(&request, &options.rules, now).map_err(|e| to_py_err(py, &e))?;
            boundary::result(py, "fleetgate.booking", "CleanBooking", &serde_json::to_value(clean).expect("serializes"))
        })
    }
}
