//! Several quotas on one key (3 per minute and 10 per hour): consumed together or not at all, and the decision
//! names the quota that denied. The same combination serves the in-memory [`Limiter`] and the Redis scripts
//! ([`super::redis_plan`]), so both decide alike.

use serde::Deserialize;

use super::{micros_from_seconds, Algorithm, Decision, Limiter, Quota, RateLimitError};

/// The most quotas one limiter takes.
pub const MAX_QUOTAS: usize = 16;

/// One quota as the bindings give it in `quotas`: `{limit, period}` (seconds), with `burst` (GCRA only).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuotaSpec {
    /// Requests per period (at least 1).
    pub limit: u64,
    /// The period in seconds.
    pub period: f64,
    /// The GCRA burst (default: `limit`; the sliding log takes none).
    #[serde(default)]
    pub burst: Option<u64>,
}

impl QuotaSpec {
    /// The quota (`invalid_quota` when unusable).
    pub fn quota(&self) -> Result<Quota, RateLimitError> {
        let period = micros_from_seconds(self.period)
            .ok_or(RateLimitError::InvalidQuota { problem: "period must be a positive number of seconds" })?;
        Quota::new(self.limit, period, self.burst)
    }
}

/// The `quotas` keyword alone (Python's `Limiter(quotas=...)` decodes it through the boundary).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct QuotasOption {
    /// The quotas, if given.
    pub quotas: Option<Vec<QuotaSpec>>,
}

/// The quotas of a `quotas` option: 1 to [`MAX_QUOTAS`] of them, else `invalid_quota`.
pub fn quotas_from_specs(specs: &[QuotaSpec]) -> Result<Vec<Quota>, RateLimitError> {
    if specs.is_empty() || specs.len() > MAX_QUOTAS {
        return Err(RateLimitError::InvalidQuota { problem: "quotas must hold 1 to 16 quotas" });
    }
    specs.iter().map(QuotaSpec::quota).collect()
}

impl Limiter {
    /// A limiter enforcing every one of `quotas` (1 to [`MAX_QUOTAS`]) on each key: a request is admitted, and
    /// counted against every quota, only when all of them allow it. The first quota is [`Limiter::quota`].
    pub fn with_quotas(quotas: &[Quota], algorithm: Algorithm) -> Result<Self, RateLimitError> {
        let Some((first, rest)) = quotas.split_first() else {
            return Err(RateLimitError::InvalidQuota { problem: "quotas must hold 1 to 16 quotas" });
        };
        if quotas.len() > MAX_QUOTAS {
            return Err(RateLimitError::InvalidQuota { problem: "quotas must hold 1 to 16 quotas" });
        }
        let mut limiter = Limiter::new(*first, algorithm)?;
        limiter.more = rest.iter().map(|q| Limiter::new(*q, algorithm)).collect::<Result<_, _>>()?;
        Ok(limiter)
    }

    /// Every quota, in the order given.
    pub fn quotas(&self) -> Vec<Quota> {
        std::iter::once(*self.quota()).chain(self.more.iter().map(|l| *l.quota())).collect()
    }
}

/// The in-memory limiter of a binding's options: `limit` / `period` / `burst` (defaults 10 per 3600 s) or
/// `quotas`, never both (`invalid_quota`), with `algorithm` (default: the sliding log).
pub fn limiter_of(
    limit: Option<u64>,
    period: Option<f64>,
    burst: Option<u64>,
    quotas: Option<&[QuotaSpec]>,
    algorithm: Option<&str>,
) -> Result<Limiter, RateLimitError> {
    let algorithm = algorithm.map_or(Ok(Algorithm::default()), Algorithm::parse)?;
    Limiter::with_quotas(&super::redis_plan::quotas_of(limit, period, burst, quotas)?, algorithm)
}

/// Decides a request against every quota of `limiter`: nothing is recorded unless all allow.
pub(super) fn check_all(limiter: &mut Limiter, key: &str, now_us: i64, cost: u64) -> Result<Decision, RateLimitError> {
    let mut decisions = Vec::with_capacity(1 + limiter.more.len());
    decisions.push(limiter.peek(key, now_us, cost)?);
    for other in &limiter.more {
        decisions.push(other.peek(key, now_us, cost)?);
    }
    if decisions.iter().all(|d| d.allowed) {
        decisions.clear();
        decisions.push(limiter.check_one(key, now_us, cost)?);
        for other in &mut limiter.more {
            decisions.push(other.check_one(key, now_us, cost)?);
        }
    }
    let limiter = &*limiter;
    combine(decisions, |i| {
        let one = if i == 0 { limiter } else { &limiter.more[i - 1] };
        one.unchanged(key, now_us)
    })
}

impl Limiter {
    /// `(remaining, reset_us)` of this quota's state for `key` at `now_us`, as it is (no request recorded): a
    /// request of the largest cost is denied by any non-empty state, and a denial describes the state unchanged.
    fn unchanged(&self, key: &str, now_us: i64) -> Result<(u64, i64), RateLimitError> {
        let max = match self.algorithm() {
            Algorithm::Gcra => self.quota().burst(),
            _ => self.quota().limit(),
        };
        let probe = self.peek(key, now_us, max)?;
        Ok(if probe.allowed { (max, 0) } else { (probe.remaining, probe.reset_us) })
    }
}

