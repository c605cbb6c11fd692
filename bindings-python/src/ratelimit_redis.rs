//! `fleetgate.ratelimit`, the distributed part: `RedisPlan` (what `ratelimit.RedisLimiter` and
//! `AsyncRedisLimiter` in `fleetgate/_redis_limiter.py` send to Redis and how they read the reply, all from
//! `fleetgate::ratelimit::RedisPlan`).

use fleetgate::boundary::Site;
use fleetgate::ratelimit::{self as core, RateLimitError};
use pyo3::prelude::*;

use crate::boundary;
use crate::errors::{guard, to_py_err};
use crate::ratelimit::ratelimit::{clock_us, decision, Decision};

/// A request's ``cost`` (default: the core's, 1).
fn cost_arg(cost: Option<&Bound<'_, PyAny>>) -> PyResult<u64> {
    let cost: Option<u64> = boundary::decode_or_default(cost, &Site::argument("ratelimit", "cost"))?;
    Ok(cost.unwrap_or_else(|| core::CheckOptions::default().cost))
}

/// What a ``RedisLimiter`` runs: the script, its SHA-1, the keys and arguments of each call, and the decision in
/// each reply. ``RedisPlan({"limit": 10, "period": 3600, ...})`` takes the options of ``RedisLimiter`` as a dict.
#[pyclass(frozen, module = "fleetgate._fleetgate.ratelimit")]
pub(crate) struct RedisPlan {
    inner: core::RedisPlan,
}

#[pymethods]
impl RedisPlan {
    #[new]
    #[pyo3(signature = (options: "dict[str, object]"))]
    fn new(py: Python<'_>, options: &Bound<'_, PyAny>) -> PyResult<Self> {
        guard(py, || {
            let options: core::RedisLimiterOptions = boundary::decode(options, &Site::options("ratelimit"))?;
            if options.timeout_ms.is_some() {
                let problem = "Python takes timeout (seconds), not timeout_ms";
                return Err(to_py_err(py, &RateLimitError::InvalidQuota { problem }));
            }
            core::RedisPlan::new(&options).map(|inner| RedisPlan { inner }).map_err(|e| to_py_err(py, &e))
        })
    }

    /// The Lua script (``EVAL`` it when ``EVALSHA`` answers ``NOSCRIPT``).
    #[getter]
    fn script(&self) -> &'static str {
        self.inner.script()
    }

    /// The script's SHA-1, for ``EVALSHA``.
    #[getter]
    fn sha(&self) -> &str {
        self.inner.sha()
    }

    /// How long one decision may take, in seconds, before the ``on_error`` policy applies.
    #[getter]
    fn timeout(&self) -> f64 {
        self.inner.timeout_ms() as f64 / 1000.0
    }

    /// ``"sliding_log"`` or ``"gcra"``.
    #[getter]
    fn algorithm(&self) -> &'static str {
        self.inner.algorithm().name()
    }

    /// The script's ``KEYS`` for a client key (one per quota, hash-tagged ``{prefix:key}``).
    #[pyo3(signature = (key: "str") -> "list[str]")]
    fn keys(&self, py: Python<'_>, key: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
        guard(py, || Ok(self.inner.keys(&boundary::decode::<String>(key, &Site::argument("ratelimit", "key"))?)))
    }

    /// The script's ``ARGV`` for a request of ``cost``.
    #[pyo3(signature = (cost: "int | None" = None) -> "list[str]")]
    fn args(&self, py: Python<'_>, cost: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<String>> {
        guard(py, || self.inner.args(cost_arg(cost)?).map_err(|e| to_py_err(py, &e)))
    }

    /// The decision in the script's reply (a list of ints) to a request of ``cost``.
    #[pyo3(signature = (reply: "list[int]", cost: "int | None" = None) -> "Decision")]
    fn decision(
        &self,
        py: Python<'_>,
        reply: &Bound<'_, PyAny>,
        cost: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Decision> {
        guard(py, || {
            let reply: Vec<i64> = boundary::decode(reply, &Site::argument("ratelimit", "reply"))?;
            let d = self.inner.decision(&reply, cost_arg(cost)?);
            d.map(|d| decision(d, self.inner.legacy_headers())).map_err(|e| to_py_err(py, &e))
        })
    }

    /// The decision when Redis failed (``"store_error"``) or did not answer in time (``"timeout"``), by the
    /// ``on_error`` policy: allowed, denied for 1 s, or ``RateLimitError`` ``redis_error`` (``raise``).
    #[pyo3(signature = (reason: "str", message: "str") -> "Decision")]
    fn failure(&self, py: Python<'_>, reason: &Bound<'_, PyAny>, message: &Bound<'_, PyAny>) -> PyResult<Decision> {
        guard(py, || {
            let reason: String = boundary::decode(reason, &Site::argument("ratelimit", "reason"))?;
            let message: String = boundary::decode(message, &Site::argument("ratelimit", "message"))?;
            let d = self.inner.failure(core::RedisPlan::reason(&reason), &message, clock_us());
            d.map(|d| decision(d, self.inner.legacy_headers())).map_err(|e| to_py_err(py, &e))
        })
    }
}
