//! `fleetgate.webhooks`: wraps `fleetgate::webhook` (verification and signing of webhook requests).
//!
//! Every argument is decoded by the core (`crate::boundary`): secrets as `fleetgate::webhook::Secrets`, keyword
//! options as the preset's options type, headers by `fleetgate::boundary::header_pairs`. Bodies are read here,
//! once (`with_body`): `bytes` without a copy.

use pyo3::prelude::*;

/// Webhook verification and signing: Smartcar, Standard Webhooks (v1 HMAC, v1a Ed25519), Stripe, GitHub, Shopify,
/// Odoo and a generic HMAC header. Bodies are bytes; headers a mapping or (name, value) pairs.
#[pymodule]
pub(crate) mod webhook {
    use fleetgate::boundary::{header_pairs, Site};
    use fleetgate::error::ErrorCode;
    use fleetgate::webhook::{self as core, system_clock, Timed, Untimed, WebhookError};
    use pyo3::prelude::*;
    use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyMapping, PyMemoryView, PyTuple};

    use crate::boundary;
    use crate::errors::{guard, to_py_err};

    const AREA: &str = "webhook";
    const SECRET: Site = Site::coded(AREA, "invalid_secret", "secret");
    const OPTIONS: Site = Site::options(AREA);
    const HEADERS: Site = Site::argument(AREA, "headers");

    /// The most signature tokens a header may carry (more is ``too_many_signatures``).
    #[pymodule_export]
    const MAX_SIGNATURES: usize = core::MAX_SIGNATURES;

    /// Runs `f` on the raw body: ``bytes`` (not copied), ``bytearray`` or ``memoryview``; anything else (a ``str``, a
    /// parsed ``dict``) is ``body_not_bytes``. The one body reader of the package.
    pub(crate) fn with_body<T, E: ErrorCode>(
        body: &Bound<'_, PyAny>,
        f: impl FnOnce(&[u8]) -> Result<T, E>,
    ) -> PyResult<T> {
        let py = body.py();
        let result = if let Ok(b) = body.cast::<PyBytes>() {
            f(b.as_bytes())
        } else if let Ok(b) = body.cast::<PyByteArray>() {
            f(&b.to_vec())
        } else if body.is_instance_of::<PyMemoryView>() {
            let copy = body.call_method0("tobytes")?;
            f(copy.cast::<PyBytes>()?.as_bytes())
        } else {
            let got = body.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "object".to_owned());
            return Err(to_py_err(py, &WebhookError::BodyNotBytes { got }));
        };
        result.map_err(|e| to_py_err(py, &e))
    }

    /// The `(name, value)` pairs of a headers argument: a mapping, `(name, value)` pairs, or a headers class that
    /// is not a registered `Mapping` but has `items()` (werkzeug's `EnvironHeaders`), read as its items.
    fn headers(given: &Bound<'_, PyAny>) -> PyResult<Vec<(String, String)>> {
        let py = given.py();
        let plain = given.is_instance_of::<PyDict>()
            || given.is_instance_of::<PyList>()
            || given.is_instance_of::<PyTuple>()
            || given.cast::<PyMapping>().is_ok();
        let items;
        let given = if !plain && given.hasattr("items")? {
            items = py.get_type::<PyList>().call1((given.call_method0("items")?,))?;
            &items
        } else {
            given
        };
        let walked = boundary::value(given, &HEADERS)?;
        header_pairs(walked, &HEADERS).map_err(|e| boundary::arg_err(py, e))
    }

    /// A core result as its `fleetgate.webhooks` dataclass.
    fn verified(py: Python<'_>, v: &core::Verified) -> PyResult<Py<PyAny>> {
        let json = serde_json::to_value(v).map_err(|e| pyo3::exceptions::PyAssertionError::new_err(e.to_string()))?;
        boundary::result(py, "fleetgate.webhooks", "Verified", &json)
    }

    fn untimed(
        py: Python<'_>,
        preset: Untimed,
        secret: &Bound<'_, PyAny>,
        max_body: Option<&Bound<'_, PyAny>>,
        unknown: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Verifier> {
        guard(py, || {
            let secrets = boundary::decode(secret, &SECRET)?;
            let options: core::BodyOptions = boundary::decode_kwargs(py, &[("max_body", max_body)], unknown, &OPTIONS)?;
            options.verifier(preset, &secrets).map(|inner| Verifier { inner }).map_err(|e| to_py_err(py, &e))
        })
    }

    fn timed(
        py: Python<'_>,
        preset: Timed,
        secret: &Bound<'_, PyAny>,
        tolerance: Option<&Bound<'_, PyAny>>,
        max_body: Option<&Bound<'_, PyAny>>,
        unknown: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Verifier> {
        guard(py, || {
            let secrets = boundary::decode(secret, &SECRET)?;
            let kwargs = [("tolerance", tolerance), ("max_body", max_body)];
            let options: core::TimedOptions = boundary::decode_kwargs(py, &kwargs, unknown, &OPTIONS)?;
            options.verifier(preset, &secrets).map(|inner| Verifier { inner }).map_err(|e| to_py_err(py, &e))
        })
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
        /// ``whsk_`` (Ed25519 seed: signs v1a) secrets. ``tolerance``: seconds, or a ``(past, future)`` pair
        /// (default 300 each way).
        #[staticmethod]
        #[pyo3(signature = (secret: "str | list[str]", *, tolerance: "int | tuple[int, int] | None" = None, max_body: "int | None" = None, **unknown: "object") -> "Verifier")]
        fn standard_webhooks(
            py: Python<'_>,
            secret: &Bound<'_, PyAny>,
            tolerance: Option<&Bound<'_, PyAny>>,
            max_body: Option<&Bound<'_, PyAny>>,
            unknown: Option<&Bound<'_, PyDict>>,
        ) -> PyResult<Verifier> {
            timed(py, Timed::StandardWebhooks, secret, tolerance, max_body, unknown)
        }

        /// Smartcar ``SC-Signature``, keyed with the application management token(s).
        #[staticmethod]
        #[pyo3(signature = (amt: "str | list[str]", *, max_body: "int | None" = None, **unknown: "object") -> "Verifier")]
        fn smartcar(
            py: Python<'_>,
            amt: &Bound<'_, PyAny>,
            max_body: Option<&Bound<'_, PyAny>>,
            unknown: Option<&Bound<'_, PyDict>>,
        ) -> PyResult<Verifier> {
            untimed(py, Untimed::Smartcar, amt, max_body, unknown)
        }

        /// Stripe ``Stripe-Signature``, keyed with the whole secret string (``whsec_`` included).
        #[staticmethod]
        #[pyo3(signature = (secret: "str | list[str]", *, tolerance: "int | tuple[int, int] | None" = None, max_body: "int | None" = None, **unknown: "object") -> "Verifier")]
        fn stripe(
            py: Python<'_>,
            secret: &Bound<'_, PyAny>,
            tolerance: Option<&Bound<'_, PyAny>>,
            max_body: Option<&Bound<'_, PyAny>>,
            unknown: Option<&Bound<'_, PyDict>>,
        ) -> PyResult<Verifier> {
            timed(py, Timed::Stripe, secret, tolerance, max_body, unknown)
        }

        /// GitHub ``X-Hub-Signature-256: sha256=<hex>``.
        #[staticmethod]
        #[pyo3(signature = (secret: "str | list[str]", *, max_body: "int | None" = None, **unknown: "object") -> "Verifier")]
        fn github(
            py: Python<'_>,
            secret: &Bound<'_, PyAny>,
            max_body: Option<&Bound<'_, PyAny>>,
            unknown: Option<&Bound<'_, PyDict>>,
        ) -> PyResult<Verifier> {
            untimed(py, Untimed::Github, secret, max_body, unknown)
        }

        /// Shopify ``X-Shopify-Hmac-Sha256: <base64>``.
        #[staticmethod]
        #[pyo3(signature = (secret: "str | list[str]", *, max_body: "int | None" = None, **unknown: "object") -> "Verifier")]
        fn shopify(
            py: Python<'_>,
            secret: &Bound<'_, PyAny>,
            max_body: Option<&Bound<'_, PyAny>>,
            unknown: Option<&Bound<'_, PyDict>>,
        ) -> PyResult<Verifier> {
            untimed(py, Untimed::Shopify, secret, max_body, unknown)
        }

        /// The rental site's Odoo webhooks: ``X-Odoo-Signature: sha256=<hex>`` of the body; with
        /// ``timestamped=True`` a required ``X-Odoo-Timestamp`` is signed as ``timestamp + "." + body``.
        #[staticmethod]
        #[pyo3(signature = (secret: "str | list[str]", *, timestamped: "bool | None" = None, tolerance: "int | tuple[int, int] | None" = None, max_body: "int | None" = None, **unknown: "object") -> "Verifier")]
        fn odoo(
            py: Python<'_>,
            secret: &Bound<'_, PyAny>,
            timestamped: Option<&Bound<'_, PyAny>>,
            tolerance: Option<&Bound<'_, PyAny>>,
            max_body: Option<&Bound<'_, PyAny>>,
            unknown: Option<&Bound<'_, PyDict>>,
        ) -> PyResult<Verifier> {
            guard(py, || {
                let secrets = boundary::decode(secret, &SECRET)?;
                let kwargs = [("timestamped", timestamped), ("tolerance", tolerance), ("max_body", max_body)];
                let options: core::OdooOptions = boundary::decode_kwargs(py, &kwargs, unknown, &OPTIONS)?;
                options.verifier(&secrets).map(|inner| Verifier { inner }).map_err(|e| to_py_err(py, &e))
            })
        }

        /// A generic HMAC-SHA256 header: ``header`` name, optional ``prefix`` (``"sha256="``), ``encoding``
        /// ``"hex"`` (the default) or ``"base64"``, optional ``timestamp_header`` (then ``timestamp + "." + body``
        /// is signed), optional ``id_header`` and ``signed_content``, a template of what is signed such as
        /// ``"{id}.{timestamp}.{body}"`` (``{header:Name}`` for any other header; ``invalid_signed_content``).
        #[staticmethod]
        #[pyo3(signature = (secret: "str | list[str]", *, header: "str", prefix: "str | None" = None, encoding: "str | None" = None, timestamp_header: "str | None" = None, id_header: "str | None" = None, signed_content: "str | None" = None, tolerance: "int | tuple[int, int] | None" = None, max_body: "int | None" = None, **unknown: "object") -> "Verifier")]
        #[allow(clippy::too_many_arguments)]
        fn hmac(
            py: Python<'_>,
            secret: &Bound<'_, PyAny>,
            header: &Bound<'_, PyAny>,
            prefix: Option<&Bound<'_, PyAny>>,
            encoding: Option<&Bound<'_, PyAny>>,
            timestamp_header: Option<&Bound<'_, PyAny>>,
            id_header: Option<&Bound<'_, PyAny>>,
            signed_content: Option<&Bound<'_, PyAny>>,
            tolerance: Option<&Bound<'_, PyAny>>,
            max_body: Option<&Bound<'_, PyAny>>,
            unknown: Option<&Bound<'_, PyDict>>,
        ) -> PyResult<Verifier> {
            guard(py, || {
                let secrets = boundary::decode(secret, &SECRET)?;
                let kwargs = [
                    ("header", Some(header)),
                    ("prefix", prefix),
                    ("encoding", encoding),
                    ("timestamp_header", timestamp_header),
                    ("id_header", id_header),
                    ("signed_content", signed_content),
                    ("tolerance", tolerance),
                    ("max_body", max_body),
                ];
                let options: core::HmacOptions = boundary::decode_kwargs(py, &kwargs, unknown, &OPTIONS)?;
                options.verifier(&secrets).map(|inner| Verifier { inner }).map_err(|e| to_py_err(py, &e))
            })
        }

        /// Positions of the secrets shorter than 24 bytes (accepted, but worth replacing).
        #[getter]
        fn weak_keys(&self) -> Vec<usize> {
            self.inner.weak_keys().to_vec()
        }

        /// Verifies a request. ``headers``: a mapping or (name, value) pairs; ``body``: the raw bytes as received;
        /// ``now``: unix seconds or an RFC 3339 instant (default: the system clock); ``check_time=False`` skips the
        /// timestamp window (for re-verifying stored deliveries). Raises ``fleetgate.WebhookError`` with the
        /// reason's ``.code`` and its typed fields in ``.details``.
        #[pyo3(signature = (headers: "dict[str, str] | list[tuple[str, str]]", body: "bytes | bytearray | memoryview", *, now: "int | str | None" = None, check_time: "bool | None" = None, **unknown: "object"))]
        fn verify(
            &self,
            py: Python<'_>,
            headers: &Bound<'_, PyAny>,
            body: &Bound<'_, PyAny>,
            now: Option<&Bound<'_, PyAny>>,
            check_time: Option<&Bound<'_, PyAny>>,
            unknown: Option<&Bound<'_, PyDict>>,
        ) -> PyResult<Py<PyAny>> {
            guard(py, || {
                let pairs = self::headers(headers)?;
                let kwargs = [("now", now), ("check_time", check_time)];
                let options: core::VerifyOptions = boundary::decode_kwargs(py, &kwargs, unknown, &OPTIONS)?;
                let time = options.time_check(system_clock);
                let ok = with_body(body, |b| self.inner.verify(&pairs, b, time))?;
                verified(py, &ok)
            })
        }

        /// Signs ``body`` with the first secret and returns the headers to send, as a dict. ``timestamp`` (unix
        /// seconds or an RFC 3339 instant) defaults to now for the schemes that sign one; ``msg_id`` (Standard
        /// Webhooks, a template's ``{id}``) defaults to one derived from the timestamp and body; ``headers`` gives
        /// the values of the headers a ``signed_content`` template names (``{header:Name}``).
        #[pyo3(signature = (body: "bytes | bytearray | memoryview", *, msg_id: "str | None" = None, timestamp: "int | str | None" = None, headers: "dict[str, str] | list[tuple[str, str]] | None" = None, **unknown: "object") -> "dict[str, str]")]
        #[allow(clippy::too_many_arguments)]
        fn sign(
            &self,
            py: Python<'_>,
            body: &Bound<'_, PyAny>,
            msg_id: Option<&Bound<'_, PyAny>>,
            timestamp: Option<&Bound<'_, PyAny>>,
            headers: Option<&Bound<'_, PyAny>>,
            unknown: Option<&Bound<'_, PyDict>>,
        ) -> PyResult<Py<PyDict>> {
            guard(py, || {
                let kwargs = [("msg_id", msg_id), ("timestamp", timestamp), ("headers", headers)];
                let options: core::SignOptions = boundary::decode_kwargs(py, &kwargs, unknown, &OPTIONS)?;
                let pairs = with_body(body, |b| options.sign(&self.inner, b, system_clock))?;
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
        #[pyo3(signature = (headers: "dict[str, str] | list[tuple[str, str]]", *, now: "int | str | None" = None, check_time: "bool | None" = None, **unknown: "object") -> "VerifyStream")]
        fn stream(
            &self,
            py: Python<'_>,
            headers: &Bound<'_, PyAny>,
            now: Option<&Bound<'_, PyAny>>,
            check_time: Option<&Bound<'_, PyAny>>,
            unknown: Option<&Bound<'_, PyDict>>,
        ) -> PyResult<VerifyStream> {
            guard(py, || {
                let pairs = self::headers(headers)?;
                let kwargs = [("now", now), ("check_time", check_time)];
                let options: core::VerifyOptions = boundary::decode_kwargs(py, &kwargs, unknown, &OPTIONS)?;
                let inner =
                    self.inner.stream(&pairs, options.time_check(system_clock)).map_err(|e| to_py_err(py, &e))?;
                Ok(VerifyStream { inner: std::sync::Mutex::new(Some(inner)) })
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
        /// Feeds the next chunk of the raw body (bytes, bytearray or memoryview).
        #[pyo3(signature = (chunk: "bytes | bytearray | memoryview") -> "None")]
        fn update(&self, py: Python<'_>, chunk: &Bound<'_, PyAny>) -> PyResult<()> {
            guard(py, || {
                let mut slot = self.inner.lock().unwrap_or_else(|p| p.into_inner());
                let stream = slot.as_mut().ok_or_else(|| to_py_err(py, &WebhookError::StreamFinished))?;
                with_body(chunk, |c| stream.update(c))
            })
        }

        /// Checks the signature over everything fed so far; the stream cannot be used afterwards.
        #[pyo3(signature = ())]
        fn finish(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
            guard(py, || {
                let taken = self.inner.lock().unwrap_or_else(|p| p.into_inner()).take();
                let stream = taken.ok_or_else(|| to_py_err(py, &WebhookError::StreamFinished))?;
                let ok = stream.finish().map_err(|e| to_py_err(py, &e))?;
                verified(py, &ok)
            })
        }
    }
}
