//! `fleetgate.retry`: wraps `fleetgate::retry` (backoff policies, Retry-After, retryable responses).

use pyo3::prelude::*;

/// Retries: backoff with jitter and budgets, ``Retry-After`` parsing, which responses to retry.
#[pymodule]
pub(crate) mod retry {
    use std::hash::{BuildHasher, Hasher};

    use fleetgate::boundary::Site;
    use fleetgate::retry as core;
    use pyo3::prelude::*;
    use pyo3::types::PyDict;

    use crate::boundary;
    use crate::errors::{guard, to_py_err};
    use crate::ratelimit::ratelimit::clock_us;

    const AREA: &str = "retry";

    type Kwarg<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

    fn seconds(us: i64) -> f64 {
        us as f64 / 1e6
    }

    /// A random seed, for a policy given without one.
    pub(crate) fn entropy() -> u64 {
        std::collections::hash_map::RandomState::new().build_hasher().finish()
    }

    /// A retry policy: ``kind`` is ``full_jitter`` (default), ``equal_jitter``, ``decorrelated`` or ``constant``;
    /// delays start at ``base`` seconds (default 0.1) and never exceed ``cap`` (default 30); at most
    /// ``max_attempts`` attempts in all (default 5, the first one included); the delays handed out total at most
    /// ``max_elapsed`` seconds when given. ``seed`` makes the random draws reproducible (default: a random seed).
    #[pyclass(module = "fleetgate._fleetgate.retry")]
    pub(crate) struct Backoff {
        inner: core::Backoff,
    }

    impl Backoff {
        /// The core policy, for other modules of the binding (``sse.Decoder.reconnect``).
        pub(crate) fn inner_mut(&mut self) -> &mut core::Backoff {
            &mut self.inner
        }

        /// The core policy, read-only (the HTTP clients copy it).
        pub(crate) fn inner(&self) -> &core::Backoff {
            &self.inner
        }
    }

    #[pymethods]
    impl Backoff {
        #[new]
        #[allow(clippy::too_many_arguments)]
        #[pyo3(signature = (kind: "str | None" = None, base: "float | None" = None, cap: "float | None" = None, max_attempts: "int | None" = None, max_elapsed: "float | None" = None, seed: "int | None" = None, **unknown: "object"))]
        fn new(
            py: Python<'_>,
            kind: Kwarg<'_, '_>,
            base: Kwarg<'_, '_>,
            cap: Kwarg<'_, '_>,
            max_attempts: Kwarg<'_, '_>,
            max_elapsed: Kwarg<'_, '_>,
            seed: Kwarg<'_, '_>,
            unknown: Option<&Bound<'_, PyDict>>,
        ) -> PyResult<Self> {
            guard(py, || {
                let given = [
                    ("kind", kind),
                    ("base", base),
                    ("cap", cap),
                    ("max_attempts", max_attempts),
                    ("max_elapsed", max_elapsed),
                    ("seed", seed),
                ];
                let options: core::BackoffOptions = boundary::decode_kwargs(py, &given, unknown, &Site::options(AREA))?;
                Ok(Backoff { inner: options.backoff(entropy()).map_err(|e| to_py_err(py, &e))? })
            })
        }

        /// The whole schedule (seconds) a fresh policy with these settings and seed hands out.
        #[pyo3(signature = () -> "list[float]")]
        fn delays(&self) -> Vec<f64> {
            self.inner.delays().into_iter().map(seconds).collect()
        }

        /// The delay (seconds) before the next attempt after ``attempt`` attempts (1 after the first failure), or
        /// ``None`` to give up. A server's ``retry_after`` (seconds) replaces the computed delay, capped at ``cap``;
        /// the attempt and elapsed budgets still apply.
        #[pyo3(signature = (attempt: "int", retry_after: "float | None" = None) -> "float | None")]
        fn next_delay(
            &mut self,
            py: Python<'_>,
            attempt: &Bound<'_, PyAny>,
            retry_after: Kwarg<'_, '_>,
        ) -> PyResult<Option<f64>> {
            guard(py, || {
                let attempt: u32 = boundary::decode(attempt, &Site::argument(AREA, "attempt"))?;
                let retry_after: Option<f64> =
                    boundary::decode_or_default(retry_after, &Site::argument(AREA, "retry_after"))?;
                let retry_after = core::retry_after_micros(retry_after).map_err(|e| to_py_err(py, &e))?;
                Ok(self.inner.next_delay(attempt, retry_after).map(seconds))
            })
        }

        /// The total of the delays handed out so far, in seconds.
        #[getter]
        fn elapsed(&self) -> f64 {
            seconds(self.inner.elapsed_us())
        }
    }

    /// Seconds to wait for a ``Retry-After`` value: delta-seconds or an HTTP-date (IMF-fixdate, RFC 850 or
    /// asctime), relative to ``now`` (unix seconds; default: the system clock). A past date means 0.
    /// Raises ``fleetgate.RetryError`` with code ``invalid_retry_after`` (or ``invalid_argument``).
    #[pyfunction]
    #[pyo3(signature = (value: "str", *, now: "float | None" = None) -> "float")]
    fn parse_retry_after(py: Python<'_>, value: &Bound<'_, PyAny>, now: Kwarg<'_, '_>) -> PyResult<f64> {
        guard(py, || {
            let value: String = boundary::decode(value, &Site::argument(AREA, "value"))?;
            let now: Option<f64> = boundary::decode_or_default(now, &Site::argument(AREA, "now"))?;
            core::parse_retry_after_s(&value, now, clock_us).map_err(|e| to_py_err(py, &e))
        })
    }

    /// Whether a failed request may be retried: ``status`` is the response status, or ``None`` for a connect or
    /// timeout error. Only 408, 425, 429, 500, 502, 503, 504; only idempotent methods unless
    /// ``idempotency_key`` is true. Raises ``fleetgate.RetryError`` (``invalid_status``, ``invalid_method``,
    /// ``invalid_argument``).
    #[pyfunction]
    #[pyo3(signature = (status: "int | None", method: "str", *, idempotency_key: "bool | None" = None) -> "bool")]
    fn is_retryable(
        py: Python<'_>,
        status: &Bound<'_, PyAny>,
        method: &Bound<'_, PyAny>,
        idempotency_key: Kwarg<'_, '_>,
    ) -> PyResult<bool> {
        guard(py, || {
            let status: Option<i64> = boundary::decode(status, &Site::argument(AREA, "status"))?;
            let method: String = boundary::decode(method, &Site::argument(AREA, "method"))?;
            let key: bool = boundary::decode_or_default(idempotency_key, &Site::argument(AREA, "idempotency_key"))?;
            core::is_retryable(status, &method, key).map_err(|e| to_py_err(py, &e))
        })
    }
}
