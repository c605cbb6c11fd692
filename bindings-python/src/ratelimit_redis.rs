//! `fleetgate.ratelimit`, the distributed part: `RedisPlan` (what `ratelimit.RedisLimiter` and
//! `AsyncRedisLimiter` in `fleetgate/_redis_limiter.py` send to Redis and how they read the reply, all from
//! `fleetgate::ratelimit::RedisPlan`) and the `quotas` of `Limiter(quotas=...)`.

use fleetgate::boundary::Site;
use fleetgate::ratelimit::{self as core, QuotaSpec, QuotasOption, RateLimitError};
use pyo3::prelude::*;

use crate::boundary;
use crate::errors::{guard, to_py_err};
use crate::ratelimit::ratelimit::{decision, now_micros, Decision};

/// The `quotas` keyword decoded through the boundary (`invalid_option` naming `quotas[i].limit`).
pub(crate) fn quotas(py: Python<'_>, quotas: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<QuotaSpec>>> {
    let option: QuotasOption =
        boundary::decode_kwargs(py, &[("quotas", quotas.filter(|q| !q.is_none()))], None, &Site::options("ratelimit"))?;
    Ok(option.quotas)
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
    fn keys(&self, key: &str) -> Vec<String> {
        self.inner.keys(key)
    }

    /// The script's ``ARGV`` for a request of ``cost``.
    #[pyo3(signature = (cost: "int" = 1) -> "list[str]")]
    fn args(&self, py: Python<'_>, cost: i64) -> PyResult<Vec<String>> {
        guard(py, || self.inner.args(u64::try_from(cost).unwrap_or(0)).map_err(|e| to_py_err(py, &e)))
    }

    /// The decision in the script's reply (a list of ints) to a request of ``cost``.
    #[pyo3(signature = (reply: "list[int]", cost: "int" = 1) -> "Decision")]
    fn decision(&self, py: Python<'_>, reply: &Bound<'_, PyAny>, cost: i64) -> PyResult<Decision> {
        guard(py, || {
            let reply: Vec<i64> = reply.extract().unwrap_or_default();
            let d = self.inner.decision(&reply, u64::try_from(cost).unwrap_or(0));
            d.map(|d| decision(d, self.inner.legacy_headers())).map_err(|e| to_py_err(py, &e))
        })
    }

    /// The decision when Redis failed (``"store_error"``) or did not answer in time (``"timeout"``), by the
    /// ``on_error`` policy: allowed, denied for 1 s, or ``RateLimitError`` ``redis_error`` (``raise``).
    #[pyo3(signature = (reason: "str", message: "str") -> "Decision")]
    fn failure(&self, py: Python<'_>, reason: &str, message: &str) -> PyResult<Decision> {
        guard(py, || {
            let now = now_micros(None).map_err(|e| to_py_err(py, &e))?;
            let d = self.inner.failure(core::RedisPlan::reason(reason), message, now);
            d.map(|d| decision(d, self.inner.legacy_headers())).map_err(|e| to_py_err(py, &e))
        })
    }
}
