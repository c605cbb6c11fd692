//! `fleetgate.booking`: wraps `fleetgate::booking` (validation and sanitisation of booking requests).

use pyo3::prelude::*;

/// Booking requests: every problem collected as {loc, code, message}; the cleaned request with its instants.
#[pymodule]
pub(crate) mod booking {
    use fleetgate::booking as core;
    use pyo3::prelude::*;

    use crate::errors::{guard, to_py_err};
    use crate::json::{now_json, opt_json, to_json, to_py};

    /// Validates and cleans a booking ``request`` (a dict with vehicle_id, customer_name, customer_email,
    /// customer_phone, date_from, date_to and optional notes).
    ///
    /// ``rules`` is a dict of booking rules (time_zone, min_rental_hours, max_rental_days, forbidden_weekdays,
    /// past_tolerance_minutes, date_only, pickup_time, return_time, default_region, max_lengths) or None for the
    /// defaults; ``now`` an RFC 3339 string or unix seconds (default: the system clock). Returns the cleaned
    /// request with ``start`` and ``end`` (RFC 3339 UTC). Raises ``fleetgate.BookingValidationError`` (code
    /// ``validation_failed``, ``.errors`` a list of {loc, code, message}) or ``fleetgate.BookingError``
    /// (``invalid_booking_rules``, ``invalid_now``).
    #[pyfunction]
    #[pyo3(signature = (request: "dict[str, object]", *, rules: "dict[str, object] | None" = None, now: "str | int | None" = None) -> "dict[str, object]")]
    fn validate(
        py: Python<'_>,
        request: &Bound<'_, PyAny>,
        rules: Option<&Bound<'_, PyAny>>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        guard(py, || {
            let now = match now {
                Some(n) if !n.is_none() => to_json(n)?,
                _ => now_json(),
            };
            match core::validate_json(&to_json(request)?, &opt_json(rules)?, &now) {
                Ok(cleaned) => to_py(py, &cleaned),
                Err(err) => Err(to_py_err(py, &err)),
            }
        })
    }
}
