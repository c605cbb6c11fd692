//! `fleetgate.odoo`: wraps `fleetgate::odoo` (Odoo webhook events, image URLs).

use pyo3::prelude::*;

/// Odoo webhooks parsed into one event that names the caches it invalidates; vehicle image URLs.
#[pymodule]
pub(crate) mod odoo {
    use fleetgate::boundary::Site;
    use fleetgate::odoo as core;
    use pyo3::prelude::*;
    use pyo3::types::PyDict;

    use crate::boundary;
    use crate::errors::{guard, to_py_err};

    /// Parses a webhook body (the raw ``bytes``) into an event: a ``fleetgate.odoo.BookingEvent``,
    /// ``VehicleEvent``, ``NativeEvent``, ``SaleOrderEvent``, ``SaleOrderLineEvent``, ``ProductEvent`` or
    /// ``StockLotEvent`` (``type``, the ids and parsed fields, ``fields``: the rest of the body, unchanged, and
    /// ``invalidates``: the caches to drop). ``model_map`` reads a site's own models as fleetgate's
    /// (``{"atlas.equipment": "fleet.vehicle"}``). Raises ``fleetgate.OdooError`` (``invalid_odoo_payload`` with
    /// ``.errors``, every problem as ``{"loc", "code", "message"}``; ``unknown_odoo_event``; ``invalid_option``
    /// for a bad ``model_map``).
    #[pyfunction]
    #[pyo3(signature = (body: "bytes", *, model_map: "dict[str, str] | None" = None, **unknown: "object") -> "object")]
    fn parse_event(
        py: Python<'_>,
        body: &Bound<'_, PyAny>,
        model_map: Option<&Bound<'_, PyAny>>,
        unknown: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        guard(py, || {
            let body = boundary::value(body, &Site::coded("odoo", "invalid_odoo_payload", "body"))?;
            let options: core::ParseOptions =
                boundary::decode_kwargs(py, &[("model_map", model_map)], unknown, &core::OPTIONS_SITE)?;
            let view = core::parse_event_value(body, &options).map_err(|e| to_py_err(py, &e))?.view();
            let json = serde_json::to_value(&view).unwrap_or_default();
            boundary::result(py, "fleetgate.odoo", view.class_name(), &json)
        })
    }

    /// The absolute URL of an image path from an Odoo record (one ``/`` between base and path; absolute URLs
    /// returned untouched). Raises ``fleetgate.OdooError`` (``invalid_base_url``, ``invalid_image_path``,
    /// ``invalid_argument``).
    #[pyfunction]
    #[pyo3(signature = (base: "str", path: "str") -> "str")]
    fn image_url(py: Python<'_>, base: &Bound<'_, PyAny>, path: &Bound<'_, PyAny>) -> PyResult<String> {
        guard(py, || {
            let base: String = boundary::decode(base, &Site::argument("odoo", "base"))?;
            let path: String = boundary::decode(path, &Site::argument("odoo", "path"))?;
            core::image_url(&base, &path).map_err(|e| to_py_err(py, &e))
        })
    }

    #[pymodule_export]
    use crate::client::OdooClient;

    #[pymodule_export]
    use crate::odoo_rental::{rental_availabilities, rental_constraints};
}
