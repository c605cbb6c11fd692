//! `fleetgate.retry`: wraps `fleetgate::retry` (backoff policies, Retry-After, retryable responses).

use pyo3::prelude::*;

/// Retries: backoff with jitter and budgets, ``Retry-After`` parsing, which responses to retry.
#[pymodule]
pub(crate) mod retry {
    use std::hash::{BuildHasher, Hasher};

    use fleetgate::ratelimit::micros_from_seconds;
    use fleetgate::retry::{self as core, Jitter, RetryError};
    use pyo3::prelude::*;

    use crate::errors::{guard, to_py_err};
    use crate::ratelimit::ratelimit::now_micros;

    fn seconds(us: i64) -> f64 {
        us as f64 / 1e6
    }

    fn micros(seconds: f64, what: &'static str) -> Result<i64, RetryError> {
        micros_from_seconds(seconds).ok_or(RetryError::InvalidBackoff { problem: what })
    }

    /// A retry policy: ``kind`` is ``full_jitter``, ``equal_jitter``, ``decorrelated`` or ``constant``; delays
    /// start at ``base`` seconds and never exceed ``cap``; at most ``max_attempts`` attempts in all (the first one
    /// included); the delays handed out total at most ``max_elapsed`` seconds when given. ``seed`` makes the
    /// random draws reproducible (default: a random seed).
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
        #[pyo3(signature = (kind: "str" = "full_jitter", base: "float" = 0.1, cap: "float" = 30.0, max_attempts: "int" = 5, max_elapsed: "float | None" = None, seed: "int | None" = None))]
        fn new(
            py: Python<'_>,
            kind: &str,
            base: f64,
            cap: f64,
            max_attempts: i64,
            max_elapsed: Option<f64>,
            seed: Option<u64>,
        ) -> PyResult<Self> {
            guard(py, || {
                let run = || -> Result<Self, RetryError> {
                    let max_elapsed =
                        max_elapsed.map(|m| micros(m, "max_elapsed must be non-negative seconds")).transpose()?;
                    let seed =
                        seed.unwrap_or_else(|| std::collections::hash_map::RandomState::new().build_hasher().finish());
                    let inner = core::Backoff::new(
                        Jitter::parse(kind)?,
                        micros(base, "base must be positive seconds")?,
                        micros(cap, "cap must be positive seconds")?,
                        u32::try_from(max_attempts).unwrap_or(0),
                        max_elapsed,
                        seed,
                    )?;
                    Ok(Backoff { inner })
                };
                run().map_err(|e| to_py_err(py, &e))
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
        fn next_delay(&mut self, py: Python<'_>, attempt: i64, retry_after: Option<f64>) -> PyResult<Option<f64>> {
            guard(py, || {
                let retry_after = retry_after
                    .map(|s| micros_from_seconds(s).ok_or(RetryError::InvalidRetryAfter { value: s.to_string() }))
                    .transpose()
                    .map_err(|e| to_py_err(py, &e))?;
                let attempt = u32::try_from(attempt.max(0)).unwrap_or(u32::MAX);
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
    /// Raises ``fleetgate.RetryError`` with code ``invalid_retry_after``.
    #[pyfunction]
    #[pyo3(signature = (value: "str", *, now: "float | None" = None) -> "float")]
    fn parse_retry_after(py: Python<'_>, value: &str, now: Option<f64>) -> PyResult<f64> {
        guard(py, || {
            let now = now_micros(now)
                .map_err(|_| to_py_err(py, &RetryError::InvalidRetryAfter { value: value.to_owned() }))?;
            core::parse_retry_after(value, now).map(seconds).map_err(|e| to_py_err(py, &e))
        })
    }

    /// Whether a failed request may be retried: ``status`` is the response status, or ``None`` for a connect or
    /// timeout error. Only 408, 425, 429, 500, 502, 503, 504; only idempotent methods unless
    /// ``idempotency_key`` is true. Raises ``fleetgate.RetryError`` (``invalid_status``, ``invalid_method``).
    #[pyfunction]
    #[pyo3(signature = (status: "int | None", method: "str", *, idempotency_key: "bool" = false) -> "bool")]
    fn is_retryable(py: Python<'_>, status: Option<i64>, method: &str, idempotency_key: bool) -> PyResult<bool> {
        guard(py, || core::is_retryable(status, method, idempotency_key).map_err(|e| to_py_err(py, &e)))
    }
}
