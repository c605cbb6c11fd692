//! `fleetgate.ratelimit`: wraps `fleetgate::ratelimit` (GCRA / sliding-log limiters, the Redis GCRA script,
//! client keys).

use pyo3::prelude::*;

/// Rate limiting: GCRA and sliding-log limiters, the same GCRA as a Redis Lua script, and client keys.
#[pymodule]
pub(crate) mod ratelimit {
    use std::time::{SystemTime, UNIX_EPOCH};

    use fleetgate::ratelimit::{self as core, Algorithm, Network, Quota, RateLimitError, TrustedProxies};
    use pyo3::prelude::*;
    use pyo3::types::{PyBool, PyDict, PyInt, PyString};

    use crate::errors::{guard, to_py_err};

    /// The GCRA as a Redis Lua script: ``KEYS[1]`` is the key, ``ARGV`` is ``redis_args(...)``; it replies
    /// ``[allowed, now_us, state_before_us]`` (pass that to ``decision_from_redis``). Uses Redis ``TIME``.
    #[pymodule_export]
    const REDIS_GCRA_SCRIPT: &str = core::REDIS_GCRA_SCRIPT;

    fn shown(value: &Bound<'_, PyAny>) -> String {
        value.repr().map(|r| r.to_string()).unwrap_or_else(|_| "<unprintable>".to_owned())
    }

