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
    fn comment(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
        guard(py, || {
            let text: String = boundary::decode(text, &Site::argument("sse", "text"))?;
            Ok(core::comment(&text))
        })
    }

    /// A streaming event-stream decoder (the WHATWG rules ``EventSource`` follows): ``feed(chunk)`` with bytes as
    /// they arrive, in chunks of any size; it returns the events (``fleetgate.sse.Event``) those bytes completed.
    #[pyclass(subclass, module = "fleetgate._fleetgate.sse")]
    pub(crate) struct Decoder {
        inner: core::Decoder,
    }

    #[pymethods]
    impl Decoder {
        #[new]
        #[pyo3(signature = (**options))]
        fn new(py: Python<'_>, options: Option<&Bound<'_, pyo3::types::PyDict>>) -> PyResult<Self> {
            guard(py, || {
                let options: core::DecoderOptions = match options {
                    Some(given) => boundary::decode(given.as_any(), &Site::options("sse"))?,
                    None => core::DecoderOptions::default(),
                };
                Ok(Decoder { inner: options.decoder() })
            })
        }

        /// Feeds the next bytes (or a str, as UTF-8); returns the completed events.
        #[pyo3(signature = (chunk: "bytes | str") -> "list[object]")]
        fn feed(&mut self, py: Python<'_>, chunk: &Bound<'_, PyAny>) -> PyResult<Vec<Py<PyAny>>> {
            guard(py, || {
                let chunk: core::Chunk = boundary::decode(chunk, &Site::argument("sse", "chunk"))?;
                let events = self.inner.try_feed(&chunk.0).map_err(|e| to_py_err(py, &e))?;
                events
                    .iter()
                    .map(|e| {
                        boundary::result(py, "fleetgate.sse", "Event", &serde_json::to_value(e).unwrap_or_default())
                    })
                    .collect()
            })
        }

        /// The last event ID: send it as ``Last-Event-ID`` when reconnecting.
        #[getter]
        fn last_event_id(&self) -> &str {
            self.inner.last_event_id()
        }

        /// After the stream dropped and ``attempt`` connection attempts were made: a ``fleetgate.sse.Reconnect``
        /// (``delay``, the seconds to wait: the server's ``retry:`` if it sent one, capped by ``backoff``, else
        /// ``backoff``'s own delay; ``last_event_id``, the ``Last-Event-ID`` to send, empty: none); ``None`` when
        /// ``backoff``'s budget is spent.
        #[pyo3(signature = (backoff, attempt: "int") -> "object | None")]
        fn reconnect(
            &self,
            py: Python<'_>,
            mut backoff: PyRefMut<'_, Backoff>,
            attempt: &Bound<'_, PyAny>,
        ) -> PyResult<Option<Py<PyAny>>> {
            guard(py, || {
                let attempt: u32 = boundary::decode(attempt, &Site::argument("sse", "attempt"))?;
                match core::reconnect(&self.inner, backoff.inner_mut(), attempt) {
                    Some(next) => {
                        let json = serde_json::to_value(next).unwrap_or_default();
                        Ok(Some(boundary::result(py, "fleetgate.sse", "Reconnect", &json)?))
                    }
                    None => Ok(None),
                }
            })
        }

        /// The reconnection time the server asked for (milliseconds), or ``None``.
        #[getter]
        fn retry(&self) -> Option<u64> {
            self.inner.retry_ms()
        }
    }
}
