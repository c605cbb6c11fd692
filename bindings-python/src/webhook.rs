//! `fleetgate.webhooks`: wraps `fleetgate::webhook` (verification and signing of webhook requests).

use pyo3::prelude::*;

/// Webhook verification and signing: Smartcar, Standard Webhooks (v1 HMAC, v1a Ed25519), Stripe, GitHub, Shopify,
/// Odoo and a generic HMAC header. Bodies are bytes; headers a mapping or (name, value) pairs.
#[pymodule]
pub(crate) mod webhook {
    use std::time::{SystemTime, UNIX_EPOCH};

    use fleetgate::webhook::{self as core, Encoding, HmacConfig, TimeCheck, WebhookError};
    use pyo3::prelude::*;
    use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString, PyTuple};

    use crate::errors::{guard, to_py_err};

    /// The most signature tokens a header may carry (more is ``too_many_signatures``).
    #[pymodule_export]
    const MAX_SIGNATURES: usize = core::MAX_SIGNATURES;

    /// One secret (str) or several (a list of str; the first signs, all verify) as owned strings.
    fn secrets(given: &Bound<'_, PyAny>) -> Result<Vec<String>, WebhookError> {
        let bad = WebhookError::InvalidSecret { index: 0, reason: "secrets must be a str or a list of str" };
        if let Ok(s) = given.cast::<PyString>() {
            return Ok(vec![s.to_cow().map_err(|_| bad.clone())?.into_owned()]);
        }
        if given.is_instance_of::<PyList>() || given.is_instance_of::<PyTuple>() {
            return given
                .try_iter()
                .map_err(|_| bad.clone())?
                .enumerate()
                .map(|(index, item)| {
                    item.ok()
                        .and_then(|i| i.extract::<String>().ok())
                        .ok_or(WebhookError::InvalidSecret { index, reason: "not a str" })
                })
                .collect();
        }
        Err(bad)
    }

    /// `tolerance` as an int (both directions) or a `(past, future)` pair of non-negative seconds.
    fn tolerance(given: &Bound<'_, PyAny>) -> PyResult<(u64, u64)> {
        if let Ok(both) = given.extract::<u64>() {
            return Ok((both, both));
        }
        given.extract::<(u64, u64)>().map_err(|_| {
            pyo3::exceptions::PyTypeError::new_err("tolerance must be a non-negative int or a (past, future) pair")
        })
    }

    fn build(
        py: Python<'_>,
        given: &Bound<'_, PyAny>,
        make: impl FnOnce(&[&str]) -> Result<core::Verifier, WebhookError>,
        tolerance_s: Option<&Bound<'_, PyAny>>,
        max_body: Option<usize>,
    ) -> PyResult<Verifier> {
        let owned = secrets(given).map_err(|e| to_py_err(py, &e))?;
        let refs: Vec<&str> = owned.iter().map(String::as_str).collect();
        let mut inner = make(&refs).map_err(|e| to_py_err(py, &e))?;
        if let Some(t) = tolerance_s {
            let (past, future) = tolerance(t)?;
            inner = inner.with_tolerance(past, future);
        }
        if let Some(max) = max_body {
            inner = inner.with_max_body(max);
        }
        Ok(Verifier { inner })
    }

    /// Headers from a mapping (anything with ``items()``) or an iterable of ``(name, value)`` str pairs.
    fn headers(given: &Bound<'_, PyAny>) -> Result<Vec<(String, String)>, WebhookError> {
        let bad = || WebhookError::MalformedHeader {
            name: "<headers>".to_owned(),
            reason: "headers must be a mapping or (name, value) pairs of str",
        };
        let pairs = if given.is_instance_of::<PyDict>() || given.hasattr("items").unwrap_or(false) {
            given.call_method0("items").map_err(|_| bad())?
        } else {
            given.clone()
        };
        let mut out = Vec::new();
        for item in pairs.try_iter().map_err(|_| bad())? {
            let pair: (String, String) = item.and_then(|i| i.extract()).map_err(|_| bad())?;
            out.push(pair);
        }
        Ok(out)
    }

    fn type_name(value: &Bound<'_, PyAny>) -> String {
        value.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".to_owned())
    }

    /// Runs `f` on the raw body: bytes (not copied) or bytearray; anything else is `body_not_bytes`.
    pub(crate) fn with_body<T>(
        body: &Bound<'_, PyAny>,
        f: impl FnOnce(&[u8]) -> Result<T, WebhookError>,
    ) -> Result<T, WebhookError> {
        if let Ok(b) = body.cast::<PyBytes>() {
            return f(b.as_bytes());
        }
        if let Ok(b) = body.cast::<PyByteArray>() {
            return f(&b.to_vec());
        }
        Err(WebhookError::BodyNotBytes { got: type_name(body) })
    }

    fn time_check(now: Option<i64>, check_time: bool) -> TimeCheck {
        match (check_time, now) {
            (false, _) => TimeCheck::Skip,
            (true, Some(now)) => TimeCheck::At(now),
            (true, None) => {
                let secs = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
                TimeCheck::At(i64::try_from(secs).unwrap_or(i64::MAX))
            }
        }
    }

    /// What a successful verification reports: ``key_index`` (which secret matched), ``msg_id`` and ``timestamp``
    /// (unix seconds) where the scheme carries them. Never the parsed body.
    #[pyclass(frozen, eq, module = "fleetgate._fleetgate.webhook")]
    #[derive(PartialEq)]
    pub(crate) struct Verified {
        /// The position of the matching secret in the list given (retire the others once they stop matching).
        #[pyo3(get)]
        key_index: usize,
        /// The message id (Standard Webhooks ``webhook-id``), or None.
        #[pyo3(get)]
        msg_id: Option<String>,
        /// The signed timestamp in unix seconds, or None for schemes without one.
        #[pyo3(get)]
        timestamp: Option<i64>,
    }

    #[pymethods]
    impl Verified {
        fn __repr__(&self) -> String {
            format!("Verified(key_index={}, msg_id={:?}, timestamp={:?})", self.key_index, self.msg_id, self.timestamp)
        }
    }

    impl From<core::Verified> for Verified {
        fn from(v: core::Verified) -> Self {
            Verified { key_index: v.key_index, msg_id: v.msg_id, timestamp: v.timestamp }
        }
    }

    /// Verifies and signs webhook requests of one scheme. Build it with a preset (``Verifier.smartcar(amt)``,
    /// ``Verifier.standard_webhooks(secret)``, ...) and reuse it: keys are prepared once.
    #[pyclass(frozen, module = "fleetgate._fleetgate.webhook")]
    pub(crate) struct Verifier {
        inner: core::Verifier,
    }

    #[pymethods]
    impl Verifier {
        /// Standard Webhooks / Svix: ``whsec_`` (v1 HMAC), ``whpk_`` (v1a Ed25519 public key, raw or SPKI DER) or
        /// ``whsk_`` (Ed25519 seed: signs v1a) secrets. ``tolerance``: seconds, or a ``(past, future)`` pair.
        #[staticmethod]
        #[pyo3(signature = (secret: "str | list[str]", *, tolerance: "int | tuple[int, int] | None" = None, max_body: "int | None" = None) -> "Verifier")]
        fn standard_webhooks(
            py: Python<'_>,
            secret: &Bound<'_, PyAny>,
            tolerance: Option<&Bound<'_, PyAny>>,
            max_body: Option<usize>,
        ) -> PyResult<Verifier> {
            guard(py, || build(py, secret, core::Verifier::standard_webhooks, tolerance, max_body))
        }

        /// Smartcar ``SC-Signature``, keyed with the application management token(s).
        #[staticmethod]
        #[pyo3(signature = (amt: "str | list[str]", *, max_body: "int | None" = None) -> "Verifier")]
        fn smartcar(py: Python<'_>, amt: &Bound<'_, PyAny>, max_body: Option<usize>) -> PyResult<Verifier> {
            guard(py, || build(py, amt, core::Verifier::smartcar, None, max_body))
        }

        /// Stripe ``Stripe-Signature``, keyed with the whole secret string (``whsec_`` included).
        #[staticmethod]
        #[pyo3(signature = (secret: "str | list[str]", *, tolerance: "int | tuple[int, int] | None" = None, max_body: "int | None" = None) -> "Verifier")]
        fn stripe(
            py: Python<'_>,
            secret: &Bound<'_, PyAny>,
            tolerance: Option<&Bound<'_, PyAny>>,
            max_body: Option<usize>,
        ) -> PyResult<Verifier> {
            guard(py, || build(py, secret, core::Verifier::stripe, tolerance, max_body))
        }

        /// GitHub ``X-Hub-Signature-256: sha256=<hex>``.
        #[staticmethod]
        #[pyo3(signature = (secret: "str | list[str]", *, max_body: "int | None" = None) -> "Verifier")]
        fn github(py: Python<'_>, secret: &Bound<'_, PyAny>, max_body: Option<usize>) -> PyResult<Verifier> {
            guard(py, || build(py, secret, core::Verifier::github, None, max_body))
        }

        /// Shopify ``X-Shopify-Hmac-Sha256: <base64>``.
        #[staticmethod]
        #[pyo3(signature = (secret: "str | list[str]", *, max_body: "int | None" = None) -> "Verifier")]
        fn shopify(py: Python<'_>, secret: &Bound<'_, PyAny>, max_body: Option<usize>) -> PyResult<Verifier> {
            guard(py, || build(py, secret, core::Verifier::shopify, None, max_body))
        }

        /// The rental site's Odoo webhooks: ``X-Odoo-Signature: sha256=<hex>`` of the body; with
        /// ``timestamped=True`` a required ``X-Odoo-Timestamp`` is signed as ``timestamp + "." + body``.
        #[staticmethod]
        #[pyo3(signature = (secret: "str | list[str]", *, timestamped: "bool" = false, tolerance: "int | tuple[int, int] | None" = None, max_body: "int | None" = None) -> "Verifier")]
        fn odoo(
            py: Python<'_>,
            secret: &Bound<'_, PyAny>,
            timestamped: bool,
            tolerance: Option<&Bound<'_, PyAny>>,
            max_body: Option<usize>,
        ) -> PyResult<Verifier> {
            guard(py, || build(py, secret, |s| core::Verifier::odoo(s, timestamped), tolerance, max_body))
        }

        /// A generic HMAC-SHA256 header: ``header`` name, optional ``prefix`` (``"sha256="``), ``encoding``
        /// ``"hex"`` or ``"base64"``, optional ``timestamp_header`` (then ``timestamp + "." + body`` is signed).
        #[staticmethod]
        #[pyo3(signature = (secret: "str | list[str]", *, header: "str", prefix: "str | None" = None, encoding: "str" = "hex", timestamp_header: "str | None" = None, tolerance: "int | tuple[int, int] | None" = None, max_body: "int | None" = None) -> "Verifier")]
        #[allow(clippy::too_many_arguments)]
        fn hmac(
            py: Python<'_>,
            secret: &Bound<'_, PyAny>,
            header: String,
            prefix: Option<String>,
            encoding: &str,
            timestamp_header: Option<String>,
            tolerance: Option<&Bound<'_, PyAny>>,
            max_body: Option<usize>,
        ) -> PyResult<Verifier> {
            guard(py, || {
                let encoding = Encoding::parse(encoding).ok_or_else(|| {
                    pyo3::exceptions::PyValueError::new_err(format!(
                        "encoding must be 'hex' or 'base64', not {encoding:?}"
                    ))
                })?;
                let config = HmacConfig { header, prefix, encoding, timestamp_header };
                build(py, secret, |s| core::Verifier::hmac(s, config), tolerance, max_body)
            })
        }

        /// Positions of the secrets shorter than 24 bytes (accepted, but worth replacing).
        #[getter]
        fn weak_keys(&self) -> Vec<usize> {
            self.inner.weak_keys().to_vec()
        }

        /// Verifies a request. ``headers``: a mapping or (name, value) pairs; ``body``: the raw bytes as received;
        /// ``now``: unix seconds (default: the system clock); ``check_time=False`` skips the timestamp window (for
        /// re-verifying stored deliveries). Raises ``fleetgate.WebhookError`` with the reason's ``.code``.
        #[pyo3(signature = (headers: "dict[str, str] | list[tuple[str, str]]", body: "bytes | bytearray", *, now: "int | None" = None, check_time: "bool" = true) -> "Verified")]
        fn verify(
            &self,
            py: Python<'_>,
            headers: &Bound<'_, PyAny>,
            body: &Bound<'_, PyAny>,
            now: Option<i64>,
            check_time: bool,
        ) -> PyResult<Verified> {
            guard(py, || {
                let run = || -> Result<Verified, WebhookError> {
                    let headers = self::headers(headers)?;
                    with_body(body, |b| self.inner.verify(&headers, b, time_check(now, check_time))).map(Verified::from)
                };
                run().map_err(|e| to_py_err(py, &e))
            })
        }

        /// Signs ``body`` with the first secret and returns the headers to send, as a dict. ``timestamp`` (unix
        /// seconds) defaults to now for the schemes that sign one; ``msg_id`` (Standard Webhooks) defaults to one
        /// derived from the timestamp and body.
        #[pyo3(signature = (body: "bytes | bytearray", *, msg_id: "str | None" = None, timestamp: "int | None" = None) -> "dict[str, str]")]
        fn sign(
            &self,
            py: Python<'_>,
            body: &Bound<'_, PyAny>,
            msg_id: Option<String>,
            timestamp: Option<i64>,
        ) -> PyResult<Py<PyDict>> {
            guard(py, || {
                let ts = match (timestamp, time_check(None, true)) {
                    (Some(t), _) => t,
                    (None, TimeCheck::At(now)) => now,
                    (None, TimeCheck::Skip) => 0,
                };
                let pairs = with_body(body, |b| self.inner.sign(b, msg_id.as_deref(), Some(ts)))
                    .map_err(|e| to_py_err(py, &e))?;
                let out = PyDict::new(py);
                for (name, value) in pairs {
                    out.set_item(name, value)?;
                }
                Ok(out.unbind())
            })
        }

        /// Starts verifying a body that arrives in chunks: ``stream = v.stream(headers)``, then
        /// ``stream.update(chunk)`` for each chunk and ``stream.finish()`` for the result. The headers come first
        /// because the signed content starts with some of them (id, timestamp).
        #[pyo3(signature = (headers: "dict[str, str] | list[tuple[str, str]]", *, now: "int | None" = None, check_time: "bool" = true) -> "VerifyStream")]
        fn stream(
            &self,
            py: Python<'_>,
            headers: &Bound<'_, PyAny>,
            now: Option<i64>,
            check_time: bool,
        ) -> PyResult<VerifyStream> {
            guard(py, || {
                let run = || -> Result<VerifyStream, WebhookError> {
                    let headers = self::headers(headers)?;
                    let inner = self.inner.stream(&headers, time_check(now, check_time))?;
                    Ok(VerifyStream { inner: std::sync::Mutex::new(Some(inner)) })
                };
                run().map_err(|e| to_py_err(py, &e))
            })
        }

        fn __repr__(&self) -> String {
            format!("Verifier({:?})", self.inner.scheme()).replace('\n', " ")
        }
    }

    /// A verification in progress (see ``Verifier.stream``): ``update(chunk)`` then ``finish()`` once.
    #[pyclass(frozen, module = "fleetgate._fleetgate.webhook")]
    pub(crate) struct VerifyStream {
        inner: std::sync::Mutex<Option<core::VerifyStream>>,
    }

    #[pymethods]
    impl VerifyStream {
        /// Feeds the next chunk of the raw body (bytes or bytearray).
        #[pyo3(signature = (chunk: "bytes | bytearray") -> "None")]
        fn update(&self, py: Python<'_>, chunk: &Bound<'_, PyAny>) -> PyResult<()> {
            guard(py, || {
                let mut slot = self.inner.lock().unwrap_or_else(|p| p.into_inner());
                let stream = slot.as_mut().ok_or_else(finished_error)?;
                with_body(chunk, |c| stream.update(c)).map_err(|e| to_py_err(py, &e))
            })
        }

        /// Checks the signature over everything fed so far; the stream cannot be used afterwards.
        #[pyo3(signature = () -> "Verified")]
        fn finish(&self, py: Python<'_>) -> PyResult<Verified> {
            guard(py, || {
                let stream = self.inner.lock().unwrap_or_else(|p| p.into_inner()).take().ok_or_else(finished_error)?;
                stream.finish().map(Verified::from).map_err(|e| to_py_err(py, &e))
            })
        }
    }

    fn finished_error() -> PyErr {
        pyo3::exceptions::PyRuntimeError::new_err("this VerifyStream has already finished")
    }
}