    /// `now` in microseconds: the given unix seconds, or the system clock.
    pub(crate) fn now_micros(now: Option<f64>) -> Result<i64, RateLimitError> {
        match now {
            Some(seconds) => core::micros_from_seconds(seconds)
                .ok_or_else(|| RateLimitError::InvalidNow { value: seconds.to_string() }),
            None => Ok(SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_micros() as i64)),
        }
    }

    fn quota(limit: i64, period: f64, burst: Option<i64>) -> Result<Quota, RateLimitError> {
        let count = |n: i64| u64::try_from(n).unwrap_or(0);
        let period = core::micros_from_seconds(period)
            .ok_or(RateLimitError::InvalidQuota { problem: "period must be a positive number of seconds" })?;
        Quota::new(count(limit), period, burst.map(count))
    }

    fn cost(cost: i64) -> u64 {
        u64::try_from(cost).unwrap_or(0)
    }

    /// One rate-limit decision.
    #[pyclass(frozen, module = "fleetgate._fleetgate.ratelimit")]
    pub(crate) struct Decision {
        inner: core::Decision,
        legacy_headers: bool,
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
            self.inner.at_us as f64 / 1e6
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

    fn decision(inner: core::Decision, legacy_headers: bool) -> Decision {
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
        #[pyo3(signature = (limit: "int" = 10, period: "float" = 3600.0, *, burst: "int | None" = None, algorithm: "str" = "gcra", legacy_headers: "bool" = false))]
        fn new(
            py: Python<'_>,
            limit: i64,
            period: f64,
            burst: Option<i64>,
            algorithm: &str,
            legacy_headers: bool,
        ) -> PyResult<Self> {
            guard(py, || {
                let run = || -> Result<Self, RateLimitError> {
                    let quota = quota(limit, period, burst)?;
                    Ok(Limiter { inner: core::Limiter::new(quota, Algorithm::parse(algorithm)?)?, legacy_headers })
                };
                run().map_err(|e| to_py_err(py, &e))
            })
        }

        /// Decides one request of ``cost`` for ``key`` at ``now`` (unix seconds; default: the system clock).
        #[pyo3(signature = (key: "str", *, now: "float | None" = None, cost: "int" = 1) -> "Decision")]
        fn check(&mut self, py: Python<'_>, key: &str, now: Option<f64>, cost: i64) -> PyResult<Decision> {
            guard(py, || {
                let now = now_micros(now).map_err(|e| to_py_err(py, &e))?;
                let d = self.inner.check(key, now, self::cost(cost)).map_err(|e| to_py_err(py, &e))?;
                Ok(decision(d, self.legacy_headers))
            })
        }

        /// Drops every key that is idle at ``now``; returns how many were dropped.
        #[pyo3(signature = (*, now: "float | None" = None) -> "int")]
        fn evict_idle(&mut self, py: Python<'_>, now: Option<f64>) -> PyResult<usize> {
            guard(py, || Ok(self.inner.evict_idle(now_micros(now).map_err(|e| to_py_err(py, &e))?)))
        }

        fn __len__(&self) -> usize {
            self.inner.len()
        }
    }

    /// One GCRA step over a state you store yourself: ``state`` is the key's theoretical arrival time in
    /// microseconds (0 for a new key). Returns ``(decision, new_state)``; store ``new_state`` (with
    /// compare-and-set if several processes share it).
    #[pyfunction]
    #[pyo3(signature = (state: "int", now: "float", *, limit: "int", period: "float", burst: "int | None" = None, cost: "int" = 1) -> "tuple[Decision, int]")]
    fn gcra_step(
        py: Python<'_>,
        state: i64,
        now: f64,
        limit: i64,
        period: f64,
        burst: Option<i64>,
        cost: i64,
    ) -> PyResult<(Decision, i64)> {
        guard(py, || {
            let run = || -> Result<(Decision, i64), RateLimitError> {
                let quota = quota(limit, period, burst)?;
                let (d, next) = core::gcra_step(&quota, state, now_micros(Some(now))?, self::cost(cost))?;
                Ok((decision(d, false), next))
            };
            run().map_err(|e| to_py_err(py, &e))
        })
    }

    /// The ``ARGV`` of ``REDIS_GCRA_SCRIPT`` for this quota and cost.
    #[pyfunction]
    #[pyo3(signature = (*, limit: "int", period: "float", burst: "int | None" = None, cost: "int" = 1) -> "list[str]")]
    fn redis_args(py: Python<'_>, limit: i64, period: f64, burst: Option<i64>, cost: i64) -> PyResult<Vec<String>> {
        guard(py, || {
            let run = || core::redis_argv(&quota(limit, period, burst)?, self::cost(cost)).map(Vec::from);
            run().map_err(|e| to_py_err(py, &e))
        })
    }

    /// Turns the reply of ``REDIS_GCRA_SCRIPT`` (``[allowed, now_us, state_before_us]``) into a ``Decision``.
    #[pyfunction]
    #[pyo3(signature = (reply: "list[int]", *, limit: "int", period: "float", burst: "int | None" = None, cost: "int" = 1, legacy_headers: "bool" = false) -> "Decision")]
    #[allow(clippy::too_many_arguments)]
    fn decision_from_redis(
        py: Python<'_>,
        reply: Vec<i64>,
        limit: i64,
        period: f64,
        burst: Option<i64>,
        cost: i64,
        legacy_headers: bool,
    ) -> PyResult<Decision> {
        guard(py, || {
            let run = || core::decision_from_redis_reply(&quota(limit, period, burst)?, &reply, self::cost(cost));
            run().map(|d| decision(d, legacy_headers)).map_err(|e| to_py_err(py, &e))
        })
    }

    /// The rate-limit key of a request's client: the IPv4 address, or the IPv6 network (``/ipv6_prefix``).
    ///
    /// ``headers`` is a mapping or a list of ``(name, value)`` pairs; ``X-Forwarded-For`` and ``Forwarded`` are
    /// read only when ``trusted_proxies`` is a hop count above 0 or a list of trusted networks (CIDR strings).
    /// Raises ``fleetgate.RateLimitError`` (``invalid_address``, ``invalid_network``, ``invalid_prefix``,
    /// ``conflicting_forwarded_headers``).
    #[pyfunction]
    #[pyo3(signature = (peer: "str", headers: "dict[str, str] | list[tuple[str, str]] | None" = None, *, trusted_proxies: "int | list[str] | None" = None, ipv6_prefix: "int" = 56) -> "str")]
    fn client_key(
        py: Python<'_>,
        peer: &str,
        headers: Option<&Bound<'_, PyAny>>,
        trusted_proxies: Option<&Bound<'_, PyAny>>,
        ipv6_prefix: i64,
    ) -> PyResult<String> {
        guard(py, || {
            let pairs = header_pairs(headers)?;
            let run = || -> Result<String, RateLimitError> {
                let prefix = core::ipv6_prefix(ipv6_prefix)?;
                let trusted = trusted(trusted_proxies)?;
                let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
                core::client_key(peer, &borrowed, &trusted, prefix)
            };
            run().map_err(|e| to_py_err(py, &e))
        })
    }

    fn trusted(value: Option<&Bound<'_, PyAny>>) -> Result<TrustedProxies, RateLimitError> {
        let Some(value) = value else { return Ok(TrustedProxies::Hops(0)) };
        let invalid = || RateLimitError::InvalidNetwork {
            network: shown(value),
            problem: "trusted_proxies must be a hop count or a list of networks",
        };
        if value.is_instance_of::<PyBool>() || value.is_instance_of::<PyString>() {
            return Err(invalid());
        }
        if let Ok(hops) = value.cast::<PyInt>() {
            return hops.extract::<u32>().map(TrustedProxies::Hops).map_err(|_| invalid());
        }
        let networks = value.try_iter().map_err(|_| invalid())?;
        let mut parsed = Vec::new();
        for item in networks {
            let text: String = item.and_then(|i| i.extract()).map_err(|_| invalid())?;
            parsed.push(Network::parse(&text)?);
        }
        Ok(TrustedProxies::Networks(parsed))
    }

    /// Header pairs from a mapping (its ``items()``) or an iterable of pairs.
    fn header_pairs(headers: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<(String, String)>> {
        let Some(headers) = headers else { return Ok(Vec::new()) };
        let items = if headers.hasattr("items")? { headers.call_method0("items")? } else { headers.clone() };
        items.try_iter()?.map(|pair| pair?.extract::<(String, String)>()).collect()
    }

    /// The rate-limit key of a request's client on a hosting ``platform``: ``"vercel"`` trusts only ``X-Real-IP``
    /// and ``"cloudflare"`` only ``CF-Connecting-IP`` (both set by the platform, whatever the client sent),
    /// ``"trusted_proxies"`` walks ``X-Forwarded-For`` / ``Forwarded`` from ``peer`` like :func:`client_key`, and
    /// ``"none"`` refuses. Raises ``fleetgate.RateLimitError`` (``missing_client_address``, ``invalid_platform``,
    /// ``invalid_address``, ``invalid_network``, ``invalid_prefix``, ``conflicting_forwarded_headers``).
    #[pyfunction]
    #[pyo3(signature = (headers: "dict[str, str] | list[tuple[str, str]] | None", peer: "str | None" = None, *, platform: "str", trusted_proxies: "int | list[str] | None" = None, ipv6_prefix: "int" = 56) -> "str")]
    fn client_key_from_request(
        py: Python<'_>,
        headers: Option<&Bound<'_, PyAny>>,
        peer: Option<&str>,
        platform: &str,
        trusted_proxies: Option<&Bound<'_, PyAny>>,
        ipv6_prefix: i64,
    ) -> PyResult<String> {
        guard(py, || {
            let pairs = header_pairs(headers)?;
            let run = || -> Result<String, RateLimitError> {
                let platform = core::Platform::parse(platform)?;
                let prefix = core::ipv6_prefix(ipv6_prefix)?;
                let trusted = trusted(trusted_proxies)?;
                let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
                core::client_key_from_request(platform, &borrowed, peer, &trusted, prefix)
            };
            run().map_err(|e| to_py_err(py, &e))
        })
    }
}
