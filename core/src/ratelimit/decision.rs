//! The outcome of one rate-limit check and the HTTP response headers that describe it.

use super::{ceil_seconds, Quota};

/// What a limiter decided for one request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// Whether the request may proceed.
    pub allowed: bool,
    /// How many more requests of cost 1 the key could make right now.
    pub remaining: u64,
    /// When denied, microseconds until this request would be allowed; 0 when allowed.
    pub retry_after_us: i64,
    /// Microseconds until the key is back to its full quota (its state is empty again).
    pub reset_us: i64,
    /// The quota's limit (requests per period), for the headers.
    pub limit: u64,
    /// The quota's period in microseconds, for the headers.
    pub period_us: i64,
    /// The instant the decision was made at, in microseconds (the caller's `now`, or Redis' `TIME`).
    pub at_us: i64,
    /// With several quotas, the index of the quota that denied (the one that frees last); `None` when allowed or
    /// when there is one quota.
    pub denied_by: Option<usize>,
    /// Why the decision was not made by the algorithm: `None` normally, else the failure it was made under
    /// (a distributed limiter's `on_error` policy applied).
    pub reason: Option<Reason>,
}

/// A decision made without consulting the shared state, under a distributed limiter's failure policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Reason {
    /// The store did not answer within the timeout.
    Timeout,
    /// The store answered with an error or could not be reached.
    StoreError,
}

impl Reason {
    /// The reason's name as the bindings show it: `timeout` or `store_error`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Reason::Timeout => "timeout",
            Reason::StoreError => "store_error",
        }
    }
}

impl Decision {
    pub(crate) fn new(
        quota: &Quota,
        now_us: i64,
        allowed: bool,
        remaining: u64,
        retry_after_us: i64,
        reset_us: i64,
    ) -> Self {
        Decision {
            allowed,
            remaining,
            retry_after_us: retry_after_us.max(0),
            reset_us: reset_us.max(0),
            limit: quota.limit(),
            period_us: quota.period_us(),
            at_us: now_us,
            denied_by: None,
            reason: None,
        }
    }

    /// `retry_after_us` in whole seconds, rounded up (the `Retry-After` value); 0 when allowed.
    pub fn retry_after_s(&self) -> i64 {
        ceil_seconds(self.retry_after_us)
    }

    /// `reset_us` in whole seconds, rounded up (the `t` of the `RateLimit` header).
    pub fn reset_s(&self) -> i64 {
        ceil_seconds(self.reset_us)
    }

    /// The response headers, in this order: `RateLimit-Policy: "default";q=<limit>;w=<period s>`,
    /// `RateLimit: "default";r=<remaining>;t=<reset s>`, then `Retry-After: <s>` when denied. With `legacy`, also
    /// `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` (seconds until reset, like `t`).
    pub fn headers(&self, legacy: bool) -> Vec<(&'static str, String)> {
        let mut headers = vec![
            ("RateLimit-Policy", format!("\"default\";q={};w={}", self.limit, ceil_seconds(self.period_us))),
            ("RateLimit", format!("\"default\";r={};t={}", self.remaining, self.reset_s())),
        ];
        if !self.allowed {
            headers.push(("Retry-After", self.retry_after_s().to_string()));
        }
        if legacy {
            headers.push(("X-RateLimit-Limit", self.limit.to_string()));
            headers.push(("X-RateLimit-Remaining", self.remaining.to_string()));
            headers.push(("X-RateLimit-Reset", self.reset_s().to_string()));
        }
        headers
    }
}

/// How many numbers [`Decision::write_fields`] writes: allowed (1/0), remaining, retry-after (s), reset (s), at
/// (unix s), denied-by (-1 for none), reason (0 none, 1 timeout, 2 store error), limit, period (µs), legacy
/// headers (1/0). The napi package's JS `Limiter` reads a decision this way, without a native object per call.
pub const DECISION_FIELDS: usize = 10;

impl Decision {
    /// Writes the decision's numbers into `out[..DECISION_FIELDS]` (see [`DECISION_FIELDS`]); `false` (nothing
    /// written) when `out` is shorter.
    pub fn write_fields(&self, legacy_headers: bool, out: &mut [f64]) -> bool {
        let Some(out) = out.get_mut(..DECISION_FIELDS) else { return false };
        let reason = match self.reason {
            None => 0.0,
            Some(Reason::Timeout) => 1.0,
            Some(Reason::StoreError) => 2.0,
        };
        out.copy_from_slice(&[
            f64::from(u8::from(self.allowed)),
            self.remaining as f64,
            self.retry_after_s() as f64,
            self.reset_s() as f64,
            self.at_us as f64 / 1e6,
            self.denied_by.map_or(-1.0, |i| i as f64),
            reason,
            self.limit as f64,
            self.period_us as f64,
            f64::from(u8::from(legacy_headers)),
        ]);
        true
    }

    /// The response headers of a decision given by the numbers [`Decision::write_fields`] wrote (a number that
    /// is missing, negative or not whole reads as 0).
    pub fn headers_of_fields(fields: &[f64]) -> Vec<(&'static str, String)> {
        let whole = |i: usize| fields.get(i).copied().filter(|f| f.is_finite() && *f >= 0.0).map_or(0, |f| f as u64);
        let seconds = |i: usize| i64::try_from(whole(i)).unwrap_or(i64::MAX).saturating_mul(super::MICROS_PER_SECOND);
        let d = Decision {
            allowed: whole(0) == 1,
            remaining: whole(1),
            retry_after_us: seconds(2),
            reset_us: seconds(3),
            limit: whole(7),
            period_us: i64::try_from(whole(8)).unwrap_or(i64::MAX),
            at_us: 0,
            denied_by: None,
            reason: None,
        };
        d.headers(whole(9) == 1)
    }
}
