//! `fleetgate.smartcar`: wraps `fleetgate::smartcar` (VERIFY reply, event parsing into odometer readings).

use pyo3::prelude::*;

/// Smartcar webhooks: the VERIFY challenge answer and event parsing (current and legacy v2 envelopes) into
/// odometer readings with exact metres.
#[pymodule]
pub(crate) mod smartcar {
    use fleetgate::boundary::Site;
    use fleetgate::smartcar as core;
    use pyo3::prelude::*;

    use crate::boundary;
    use crate::errors::guard;
    use crate::webhook::webhook::with_body;

    /// Parses the raw body (bytes, bytearray or memoryview) of a Smartcar delivery into a
    /// ``fleetgate.smartcar.Event``. Raises ``fleetgate.SmartcarError`` with code ``invalid_payload`` (``.details``
    /// names the ``field``) for bad JSON or a missing/mistyped field, and ``fleetgate.WebhookError``
    /// (``body_not_bytes``) for anything but bytes.
    #[pyfunction]
    #[pyo3(signature = (body: "bytes | bytearray | memoryview"))]
    fn parse_event(py: Python<'_>, body: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        guard(py, || {
            let event = with_body(body, core::parse_event)?;
            let json =
                serde_json::to_value(&event).map_err(|e| pyo3::exceptions::PyAssertionError::new_err(e.to_string()))?;
            boundary::result(py, "fleetgate.smartcar", "Event", &json)
        })
    }

    /// The AMT and the challenge, each a ``str`` (``invalid_argument`` otherwise).
    fn texts(amt: &Bound<'_, PyAny>, challenge: &Bound<'_, PyAny>) -> PyResult<(String, String)> {
        let amt = boundary::decode(amt, &Site::argument("smartcar", "amt"))?;
        Ok((amt, boundary::decode(challenge, &Site::argument("smartcar", "challenge"))?))
    }

    /// The answer to a VERIFY challenge: hex HMAC-SHA256 of ``challenge`` keyed with the AMT.
    #[pyfunction]
    #[pyo3(signature = (amt: "str", challenge: "str") -> "str")]
    fn challenge(py: Python<'_>, amt: &Bound<'_, PyAny>, challenge: &Bound<'_, PyAny>) -> PyResult<String> {
        guard(py, || texts(amt, challenge).map(|(amt, text)| core::challenge(&amt, &text)))
    }

    /// The JSON body to return (HTTP 200) for a VERIFY event: ``{"challenge":"<hex>"}``.
    #[pyfunction]
    #[pyo3(signature = (amt: "str", challenge: "str") -> "str")]
    fn challenge_reply(py: Python<'_>, amt: &Bound<'_, PyAny>, challenge: &Bound<'_, PyAny>) -> PyResult<String> {
        guard(py, || texts(amt, challenge).map(|(amt, text)| core::challenge_reply(&amt, &text)))
    }

    #[pymodule_export]
    use crate::client::SmartcarClient;
}
