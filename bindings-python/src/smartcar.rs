//! `fleetgate.smartcar`: wraps `fleetgate::smartcar` (VERIFY reply, event parsing into odometer readings).

use pyo3::prelude::*;

/// Smartcar webhooks: the VERIFY challenge answer and event parsing (current and legacy v2 envelopes) into
/// odometer readings with exact metres.
#[pymodule]
pub(crate) mod smartcar {
    use fleetgate::smartcar as core;
    use pyo3::prelude::*;
    use pyo3::types::PyDict;

    use crate::errors::{guard, to_py_err};
    use crate::webhook::webhook::with_body;

    /// One odometer reading of an event (what the odometer sync consumes).
    #[pyclass(frozen, eq, module = "fleetgate._fleetgate.smartcar")]
    #[derive(Clone, PartialEq)]
    pub(crate) struct OdometerReading {
        /// Smartcar's vehicle id.
        #[pyo3(get)]
        vehicle_id: String,
        /// The idempotency key (``eventId``; legacy: the vehicle's ``requestId``), or None.
        #[pyo3(get)]
        event_id: Option<String>,
        /// ``meta.deliveryId`` (changes per attempt), or None.
        #[pyo3(get)]
        delivery_id: Option<String>,
        /// The distance exactly as its JSON number was written, e.g. ``"104.320"``.
        #[pyo3(get)]
        raw_value: String,
        /// The unit as delivered (legacy: the unit system, ``"metric"`` by default).
        #[pyo3(get)]
        raw_unit: String,
        /// The distance in whole metres (exact conversion).
        #[pyo3(get)]
        metres: i64,
        /// When the car recorded it (``oemUpdatedAt``), unix milliseconds, or None.
        #[pyo3(get)]
        read_at_ms: Option<i64>,
        /// When Smartcar fetched it (``fetchedAt``/``retrievedAt``), unix milliseconds, or None.
        #[pyo3(get)]
        fetched_at_ms: Option<i64>,
    }

    #[pymethods]
    impl OdometerReading {
        /// The reading as a plain dict.
        #[pyo3(signature = () -> "dict[str, object]")]
        fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
            let d = PyDict::new(py);
            d.set_item("vehicle_id", &self.vehicle_id)?;
            d.set_item("event_id", &self.event_id)?;
            d.set_item("delivery_id", &self.delivery_id)?;
            d.set_item("raw_value", &self.raw_value)?;
            d.set_item("raw_unit", &self.raw_unit)?;
            d.set_item("metres", self.metres)?;
            d.set_item("read_at_ms", self.read_at_ms)?;
            d.set_item("fetched_at_ms", self.fetched_at_ms)?;
            Ok(d)
        }

