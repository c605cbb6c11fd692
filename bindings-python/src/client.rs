//! `fleetgate.smartcar.Client` and `fleetgate.odoo.Client`: wrap `fleetgate::client`. Every request runs with the
//! GIL released; results are dicts in the JSON shape every binding shares.

use std::sync::Arc;

use fleetgate::booking::BookingRules;
use fleetgate::client::{
    self as core, id_arg, seconds_arg, ClientError, HttpConfig, SyncOptions, UnitSystem, Vehicle, Version,
};
use fleetgate::odometer::input::Naming;
use pyo3::prelude::*;
use serde_json::Value as Json;

use crate::errors::{guard, to_py_err};
use crate::json::{now_json, to_json, to_py};
use crate::odometer::odometer::{policy_of, readings_of};
use crate::retry::retry::Backoff;

/// The Python exception for a client error (a refused booking keeps its `.errors`).
fn client_err(py: Python<'_>, err: &ClientError) -> PyErr {
    match err {
        ClientError::Booking(e) => to_py_err(py, e),
        other => to_py_err(py, other),
    }
}

/// The timeout and retry policy from the constructor's arguments.
fn http_config(timeout: f64, backoff: Option<PyRef<'_, Backoff>>) -> Result<HttpConfig, ClientError> {
    HttpConfig::new(timeout, backoff.map(|b| b.inner().clone()))
}

/// `now` as unix seconds: the system clock when absent.
fn now_of(now: Option<&Bound<'_, PyAny>>) -> PyResult<Result<i64, ClientError>> {
    let value = match now.filter(|n| !n.is_none()) {
        Some(n) => to_json(n)?,
        None => now_json(),
    };
    Ok(seconds_arg("now", &value))
}

