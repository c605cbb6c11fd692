//! `fleetgate.smartcar.Client` and `fleetgate.odoo.Client`: wrap `fleetgate::client`. Every request runs with the
//! GIL released; results are dicts in the JSON shape every binding shares.

use std::sync::Arc;

use fleetgate::boundary::Site;
use fleetgate::client::{self as core, ClientError, Vehicle};
use fleetgate::odometer::input::Naming;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde::de::DeserializeOwned;
use serde_json::Value as Json;

use crate::boundary;
use crate::errors::{guard, to_py_err};
use crate::json::to_py;
use crate::odometer::odometer::{policy_of, readings_of};
use crate::retry::retry::Backoff;

const AREA: &str = "client";

type Kwarg<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

/// The Python exception for a client error (a refused booking keeps its `.errors`).
fn client_err(py: Python<'_>, err: &ClientError) -> PyErr {
    match err {
        ClientError::Booking(e) => to_py_err(py, e),
        other => to_py_err(py, other),
    }
}

/// Keyword options decoded as `T` (the core's defaults for those not given). A `backoff` that is a
/// `fleetgate.retry.Backoff` object is taken apart (the data form, a dict of its options, is decoded by the core).
fn options<T: DeserializeOwned>(
    py: Python<'_>,
    given: &[(&'static str, Kwarg<'_, '_>)],
    unknown: Option<&Bound<'_, PyDict>>,
) -> PyResult<(T, Option<fleetgate::retry::Backoff>)> {
    let mut object = None;
    let mut rest = Vec::with_capacity(given.len());
    for (name, value) in given {
        match value.map(|v| v.cast::<Backoff>()) {
            Some(Ok(b)) if *name == "backoff" => object = Some(b.borrow().inner().clone()),
            _ => rest.push((*name, *value)),
        }
    }
    Ok((boundary::decode_kwargs(py, &rest, unknown, &Site::options(AREA))?, object))
}

/// The system clock in unix seconds.
fn clock_s() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// A Smartcar API client: token refresh, odometer reads, and ``sync_vehicle`` (the "Sync Now" button).
/// Thread-safe; the client secret never appears in its ``repr`` or in error messages.
#[pyclass(module = "fleetgate._fleetgate.smartcar", name = "Client", frozen, subclass)]
pub(crate) struct SmartcarClient {
    inner: Arc<core::SmartcarClient>,
    client_id: String,
    auth_base_url: String,
    api_base_url: String,
    timeout: f64,
}

#[pymethods]
impl SmartcarClient {
    /// A client for the application ``client_id`` / ``client_secret``. ``timeout`` is per attempt, in seconds;
    /// ``backoff`` (a ``fleetgate.retry.Backoff``, or a dict of its options) decides the retries (default: full jitter from 0.1 s capped at 30 s, 5 attempts).
    /// Raises ``fleetgate.ClientError`` (``invalid_argument``) for an unusable URL, timeout or empty credential.
    #[new]
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (client_id: "str", client_secret: "str", *, auth_base_url: "str | None" = None, api_base_url: "str | None" = None, timeout: "float | None" = None, backoff: "object" = None, **unknown: "object"))]
    fn new(
        py: Python<'_>,
        client_id: &Bound<'_, PyAny>,
        client_secret: &Bound<'_, PyAny>,
        auth_base_url: Kwarg<'_, '_>,
        api_base_url: Kwarg<'_, '_>,
        timeout: Kwarg<'_, '_>,
        backoff: Kwarg<'_, '_>,
        unknown: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        guard(py, || {
            let client_id: String = boundary::decode(client_id, &Site::argument(AREA, "client_id"))?;
            let client_secret: String = boundary::decode(client_secret, &Site::argument(AREA, "client_secret"))?;
            let given = [
                ("auth_base_url", auth_base_url),
                ("api_base_url", api_base_url),
                ("timeout", timeout),
                ("backoff", backoff),
            ];
            let (settings, backoff): (core::SmartcarClientOptions, _) = options(py, &given, unknown)?;
            let inner = settings.client(&client_id, &client_secret, backoff).map_err(|e| client_err(py, &e))?;
            Ok(SmartcarClient {
                inner: Arc::new(inner),
                client_id,
                auth_base_url: settings.auth_base_url,
                api_base_url: settings.api_base_url,
                timeout: settings.timeout,
            })
        })
    }

    /// Exchanges ``refresh_token`` for new tokens: ``{"access_token", "refresh_token", "expires_at"}``
    /// (``expires_at`` in unix seconds, from ``now`` + ``expires_in``). Store the new refresh token: Smartcar
    /// replaces it on every refresh. A token this client already exchanged gives the same result again, so
    /// concurrent callers refresh once.
    #[pyo3(signature = (refresh_token: "str", *, now: "int | str | None" = None, **unknown: "object") -> "object")]
    fn refresh_token(
        &self,
        py: Python<'_>,
        refresh_token: &Bound<'_, PyAny>,
        now: Kwarg<'_, '_>,
        unknown: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        guard(py, || {
            let refresh_token: String = boundary::decode(refresh_token, &Site::argument(AREA, "refresh_token"))?;
            let (call, _): (core::NowOptions, _) = options(py, &[("now", now)], unknown)?;
            let now = core::now_or(call.now, clock_s);
            let inner = self.inner.clone();
            let tokens = py.detach(move || inner.refresh_token(&refresh_token, now)).map_err(|e| client_err(py, &e))?;
            boundary::result(py, "fleetgate.smartcar", "Tokens", &tokens.to_json())
        })
    }

    /// Reads the odometer of Smartcar vehicle ``vehicle_id``: ``{"value", "unit", "metres", "reading_time"}`` (the
    /// value exactly as returned, ``km`` or ``miles`` per the answer's ``SC-Unit-System``, whole metres, and the
    /// car's reading time from ``SC-Data-Age`` as RFC 3339). ``version`` 3 reads the v3 signal instead.
    #[pyo3(signature = (vehicle_id: "str", access_token: "str", *, unit_system: "str | None" = None, version: "int | None" = None, **unknown: "object") -> "object")]
    fn odometer(
        &self,
        py: Python<'_>,
        vehicle_id: &Bound<'_, PyAny>,
        access_token: &Bound<'_, PyAny>,
        unit_system: Kwarg<'_, '_>,
        version: Kwarg<'_, '_>,
        unknown: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        guard(py, || {
            let vehicle_id: String = boundary::decode(vehicle_id, &Site::argument(AREA, "vehicle_id"))?;
            let access_token: String = boundary::decode(access_token, &Site::argument(AREA, "access_token"))?;
            let (read, _): (core::OdometerOptions, _) =
                options(py, &[("unit_system", unit_system), ("version", version)], unknown)?;
            let (unit_system, version) = (read.unit_system.0, read.version.0);
            let inner = self.inner.clone();
            let read = py
                .detach(move || inner.odometer(&vehicle_id, &access_token, unit_system, version))
                .map_err(|e| client_err(py, &e))?;
            boundary::result(py, "fleetgate.smartcar", "OdometerRead", &read.to_json())
        })
    }

    /// "Sync Now" for ``vehicle`` (a dict with exactly ``id``, ``smartcar_vehicle_id``, ``car_id``,
    /// ``access_token``, ``refresh_token``, ``expires_at``): refreshes the tokens if they expire within 5 minutes
    /// of ``now``, reads the odometer, judges the reading against ``history`` (``odometer.Reading`` objects or
    /// dicts) like ``odometer.check`` and builds the meter entry. Returns ``{"verdict", "meter_entry", "tokens",
    /// "sync_log"}``; the reading has source ``smartcar`` and the car's reading time, so a webhook delivery of the
    /// same reading is a duplicate of it (and it of the webhook's).
    #[pyo3(signature = (vehicle: "dict[str, object]", history: "list[object]", *, policy: "object" = None, now: "int | str | None" = None, source_type: "str | None" = None, unit_system: "str | None" = None, version: "int | None" = None, **unknown: "object") -> "object")]
    #[allow(clippy::too_many_arguments)]
    fn sync_vehicle(
        &self,
        py: Python<'_>,
        vehicle: &Bound<'_, PyAny>,
        history: &Bound<'_, PyAny>,
        policy: Option<&Bound<'_, PyAny>>,
        now: Kwarg<'_, '_>,
        source_type: Kwarg<'_, '_>,
        unit_system: Kwarg<'_, '_>,
        version: Kwarg<'_, '_>,
        unknown: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        guard(py, || {
            let given =
                [("now", now), ("source_type", source_type), ("unit_system", unit_system), ("version", version)];
            let (call, _): (core::SyncCallOptions, _) = self::options(py, &given, unknown)?;
            let now = core::now_or(call.now, clock_s);
            let policy = policy_of(py, policy)?;
            let history = readings_of(history)?;
            let vehicle = boundary::json(vehicle, &Site::argument(AREA, "vehicle"))?;
            let vehicle = Vehicle::from_json(&vehicle, Naming::Snake).map_err(|e| client_err(py, &e))?;
            let options = call.sync(policy);
            let inner = self.inner.clone();
            let outcome = py
                .detach(move || inner.sync_vehicle(&vehicle, &history, &options, now))
                .map_err(|e| client_err(py, &e))?;
            boundary::result(py, "fleetgate.smartcar", "SyncOutcome", &outcome.to_json())
        })
    }

    fn __repr__(&self) -> String {
        format!(
            "Client(client_id={:?}, auth_base_url={:?}, api_base_url={:?}, timeout={})",
            self.client_id, self.auth_base_url, self.api_base_url, self.timeout
        )
    }
}

