//! `fleetgate.sse`: wraps `fleetgate::sse` (server-sent events encoder and streaming decoder).

use pyo3::prelude::*;

/// Server-sent events: an injection-safe encoder and a streaming WHATWG decoder.
#[pymodule]
pub(crate) mod sse {
    use fleetgate::boundary::Site;
    use fleetgate::sse as core;
    use pyo3::prelude::*;
    use pyo3::types::PyDict;

    use crate::boundary;
    use crate::errors::{guard, to_py_err};
    use crate::retry::retry::Backoff;

    /// Encodes one event: ``id``, ``event``, ``retry`` (milliseconds) lines when given, one ``data:`` line per
    /// line of ``data``, then a blank line. A CR or LF in ``event`` or ``id`` (or NUL in ``id``) raises
    /// ``fleetgate.SseError`` with code ``field_injection``.
    #[pyfunction]
    #[pyo3(signature = (data: "str", *, event: "str | None" = None, id: "str | None" = None, retry: "int | None" = None, **unknown: "object") -> "str")]
    fn encode(
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        event: Option<&Bound<'_, PyAny>>,
        id: Option<&Bound<'_, PyAny>>,
        retry: Option<&Bound<'_, PyAny>>,
        unknown: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<String> {
        guard(py, || {
            let data: String = boundary::decode(data, &Site::argument("sse", "data"))?;
            let options: core::EncodeOptions = boundary::decode_kwargs(
                py,
                &[("event", event), ("id", id), ("retry", retry)],
                unknown,
                &Site::options("sse"),
            )?;
            options.encode(&data).map_err(|e| to_py_err(py, &e))
        })
    }

    /// A comment line (``: text``), e.g. a heartbeat; a multi-line text becomes several comment lines.
    #[pyfunction]
    #[pyo3(signature = (text: "str") -> "str")]
    fn comment(text: &str) -> String {
        core::comment(text)
    }

    /// One dispatched event: ``event`` (``"message"`` by default), ``data`` and ``id`` (the last event ID).
    #[pyclass(frozen, eq, module = "fleetgate._fleetgate.sse")]
    #[derive(PartialEq)]
    pub(crate) struct Event {
        /// The event type.
        #[pyo3(get)]
        event: String,
        /// The data lines joined with LF.
        #[pyo3(get)]
        data: String,
        /// The last event ID at dispatch.
        #[pyo3(get)]
        id: String,
    }

    #[pymethods]
    impl Event {
        fn __repr__(&self) -> String {
            format!("Event(event={:?}, data={:?}, id={:?})", self.event, self.data, self.id)
        }
    }

    /// A streaming event-stream decoder (the WHATWG rules ``EventSource`` follows): ``feed(chunk)`` with bytes as
    /// they arrive, in chunks of any size; it returns the events those bytes completed.
    #[pyclass(module = "fleetgate._fleetgate.sse")]
    pub(crate) struct Decoder {
        inner: core::Decoder,
    }

    #[pymethods]
    impl Decoder {
        #[new]
        fn new() -> Self {
            Decoder { inner: core::Decoder::new() }
        }

        /// Feeds the next bytes; returns the completed events.
        #[pyo3(signature = (chunk: "bytes") -> "list[Event]")]
        fn feed(&mut self, py: Python<'_>, chunk: &[u8]) -> PyResult<Vec<Event>> {
            guard(py, || {
                let events = self.inner.feed(chunk);
                Ok(events.into_iter().map(|e| Event { event: e.event, data: e.data, id: e.id }).collect())
            })
        }

        /// The last event ID: send it as ``Last-Event-ID`` when reconnecting.
        #[getter]
        fn last_event_id(&self) -> &str {
            self.inner.last_event_id()
        }

        /// After the stream dropped and ``attempt`` connection attempts were made: ``(delay, last_event_id)``, the
        /// seconds to wait (the server's ``retry:`` if it sent one, capped by ``backoff``, else ``backoff``'s own
        /// delay) and the ``Last-Event-ID`` to send (empty: none); ``None`` when ``backoff``'s budget is spent.
        #[pyo3(signature = (backoff, attempt: "int") -> "tuple[float, str] | None")]
        fn reconnect(&self, mut backoff: PyRefMut<'_, Backoff>, attempt: u32) -> Option<(f64, String)> {
            let (delay, id) = self.inner.reconnect(backoff.inner_mut(), attempt)?;
            Some((delay as f64 / 1e6, id))
        }

        /// The reconnection time the server asked for (milliseconds), or ``None``.
        #[getter]
        fn retry(&self) -> Option<u64> {
            self.inner.retry_ms()
        }
    }
}
