//! `fleetgate.odoo.rental_constraints` / `rental_availabilities`: wrap `fleetgate::odoo::rental` (stock Odoo's
//! website rental routes). The reply is read by the core; results are its typed shapes.

use fleetgate::boundary::Site;
use fleetgate::odoo::rental as core;
use pyo3::prelude::*;

use crate::boundary;
use crate::errors::{guard, to_py_err};

/// Where a reply is decoded: problems are `invalid_odoo_payload`.
const REPLY: Site = Site::coded("odoo", "invalid_odoo_payload", "reply");

/// Reads a ``/rental/product/constraints`` JSON-RPC reply (the parsed ``dict``, or its ``bytes`` / ``str``) into a
/// ``fleetgate.odoo.RentalConstraints``: ``forbidden_weekdays`` (``"mon"`` ... ``"sun"``), ``minimal_time``
/// (``duration``, ``unit``), ``time_zone`` and ``booking_rules`` (a dict for ``fleetgate.booking.validate``).
/// Raises ``fleetgate.OdooError`` (``odoo_rpc_error`` for a JSON-RPC error, ``invalid_odoo_payload`` with every
/// problem in ``details["errors"]``).
#[pyfunction]
#[pyo3(signature = (reply: "dict[str, object] | bytes | str") -> "object")]
pub(crate) fn rental_constraints(py: Python<'_>, reply: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    guard(py, || {
        let reply = core::reply_json(boundary::value(reply, &REPLY)?).map_err(|e| to_py_err(py, &e))?;
        let view = core::constraints(&reply, None).map_err(|e| to_py_err(py, &e))?.view();
        boundary::result(py, "fleetgate.odoo", "RentalConstraints", &serde_json::to_value(&view).unwrap_or_default())
    })
}

/// Reads a ``/rental/product/availabilities`` JSON-RPC reply (the parsed ``dict``, or its ``bytes`` / ``str``)
/// into a ``fleetgate.odoo.RentalAvailabilities``: ``preparation_time`` (hours), ``padding_seconds``,
/// ``padding_hours`` (rounded up), ``stock_limited`` and ``segments`` (``RentalSegment(start, end,
/// quantity_available)``, UTC, sorted). Raises ``fleetgate.OdooError`` (``odoo_rpc_error``,
/// ``invalid_odoo_payload``).
#[pyfunction]
#[pyo3(signature = (reply: "dict[str, object] | bytes | str") -> "object")]
pub(crate) fn rental_availabilities(py: Python<'_>, reply: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    guard(py, || {
        let reply = core::reply_json(boundary::value(reply, &REPLY)?).map_err(|e| to_py_err(py, &e))?;
        let got = core::availabilities(&reply, None).map_err(|e| to_py_err(py, &e))?;
        boundary::result(py, "fleetgate.odoo", "RentalAvailabilities", &serde_json::to_value(&got).unwrap_or_default())
    })
}