/// A client of the Odoo rental module's REST API: vehicles (image URLs made absolute), availability, bookings
/// (validated with ``fleetgate.booking`` rules before they are sent). Thread-safe.
#[pyclass(module = "fleetgate._fleetgate.odoo", name = "Client", frozen)]
pub(crate) struct OdooClient {
    inner: Arc<core::OdooClient>,
    base_url: String,
    timeout: f64,
}

impl OdooClient {
    /// Runs `call` on the client with the GIL released and converts its JSON answer.
    fn run(
        &self,
        py: Python<'_>,
        call: impl FnOnce(&core::OdooClient) -> Result<Json, ClientError> + Send,
    ) -> PyResult<Py<PyAny>> {
        let inner = self.inner.clone();
        let answer = py.detach(move || call(&inner)).map_err(|e| client_err(py, &e))?;
        to_py(py, &answer)
    }

    /// Runs a rental-route `call` with the GIL released and builds its result class of `fleetgate.odoo`.
    fn run_result(
        &self,
        py: Python<'_>,
        class_name: &str,
        call: impl FnOnce(&core::OdooClient) -> Result<Json, ClientError> + Send,
    ) -> PyResult<Py<PyAny>> {
        let inner = self.inner.clone();
        let answer = py.detach(move || call(&inner)).map_err(|e| client_err(py, &e))?;
        boundary::result(py, "fleetgate.odoo", class_name, &answer)
    }
}

