//! `fleetgate.odoo`: wraps `fleetgate::odoo` (Odoo webhook events, image URLs).

use pyo3::prelude::*;

/// Odoo webhooks parsed into one event that names the caches it invalidates; vehicle image URLs.
#[pymodule]
pub(crate) mod odoo {
    use fleetgate::odoo as core;
    use pyo3::prelude::*;

    use crate::errors::{guard, to_py_err};

    /// Parses a webhook body (the raw ``bytes``) into a dict: ``type`` (``booking.created``, ...,
    /// ``vehicle.updated``, ... or ``odoo.native``), the ids, ``fields`` (the rest of the body, unchanged) and
    /// ``invalidates`` (``{"cache": "vehicle_list" | "vehicle" | "availability", "vehicle_id"?: int}``).
    /// Raises ``fleetgate.OdooError`` (``invalid_odoo_payload`` with ``.errors``, every problem as
    /// ``{"loc", "code", "message"}``; ``unknown_odoo_event``).
    #[pyfunction]
    #[pyo3(signature = (body: "bytes") -> "dict[str, object]")]
    fn parse_event<'py>(py: Python<'py>, body: &[u8]) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let event = core::parse_event(body).map_err(|e| to_py_err(py, &e))?;
            py.import("json")?.call_method1("loads", (event.to_json().to_string(),))
        })
    }

    /// The absolute URL of an image path from an Odoo record (one ``/`` between base and path; absolute URLs
    /// returned untouched). Raises ``fleetgate.OdooError`` (``invalid_base_url``, ``invalid_image_path``).
    #[pyfunction]
    #[pyo3(signature = (base: "str", path: "str") -> "str")]
    fn image_url(py: Python<'_>, base: &str, path: &str) -> PyResult<String> {
        guard(py, || core::image_url(base, path).map_err(|e| to_py_err(py, &e)))
    }

    #[pymodule_export]
    use crate::client::OdooClient;
}