/// A Smartcar API client: token refresh, odometer reads, and ``sync_vehicle`` (the "Sync Now" button).
/// Thread-safe; the client secret never appears in its ``repr`` or in error messages.
#[pyclass(module = "fleetgate._fleetgate.smartcar", name = "Client", frozen)]
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
    /// ``backoff`` (a ``fleetgate.retry.Backoff``) decides the retries (default: full jitter, 3 attempts).
    /// Raises ``fleetgate.ClientError`` (``invalid_argument``) for an unusable URL, timeout or empty credential.
    #[new]
    #[pyo3(signature = (client_id: "str", client_secret: "str", *, auth_base_url: "str" = "https://auth.smartcar.com", api_base_url: "str" = "https://api.smartcar.com", timeout: "float" = 10.0, backoff = None))]
    fn new(
        py: Python<'_>,
        client_id: String,
        client_secret: String,
        auth_base_url: &str,
        api_base_url: &str,
        timeout: f64,
        backoff: Option<PyRef<'_, Backoff>>,
    ) -> PyResult<Self> {
        guard(py, || {
            let make = || {
                let config = http_config(timeout, backoff)?;
                core::SmartcarClient::new(&client_id, &client_secret, auth_base_url, api_base_url, config)
            };
            let inner = make().map_err(|e| client_err(py, &e))?;
            Ok(SmartcarClient {
                inner: Arc::new(inner),
                client_id,
                auth_base_url: auth_base_url.to_owned(),
                api_base_url: api_base_url.to_owned(),
                timeout,
            })
        })
    }

    /// Exchanges ``refresh_token`` for new tokens: ``{"access_token", "refresh_token", "expires_at"}``
    /// (``expires_at`` in unix seconds, from ``now`` + ``expires_in``). Store the new refresh token: Smartcar
    /// replaces it on every refresh. A token this client already exchanged gives the same result again, so
    /// concurrent callers refresh once.
    #[pyo3(signature = (refresh_token: "str", *, now: "int | str | None" = None) -> "dict[str, object]")]
    fn refresh_token(
        &self,
        py: Python<'_>,
        refresh_token: String,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        guard(py, || {
            let now = now_of(now)?.map_err(|e| client_err(py, &e))?;
            let inner = self.inner.clone();
            let tokens = py.detach(move || inner.refresh_token(&refresh_token, now)).map_err(|e| client_err(py, &e))?;
            to_py(py, &tokens.to_json())
        })
    }

    /// Reads the odometer of Smartcar vehicle ``vehicle_id``: ``{"value", "unit", "metres", "reading_time"}`` (the
    /// value exactly as returned, ``km`` or ``miles`` per the answer's ``SC-Unit-System``, whole metres, and the
    /// car's reading time from ``SC-Data-Age`` as RFC 3339). ``version`` 3 reads the v3 signal instead.
    #[pyo3(signature = (vehicle_id: "str", access_token: "str", *, unit_system: "str" = "metric", version: "int" = 2) -> "dict[str, object]")]
    fn odometer(
        &self,
        py: Python<'_>,
        vehicle_id: String,
        access_token: String,
        unit_system: &str,
        version: i64,
    ) -> PyResult<Py<PyAny>> {
        guard(py, || {
            let args = UnitSystem::from_arg(unit_system).and_then(|u| Ok((u, Version::from_number(version)?)));
            let (unit_system, version) = args.map_err(|e| client_err(py, &e))?;
            let inner = self.inner.clone();
            let read = py
                .detach(move || inner.odometer(&vehicle_id, &access_token, unit_system, version))
                .map_err(|e| client_err(py, &e))?;
            to_py(py, &read.to_json())
        })
    }

    /// "Sync Now" for ``vehicle`` (a dict with exactly ``id``, ``smartcar_vehicle_id``, ``car_id``,
    /// ``access_token``, ``refresh_token``, ``expires_at``): refreshes the tokens if they expire within 5 minutes
    /// of ``now``, reads the odometer, judges the reading against ``history`` (``odometer.Reading`` objects or
    /// dicts) like ``odometer.check`` and builds the meter entry. Returns ``{"verdict", "meter_entry", "tokens",
    /// "sync_log"}``; the reading has source ``smartcar`` and the car's reading time, so a webhook delivery of the
    /// same reading is a duplicate of it (and it of the webhook's).
    #[pyo3(signature = (vehicle: "dict[str, object]", history: "list[object]", *, policy: "object" = None, now: "int | str | None" = None, source_type: "str" = "manual", unit_system: "str" = "metric", version: "int" = 2) -> "dict[str, object]")]
    #[allow(clippy::too_many_arguments)]
    fn sync_vehicle(
        &self,
        py: Python<'_>,
        vehicle: &Bound<'_, PyAny>,
        history: &Bound<'_, PyAny>,
        policy: Option<&Bound<'_, PyAny>>,
        now: Option<&Bound<'_, PyAny>>,
        source_type: &str,
        unit_system: &str,
        version: i64,
    ) -> PyResult<Py<PyAny>> {
        guard(py, || {
            let now = now_of(now)?.map_err(|e| client_err(py, &e))?;
            let policy = policy_of(py, policy)?;
            let history = readings_of(history)?;
            let parsed = Vehicle::from_json(&to_json(vehicle)?, Naming::Snake)
                .and_then(|v| Ok((v, UnitSystem::from_arg(unit_system)?, Version::from_number(version)?)));
            let (vehicle, unit_system, version) = parsed.map_err(|e| client_err(py, &e))?;
            let options = SyncOptions { policy, source_type: source_type.to_owned(), unit_system, version };
            let inner = self.inner.clone();
            let outcome = py
                .detach(move || inner.sync_vehicle(&vehicle, &history, &options, now))
                .map_err(|e| client_err(py, &e))?;
            to_py(py, &outcome.to_json())
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
}

#[pymethods]
impl OdooClient {
    /// A client for the Odoo at ``base_url``; ``booking_rules`` (a dict as for ``fleetgate.booking.validate``)
    /// checks booking requests before they are sent. ``timeout`` is per attempt, in seconds; ``backoff`` decides
    /// the retries (GET always, POST only with an idempotency key).
    #[new]
    #[pyo3(signature = (base_url: "str", *, timeout: "float" = 10.0, backoff = None, booking_rules: "dict[str, object] | None" = None))]
    fn new(
        py: Python<'_>,
        base_url: String,
        timeout: f64,
        backoff: Option<PyRef<'_, Backoff>>,
        booking_rules: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        guard(py, || {
            let rules: BookingRules =
                crate::boundary::decode_or_default(booking_rules, &fleetgate::booking::site::RULES)?;
            let made = http_config(timeout, backoff).and_then(|c| core::OdooClient::new(&base_url, rules, c));
            let inner = made.map_err(|e| client_err(py, &e))?;
            Ok(OdooClient { inner: Arc::new(inner), base_url, timeout })
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
            let id = id_arg("id", &to_json(id)?).map_err(|e| client_err(py, &e))?;
            self.run(py, move |c| c.vehicle(&id))
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
            let text = |field: &str, v: &Bound<'_, PyAny>| -> PyResult<Result<String, ClientError>> {
                Ok(match to_json(v)? {
                    Json::String(s) => Ok(s),
                    _ => Err(ClientError::InvalidArgument { field: field.into(), problem: "must be a string".into() }),
                })
            };
            let (start, end) = (text("start", start)?, text("end", end)?);
            let args = id_arg("vehicle_id", &to_json(vehicle_id)?).and_then(|id| Ok((id, start?, end?)));
            let (id, start, end) = args.map_err(|e| client_err(py, &e))?;
            self.run(py, move |c| c.availability(&id, &start, &end))
        })
    }

    /// ``POST /api/fleet/bookings`` with ``request`` as ``fleetgate.booking.validate`` cleans it at ``now``; an
    /// invalid request raises ``fleetgate.BookingValidationError`` and nothing is sent. With ``idempotency_key``
    /// (sent as ``Idempotency-Key``) failures are retried; without one the POST is never repeated.
    #[pyo3(signature = (request: "dict[str, object]", *, idempotency_key: "str | None" = None, now: "int | str | None" = None) -> "object")]
    fn create_booking(
        &self,
        py: Python<'_>,
        request: &Bound<'_, PyAny>,
        idempotency_key: Option<String>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        guard(py, || {
            let now = now_of(now)?.map_err(|e| client_err(py, &e))?;
            let request = to_json(request)?;
            self.run(py, move |c| c.create_booking(&request, idempotency_key.as_deref(), now))
        })
    }

    fn __repr__(&self) -> String {
        format!("Client(base_url={:?}, timeout={})", self.base_url, self.timeout)
    }
}