#[pymethods]
impl OdooClient {
    /// A client for the Odoo at ``base_url``; ``booking_rules`` (a dict as for ``fleetgate.booking.validate``)
    /// checks booking requests before they are sent. ``timeout`` is per attempt, in seconds; ``backoff`` decides
    /// the retries (GET always, POST only with an idempotency key).
    #[new]
    #[pyo3(signature = (base_url: "str", *, timeout: "float | None" = None, backoff: "object" = None, booking_rules: "dict[str, object] | None" = None, **unknown: "object"))]
    fn new(
        py: Python<'_>,
        base_url: &Bound<'_, PyAny>,
        timeout: Kwarg<'_, '_>,
        backoff: Kwarg<'_, '_>,
        booking_rules: Kwarg<'_, '_>,
        unknown: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        guard(py, || {
            let base_url: String = boundary::decode(base_url, &Site::argument(AREA, "base_url"))?;
            let given = [("timeout", timeout), ("backoff", backoff), ("booking_rules", booking_rules)];
            let (settings, backoff): (core::OdooClientOptions, _) = options(py, &given, unknown)?;
            let inner = settings.client(&base_url, backoff).map_err(|e| client_err(py, &e))?;
            Ok(OdooClient { inner: Arc::new(inner), base_url, timeout: settings.timeout })
        })
    }

    /// ``GET /api/fleet/vehicles``: the vehicle list as Odoo returns it, image paths made absolute.
    #[pyo3(signature = () -> "list[dict[str, object]] | dict[str, object]")]
    fn vehicles(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(py, || self.run(py, |c| c.vehicles()))
    }

