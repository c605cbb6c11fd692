//! `fleetgate.ratelimit`: wraps `fleetgate::ratelimit` (GCRA / sliding-log limiters, the Redis GCRA script,
//! client keys).

use pyo3::prelude::*;

/// Rate limiting: GCRA and sliding-log limiters, the same GCRA as a Redis Lua script, and client keys.
#[pymodule]
pub(crate) mod ratelimit {
    use std::time::{SystemTime, UNIX_EPOCH};

    use fleetgate::boundary::{header_pairs, Site};
    use fleetgate::ratelimit as core;
    use pyo3::prelude::*;
    use pyo3::types::PyDict;

    use crate::boundary;
    use crate::errors::{guard, to_py_err};

    const AREA: &str = "ratelimit";
    #[pymodule_export]
    use crate::ratelimit_redis::RedisPlan;

    /// The GCRA as a Redis Lua script: ``KEYS[1]`` is the key, ``ARGV`` is ``redis_args(...)``; it replies
    /// ``[allowed, now_us, state_before_us]`` (pass that to ``decision_from_redis``). Uses Redis ``TIME``.
    #[pymodule_export]
    const REDIS_GCRA_SCRIPT: &str = core::REDIS_GCRA_SCRIPT;

    /// The system clock in microseconds since the epoch.
    pub(crate) fn clock_us() -> i64 {
        SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_micros() as i64)
    }

    type Kwarg<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

    /// One rate-limit decision.
    #[pyclass(frozen, module = "fleetgate._fleetgate.ratelimit")]
    pub(crate) struct Decision {
        pub(crate) inner: core::Decision,
        pub(crate) legacy_headers: bool,
    }

    #[pymethods]
    impl Decision {
        /// Whether the request may proceed.
        #[getter]
        fn allowed(&self) -> bool {
            self.inner.allowed
        }

        /// How many more requests of cost 1 the key could make right now.
        #[getter]
        fn remaining(&self) -> u64 {
            self.inner.remaining
        }

        /// When denied, seconds (rounded up) until the request would be allowed; 0 when allowed.
        #[getter]
        fn retry_after(&self) -> i64 {
            self.inner.retry_after_s()
        }

        /// Seconds (rounded up) until the key is back to its full quota.
        #[getter]
        fn reset(&self) -> i64 {
            self.inner.reset_s()
        }

        /// The instant of the decision in unix seconds (the caller's ``now`` or Redis' ``TIME``).
        #[getter]
        fn at(&self) -> f64 {
            self.inner.at_s()
        }

        /// The response headers: ``RateLimit-Policy``, ``RateLimit``, ``Retry-After`` when denied, and the
        /// ``X-RateLimit-*`` headers when the limiter was made with ``legacy_headers=True``.
        #[getter]
        fn headers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
            let dict = PyDict::new(py);
            for (name, value) in self.inner.headers(self.legacy_headers) {
                dict.set_item(name, value)?;
            }
            Ok(dict)
        }

        /// With several quotas, the index of the quota that denied; ``None`` when allowed or with one quota.
        #[getter]
        fn denied_by(&self) -> Option<usize> {
            self.inner.denied_by
        }

        /// ``None`` normally; ``"timeout"`` or ``"store_error"`` when a ``RedisLimiter`` decided by its
        /// ``on_error`` policy because Redis failed.
        #[getter]
        fn reason(&self) -> Option<&'static str> {
            self.inner.reason.map(|r| r.as_str())
        }

        fn __repr__(&self) -> String {
            let d = &self.inner;
            format!(
                "Decision(allowed={}, remaining={}, retry_after={}, reset={})",
                if d.allowed { "True" } else { "False" },
                d.remaining,
                d.retry_after_s(),
                d.reset_s()
            )
        }
    }

    pub(crate) fn decision(inner: core::Decision, legacy_headers: bool) -> Decision {
        Decision { inner, legacy_headers }
    }

    /// A keyed in-memory rate limiter: ``limit`` requests per ``period`` seconds per key, with the GCRA
    /// (``burst`` defaults to ``limit``) or the sliding log (at most ``limit`` in any window; no burst).
    ///
    /// Idle keys are evicted automatically; ``len(limiter)`` is the number of keys held.
    #[pyclass(module = "fleetgate._fleetgate.ratelimit")]
    pub(crate) struct Limiter {
        inner: core::Limiter,
        legacy_headers: bool,
    }

    #[pymethods]
    impl Limiter {
        #[new]
        #[pyo3(signature = (limit: "int | None" = None, period: "float | None" = None, *, burst: "int | None" = None, algorithm: "str | None" = None, legacy_headers: "bool | None" = None, quotas: "list[dict[str, float]] | None" = None, **unknown: "object"))]
        #[allow(clippy::too_many_arguments)]
        fn new(
            py: Python<'_>,
            limit: Kwarg<'_, '_>,
            period: Kwarg<'_, '_>,
            burst: Kwarg<'_, '_>,
            algorithm: Kwarg<'_, '_>,
            legacy_headers: Kwarg<'_, '_>,
            quotas: Kwarg<'_, '_>,
            unknown: Option<&Bound<'_, PyDict>>,
        ) -> PyResult<Self> {
            guard(py, || {
                let given = [
                    ("limit", limit),
                    ("period", period),
                    ("burst", burst),
                    ("algorithm", algorithm),
                    ("legacy_headers", legacy_headers),
                    ("quotas", quotas),
                ];
                let options: core::LimiterOptions = boundary::decode_kwargs(py, &given, unknown, &Site::options(AREA))?;
                let inner = options.limiter().map_err(|e| to_py_err(py, &e))?;
                Ok(Limiter { inner, legacy_headers: options.legacy_headers })
            })
        }

        /// Decides one request of ``cost`` (default 1) for ``key`` at ``now`` (unix seconds; default: the system
        /// clock).
        #[pyo3(signature = (key: "str", *, now: "float | None" = None, cost: "int | None" = None, **unknown: "object") -> "Decision")]
        fn check(
            &mut self,
            py: Python<'_>,
            key: &Bound<'_, PyAny>,
            now: Kwarg<'_, '_>,
            cost: Kwarg<'_, '_>,
            unknown: Option<&Bound<'_, PyDict>>,
        ) -> PyResult<Decision> {
            guard(py, || {
                let key: String = boundary::decode(key, &Site::argument(AREA, "key"))?;
                let options: core::CheckOptions =
                    boundary::decode_kwargs(py, &[("now", now), ("cost", cost)], unknown, &Site::options(AREA))?;
                let now = core::now_micros(options.now, clock_us).map_err(|e| to_py_err(py, &e))?;
                let d = self.inner.check(&key, now, options.cost).map_err(|e| to_py_err(py, &e))?;
                Ok(decision(d, self.legacy_headers))
            })
        }

        /// Drops every key that is idle at ``now``; returns how many were dropped.
        #[pyo3(signature = (*, now: "float | None" = None) -> "int")]
        fn evict_idle(&mut self, py: Python<'_>, now: Kwarg<'_, '_>) -> PyResult<usize> {
            guard(py, || {
                let now: Option<f64> = boundary::decode_or_default(now, &Site::argument(AREA, "now"))?;
                Ok(self.inner.evict_idle(core::now_micros(now, clock_us).map_err(|e| to_py_err(py, &e))?))
            })
        }

        fn __len__(&self) -> usize {
            self.inner.len()
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn step_options(
        py: Python<'_>,
        limit: Kwarg<'_, '_>,
        period: Kwarg<'_, '_>,
        burst: Kwarg<'_, '_>,
        cost: Kwarg<'_, '_>,
        legacy_headers: Kwarg<'_, '_>,
        unknown: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<core::StepOptions> {
        let given = [
            ("limit", limit),
            ("period", period),
            ("burst", burst),
            ("cost", cost),
            ("legacy_headers", legacy_headers),
        ];
        boundary::decode_kwargs(py, &given, unknown, &Site::options(AREA))
    }

    /// One GCRA step over a state you store yourself: ``state`` is the key's theoretical arrival time in
    /// microseconds (0 for a new key). Returns ``(decision, new_state)``; store ``new_state`` (with
    /// compare-and-set if several processes share it). The quota defaults to 10 per 3600 s, the cost to 1.
    #[pyfunction]
    #[pyo3(signature = (state: "int", now: "float", *, limit: "int | None" = None, period: "float | None" = None, burst: "int | None" = None, cost: "int | None" = None, legacy_headers: "bool | None" = None, **unknown: "object") -> "tuple[Decision, int]")]
    #[allow(clippy::too_many_arguments)]
    fn gcra_step(
        py: Python<'_>,
        state: &Bound<'_, PyAny>,
        now: &Bound<'_, PyAny>,
        limit: Kwarg<'_, '_>,
        period: Kwarg<'_, '_>,
        burst: Kwarg<'_, '_>,
        cost: Kwarg<'_, '_>,
        legacy_headers: Kwarg<'_, '_>,
        unknown: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<(Decision, i64)> {
        guard(py, || {
            let state: i64 = boundary::decode(state, &Site::argument(AREA, "state"))?;
            let now: f64 = boundary::decode(now, &Site::argument(AREA, "now"))?;
            let options = step_options(py, limit, period, burst, cost, legacy_headers, unknown)?;
            let (d, next) = options.step(state, now).map_err(|e| to_py_err(py, &e))?;
            Ok((decision(d, options.legacy_headers), next))
        })
    }

    /// The ``ARGV`` of ``REDIS_GCRA_SCRIPT`` for this quota and cost.
    #[pyfunction]
    #[pyo3(signature = (*, limit: "int | None" = None, period: "float | None" = None, burst: "int | None" = None, cost: "int | None" = None, **unknown: "object") -> "list[str]")]
    fn redis_args(
        py: Python<'_>,
        limit: Kwarg<'_, '_>,
        period: Kwarg<'_, '_>,
        burst: Kwarg<'_, '_>,
        cost: Kwarg<'_, '_>,
        unknown: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Vec<String>> {
        guard(py, || {
            let options = step_options(py, limit, period, burst, cost, None, unknown)?;
            options.redis_argv().map(Vec::from).map_err(|e| to_py_err(py, &e))
        })
    }

    /// Turns the reply of ``REDIS_GCRA_SCRIPT`` (``[allowed, now_us, state_before_us]``) into a ``Decision``.
    #[pyfunction]
    #[pyo3(signature = (reply: "list[int]", *, limit: "int | None" = None, period: "float | None" = None, burst: "int | None" = None, cost: "int | None" = None, legacy_headers: "bool | None" = None, **unknown: "object") -> "Decision")]
    #[allow(clippy::too_many_arguments)]
    fn decision_from_redis(
        py: Python<'_>,
        reply: &Bound<'_, PyAny>,
        limit: Kwarg<'_, '_>,
        period: Kwarg<'_, '_>,
        burst: Kwarg<'_, '_>,
        cost: Kwarg<'_, '_>,
        legacy_headers: Kwarg<'_, '_>,
        unknown: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Decision> {
        guard(py, || {
            let reply: Vec<i64> = boundary::decode(reply, &Site::argument(AREA, "reply"))?;
            let options = step_options(py, limit, period, burst, cost, legacy_headers, unknown)?;
            let d = options.decision_from_redis(&reply).map_err(|e| to_py_err(py, &e))?;
            Ok(decision(d, options.legacy_headers))
        })
    }

    /// The rate-limit key of a request's client: the IPv4 address, or the IPv6 network (``/ipv6_prefix``, 56 by
    /// default).
    ///
    /// ``headers`` is a mapping or a list of ``(name, value)`` pairs; ``X-Forwarded-For`` and ``Forwarded`` are
    /// read only when ``trusted_proxies`` is a hop count above 0 or a list of trusted networks (CIDR strings).
    /// Raises ``fleetgate.RateLimitError`` (``invalid_address``, ``invalid_network``, ``invalid_prefix``,
    /// ``conflicting_forwarded_headers``, ``invalid_argument``, ``invalid_option``).
    #[pyfunction]
    #[pyo3(signature = (peer: "str", headers: "dict[str, str] | list[tuple[str, str]] | None" = None, *, trusted_proxies: "int | list[str] | None" = None, ipv6_prefix: "int | None" = None, **unknown: "object") -> "str")]
    fn client_key(
        py: Python<'_>,
        peer: &Bound<'_, PyAny>,
        headers: Kwarg<'_, '_>,
        trusted_proxies: Kwarg<'_, '_>,
        ipv6_prefix: Kwarg<'_, '_>,
        unknown: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<String> {
        guard(py, || {
            let peer: String = boundary::decode(peer, &Site::argument(AREA, "peer"))?;
            let site = Site::argument(AREA, "headers");
            let walked = match headers {
                Some(h) => boundary::value(h, &site)?,
                None => fleetgate::boundary::Value::Null,
            };
            let pairs = header_pairs(walked, &site).map_err(|e| boundary::arg_err(py, e))?;
            let given = [("trusted_proxies", trusted_proxies), ("ipv6_prefix", ipv6_prefix)];
            let options: core::ClientKeyOptions = boundary::decode_kwargs(py, &given, unknown, &Site::options(AREA))?;
            options.client_key(&peer, &pairs).map_err(|e| to_py_err(py, &e))
        })
    }

    /// The rate-limit key of a request's client on a hosting ``platform``: ``"vercel"`` trusts only ``X-Real-IP``
    /// and ``"cloudflare"`` only ``CF-Connecting-IP`` (both set by the platform, whatever the client sent),
    /// ``"trusted_proxies"`` walks ``X-Forwarded-For`` / ``Forwarded`` from ``peer`` like :func:`client_key`, and
    /// ``"none"`` refuses. ``headers`` is a mapping or ``(name, value)`` pairs. Raises ``fleetgate.RateLimitError``
    /// (``missing_client_address``, ``invalid_platform``, ``invalid_address``, ``invalid_network``,
    /// ``invalid_prefix``, ``conflicting_forwarded_headers``, ``invalid_argument``, ``invalid_option``).
    #[pyfunction]
    #[pyo3(signature = (headers: "dict[str, str] | list[tuple[str, str]] | None", peer: "str | None" = None, *, platform: "str | None" = None, trusted_proxies: "int | list[str] | None" = None, ipv6_prefix: "int | None" = None, **unknown: "object") -> "str")]
    fn client_key_from_request(
        py: Python<'_>,
        headers: Option<&Bound<'_, PyAny>>,
        peer: Kwarg<'_, '_>,
        platform: Kwarg<'_, '_>,
        trusted_proxies: Kwarg<'_, '_>,
        ipv6_prefix: Kwarg<'_, '_>,
        unknown: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<String> {
        guard(py, || {
            let site = Site::argument(AREA, "headers");
            let given = match headers {
                Some(h) => boundary::value(h, &site)?,
                None => fleetgate::boundary::Value::Null,
            };
            let pairs = header_pairs(given, &site).map_err(|e| boundary::arg_err(py, e))?;
            let kwargs = [
                ("platform", platform),
                ("peer", peer),
                ("trusted_proxies", trusted_proxies),
                ("ipv6_prefix", ipv6_prefix),
            ];
            let options: core::ClientKeyFromRequestOptions =
                boundary::decode_kwargs(py, &kwargs, unknown, &Site::options(AREA))?;
            options.client_key(&pairs).map_err(|e| to_py_err(py, &e))
        })
    }
}