/// One decision from the decisions each quota would make alone on the same request (in quota order, at least
/// one). `unchanged(i)` gives quota i's `(remaining, reset_us)` with the request not recorded, for a quota that
/// would admit it alone when another denies it (so nothing is recorded anywhere).
///
/// Allowed when all allow. `remaining` is the smallest remaining, `reset` the latest reset. When denied, the
/// decision is that of the denying quota that frees last (the largest `retry_after`; the first on ties), and
/// `denied_by` is its index; when allowed, the limit and period shown are those of the quota with the fewest
/// remaining (the first on ties).
pub(crate) fn combine(
    mut decisions: Vec<Decision>,
    mut unchanged: impl FnMut(usize) -> Result<(u64, i64), RateLimitError>,
) -> Result<Decision, RateLimitError> {
    if decisions.len() == 1 {
        return Ok(decisions.swap_remove(0));
    }
    if !decisions.iter().all(|d| d.allowed) {
        for (i, d) in decisions.iter_mut().enumerate() {
            if d.allowed {
                (d.remaining, d.reset_us) = unchanged(i)?;
            }
        }
    }
    let remaining = decisions.iter().map(|d| d.remaining).min().unwrap_or(0);
    let reset_us = decisions.iter().map(|d| d.reset_us).max().unwrap_or(0);
    let allowed = decisions.iter().all(|d| d.allowed);
    let mut pick = 0;
    for (i, d) in decisions.iter().enumerate() {
        let best = &decisions[pick];
        let better = if allowed {
            d.remaining < best.remaining
        } else {
            !d.allowed && (best.allowed || d.retry_after_us > best.retry_after_us)
        };
        if better {
            pick = i;
        }
    }
    let mut decision = decisions.swap_remove(pick);
    decision.allowed = allowed;
    decision.remaining = remaining;
    decision.reset_us = reset_us;
    decision.denied_by = (!allowed).then_some(pick);
    Ok(decision)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: i64 = 60_000_000;

    fn three_a_minute_ten_an_hour(algorithm: Algorithm) -> Limiter {
        let quotas = [Quota::new(3, MINUTE, None).unwrap(), Quota::new(10, 60 * MINUTE, None).unwrap()];
        Limiter::with_quotas(&quotas, algorithm).unwrap()
    }

    #[test]
    fn the_minute_quota_denies_then_the_hour_quota() {
        for algorithm in [Algorithm::SlidingLog, Algorithm::Gcra] {
            let mut limiter = three_a_minute_ten_an_hour(algorithm);
            let mut allowed = 0;
            let mut denied_by = Vec::new();
            // One request every 10 s for an hour.
            for i in 0..360 {
                let d = limiter.check("k", i * 10_000_000, 1).unwrap();
                if d.allowed {
                    allowed += 1;
                    assert_eq!(d.denied_by, None);
                } else {
                    denied_by.push(d.denied_by.unwrap());
                    assert!(d.retry_after_us > 0);
                }
            }
            if algorithm == Algorithm::SlidingLog {
                assert_eq!(allowed, 10, "at most 10 in the hour");
            }
            assert!(denied_by.contains(&0) && denied_by.contains(&1), "{algorithm:?}: {denied_by:?}");
        }
    }

    #[test]
    fn a_denied_request_consumes_no_quota() {
        let mut limiter = three_a_minute_ten_an_hour(Algorithm::SlidingLog);
        for _ in 0..3 {
            assert!(limiter.check("k", 0, 1).unwrap().allowed);
        }
        let denied = limiter.check("k", 1, 1).unwrap();
        assert_eq!((denied.allowed, denied.denied_by, denied.limit), (false, Some(0), 3));
        assert_eq!(denied.retry_after_us, MINUTE - 1);
        // The hour quota saw only the 3 admitted requests: 7 more fit over the next minutes.
        let admitted = (1..=20).filter(|m| limiter.check("k", m * MINUTE, 1).unwrap().allowed).count();
        assert_eq!(admitted, 7);
    }

    #[test]
    fn remaining_is_the_smallest() {
        let mut limiter = three_a_minute_ten_an_hour(Algorithm::SlidingLog);
        let d = limiter.check("k", 0, 1).unwrap();
        assert_eq!((d.remaining, d.limit, d.reset_us), (2, 3, 60 * MINUTE));
    }

    #[test]
    fn bad_quota_lists() {
        assert_eq!(quotas_from_specs(&[]).unwrap_err().code(), "invalid_quota");
        assert!(Limiter::with_quotas(&[], Algorithm::Gcra).is_err());
        let spec = QuotaSpec { limit: 0, period: 1.0, burst: None };
        assert_eq!(quotas_from_specs(&[spec]).unwrap_err().code(), "invalid_quota");
    }
}