    /// ``GET /api/fleet/vehicles/{id}``: one vehicle, image paths made absolute.
    #[pyo3(signature = (id: "int | str") -> "dict[str, object]")]
    fn vehicle(&self, py: Python<'_>, id: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        guard(py, || {
            let id: core::Id = boundary::decode(id, &Site::argument(AREA, "id"))?;
            self.run(py, move |c| c.vehicle(&id.0))
        })
    }

    /// ``GET /api/fleet/vehicles/{vehicle_id}/availability?start=&end=``: Odoo's answer. ``start`` and ``end`` are
    /// RFC 3339 instants or ``YYYY-MM-DD`` dates (``datetime``/``date`` objects are sent as their ISO form).
    #[pyo3(signature = (vehicle_id: "int | str", start: "object", end: "object") -> "object")]
    fn availability(
        &self,
        py: Python<'_>,
        vehicle_id: &Bound<'_, PyAny>,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        guard(py, || {
            let id: core::Id = boundary::decode(vehicle_id, &Site::argument(AREA, "vehicle_id"))?;
            let start: String = boundary::decode(start, &Site::argument(AREA, "start"))?;
            let end: String = boundary::decode(end, &Site::argument(AREA, "end"))?;
            self.run(py, move |c| c.availability(&id.0, &start, &end))
        })
    }

    /// ``POST /api/fleet/bookings`` with ``request`` as ``fleetgate.booking.validate`` cleans it at ``now``; an
    /// invalid request raises ``fleetgate.BookingValidationError`` and nothing is sent. With ``idempotency_key``
    /// (sent as ``Idempotency-Key``) failures are retried; without one the POST is never repeated.
    #[pyo3(signature = (request: "dict[str, object]", *, idempotency_key: "str | None" = None, now: "int | str | None" = None, **unknown: "object") -> "object")]
    fn create_booking(
        &self,
        py: Python<'_>,
        request: &Bound<'_, PyAny>,
        idempotency_key: Kwarg<'_, '_>,
        now: Kwarg<'_, '_>,
        unknown: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        guard(py, || {
            let (call, _): (core::CallOptions, _) =
                options(py, &[("idempotency_key", idempotency_key), ("now", now)], unknown)?;
            let now = core::now_or(call.now, clock_s);
            let request = boundary::json(request, &Site::argument(AREA, "request"))?;
            self.run(py, move |c| c.create_booking(&request, call.idempotency_key.as_deref(), now))
        })
    }

    /// ``POST /rental/product/constraints`` (stock Odoo 17/18, ``website_sale_renting``, JSON-RPC): a
    /// ``fleetgate.odoo.RentalConstraints`` whose ``booking_rules`` ``fleetgate.booking.validate`` takes. A JSON-RPC
    /// error raises ``fleetgate.OdooError`` (``odoo_rpc_error``), a reply of another shape ``invalid_odoo_payload``;
    /// transport failures raise ``fleetgate.ClientError``.
    #[pyo3(signature = () -> "object")]
    fn rental_constraints(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(py, || {
            self.run_result(py, "RentalConstraints", |c| {
                c.rental_constraints().map(|r| serde_json::to_value(r.view()).unwrap_or_default())
            })
        })
    }

    /// ``POST /rental/product/availabilities`` (stock Odoo 17/18, ``website_sale_stock_renting``, JSON-RPC) for
    /// ``product_id`` (a ``product.product`` id) from ``start`` to ``end`` (unix seconds or RFC 3339 instants, aware
    /// ``datetime`` objects too; sent as Odoo's naive UTC datetimes): a ``fleetgate.odoo.RentalAvailabilities``.
    #[pyo3(signature = (product_id: "int", start: "object", end: "object") -> "object")]
    fn rental_availabilities(
        &self,
        py: Python<'_>,
        product_id: &Bound<'_, PyAny>,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        guard(py, || {
            let product_id: i64 = boundary::decode(product_id, &Site::argument(AREA, "product_id"))?;
            let start: core::Instant = boundary::decode(start, &Site::argument(AREA, "start"))?;
            let end: core::Instant = boundary::decode(end, &Site::argument(AREA, "end"))?;
            self.run_result(py, "RentalAvailabilities", move |c| {
                c.rental_availabilities(product_id, start.0, end.0).map(|r| serde_json::to_value(r).unwrap_or_default())
            })
        })
    }

    fn __repr__(&self) -> String {
        format!("Client(base_url={:?}, timeout={})", self.base_url, self.timeout)
    }
}