        fn __repr__(&self) -> String {
            format!(
                "OdometerReading(vehicle_id={:?}, raw_value={:?}, raw_unit={:?}, metres={})",
                self.vehicle_id, self.raw_value, self.raw_unit, self.metres
            )
        }
    }

    /// An error reported by a VEHICLE_ERROR event, or a signal that failed.
    #[pyclass(frozen, eq, module = "fleetgate._fleetgate.smartcar")]
    #[derive(Clone, PartialEq)]
    pub(crate) struct VehicleIssue {
        /// The error's ``type``, or None.
        #[pyo3(get)]
        error_type: Option<String>,
        /// The error's ``code``, or None.
        #[pyo3(get)]
        code: Option<String>,
        /// ``ERROR`` or ``RESOLVED`` (VEHICLE_ERROR), or None for a failed signal.
        #[pyo3(get)]
        state: Option<String>,
        /// The description, or None.
        #[pyo3(get)]
        description: Option<String>,
        /// The failed signal's code, or None.
        #[pyo3(get)]
        signal: Option<String>,
    }

    #[pymethods]
    impl VehicleIssue {
        /// The issue as a plain dict.
        #[pyo3(signature = () -> "dict[str, object]")]
        fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
            let d = PyDict::new(py);
            d.set_item("error_type", &self.error_type)?;
            d.set_item("code", &self.code)?;
            d.set_item("state", &self.state)?;
            d.set_item("description", &self.description)?;
            d.set_item("signal", &self.signal)?;
            Ok(d)
        }
    }

    /// A parsed Smartcar delivery.
    #[pyclass(frozen, module = "fleetgate._fleetgate.smartcar")]
    pub(crate) struct Event {
        /// ``VERIFY``, ``VEHICLE_STATE``, ``VEHICLE_ERROR`` or legacy ``verify``, ``schedule``, ...
        #[pyo3(get)]
        event_type: String,
        /// Whether the body is the legacy v2 envelope.
        #[pyo3(get)]
        legacy: bool,
        /// ``eventId``, or None.
        #[pyo3(get)]
        event_id: Option<String>,
        /// The webhook's id, or None.
        #[pyo3(get)]
        webhook_id: Option<String>,
        /// ``meta.deliveryId``, or None.
        #[pyo3(get)]
        delivery_id: Option<String>,
        /// ``meta.deliveredAt`` exactly as delivered, or None.
        #[pyo3(get)]
        delivered_at: Option<String>,
        /// ``LIVE``/``TEST`` (legacy ``live``/``test``/``simulated``), or None.
        #[pyo3(get)]
        mode: Option<String>,
        /// The vehicle the event is about, or None.
        #[pyo3(get)]
        vehicle_id: Option<String>,
        /// The VERIFY challenge, or None.
        #[pyo3(get)]
        challenge: Option<String>,
        /// The odometer readings the event carries.
        #[pyo3(get)]
        readings: Vec<OdometerReading>,
        /// Errors reported by the event and failed signals.
        #[pyo3(get)]
        issues: Vec<VehicleIssue>,
    }

    #[pymethods]
    impl Event {
        /// The event as a plain dict (readings and issues as dicts too).
        #[pyo3(signature = () -> "dict[str, object]")]
        fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
            let d = PyDict::new(py);
            d.set_item("event_type", &self.event_type)?;
            d.set_item("legacy", self.legacy)?;
            d.set_item("event_id", &self.event_id)?;
            d.set_item("webhook_id", &self.webhook_id)?;
            d.set_item("delivery_id", &self.delivery_id)?;
            d.set_item("delivered_at", &self.delivered_at)?;
            d.set_item("mode", &self.mode)?;
            d.set_item("vehicle_id", &self.vehicle_id)?;
            d.set_item("challenge", &self.challenge)?;
            let readings = self.readings.iter().map(|r| r.to_dict(py)).collect::<PyResult<Vec<_>>>()?;
            d.set_item("readings", readings)?;
            let issues = self.issues.iter().map(|i| i.to_dict(py)).collect::<PyResult<Vec<_>>>()?;
            d.set_item("issues", issues)?;
            Ok(d)
        }

        fn __repr__(&self) -> String {
            format!(
                "Event(event_type={:?}, event_id={:?}, readings={})",
                self.event_type,
                self.event_id,
                self.readings.len()
            )
        }
    }

    impl From<core::Event> for Event {
        fn from(e: core::Event) -> Self {
            let readings = e
                .readings
                .into_iter()
                .map(|r| OdometerReading {
                    vehicle_id: r.vehicle_id,
                    event_id: r.event_id,
                    delivery_id: r.delivery_id,
                    raw_value: r.raw_value,
                    raw_unit: r.raw_unit,
                    metres: r.metres,
                    read_at_ms: r.read_at_ms,
                    fetched_at_ms: r.fetched_at_ms,
                })
                .collect();
            let issues = e
                .issues
                .into_iter()
                .map(|i| VehicleIssue {
                    error_type: i.error_type,
                    code: i.code,
                    state: i.state,
                    description: i.description,
                    signal: i.signal,
                })
                .collect();
            Event {
                event_type: e.event_type,
                legacy: e.legacy,
                event_id: e.event_id,
                webhook_id: e.webhook_id,
                delivery_id: e.delivery_id,
                delivered_at: e.delivered_at,
                mode: e.mode,
                vehicle_id: e.vehicle_id,
                challenge: e.challenge,
                readings,
                issues,
            }
        }
    }

    /// Parses the raw body (bytes) of a Smartcar delivery. Raises ``fleetgate.SmartcarError`` with code
    /// ``invalid_payload`` naming the field for bad JSON or a missing/mistyped field, and
    /// ``fleetgate.WebhookError`` (``body_not_bytes``) for anything but bytes/bytearray.
    #[pyfunction]
    #[pyo3(signature = (body: "bytes | bytearray") -> "Event")]
    fn parse_event(py: Python<'_>, body: &Bound<'_, PyAny>) -> PyResult<Event> {
        guard(py, || {
            let mut parsed = None;
            with_body(body, |b| {
                parsed = Some(core::parse_event(b));
                Ok(())
            })
            .map_err(|e| to_py_err(py, &e))?;
            match parsed {
                Some(Ok(event)) => Ok(Event::from(event)),
                Some(Err(e)) => Err(to_py_err(py, &e)),
                None => Err(pyo3::exceptions::PyRuntimeError::new_err("body was not read")),
            }
        })
    }

    /// The answer to a VERIFY challenge: hex HMAC-SHA256 of ``challenge`` keyed with the AMT.
    #[pyfunction]
    #[pyo3(signature = (amt: "str", challenge: "str") -> "str")]
    fn challenge(amt: &str, challenge: &str) -> String {
        core::challenge(amt, challenge)
    }

    /// The JSON body to return (HTTP 200) for a VERIFY event: ``{"challenge":"<hex>"}``.
    #[pyfunction]
    #[pyo3(signature = (amt: "str", challenge: "str") -> "str")]
    fn challenge_reply(amt: &str, challenge: &str) -> String {
        core::challenge_reply(amt, challenge)
    }

    #[pymodule_export]
    use crate::client::SmartcarClient;
}
