//! The sliding log: the instants of a key's last `limit` admitted requests, for a hard "at most N in any window".
//!
//! The log is run-length encoded with running totals: one `(instant, requests admitted so far)` entry per distinct
//! instant. A request of any cost adds at most one entry (24 bytes), so memory per key is bounded by the number of
//! checks still in the window, never by their cost (a cost of 2^40 is one entry, not 2^40 copies of `now`), and a
//! decision costs O(log entries).

use std::collections::VecDeque;

use super::{Decision, Quota, RateLimitError};

/// A key's sliding log.
#[derive(Clone, Debug, Default)]
pub(crate) struct Log {
    /// `(instant in microseconds, total cost admitted up to and including this instant)`, oldest first.
    runs: VecDeque<(i64, u128)>,
    /// The total of the entries already dropped (the running total before the front entry).
    base: u128,
}

impl Log {
    /// Requests in the log (at most the limit).
    fn held(&self) -> u64 {
        self.runs.back().map_or(0, |&(_, total)| u64::try_from(total - self.base).unwrap_or(u64::MAX))
    }
}

/// One sliding-log decision over a key's log, which is updated in place.
///
/// Entries at or before `now - period` are dropped; the request is allowed when the log then holds at most
/// `limit - cost` requests, and `cost` requests at `now` are recorded. So any window `[t, t + period)` holds at
/// most `limit` admitted requests. A cost of 0 or above the limit is `invalid_cost`.
pub(crate) fn sliding_log_step(quota: &Quota, log: &mut Log, now: i64, cost: u64) -> Result<Decision, RateLimitError> {
    let limit = quota.limit();
    if cost == 0 || cost > limit {
        return Err(RateLimitError::InvalidCost { cost, max: limit });
    }
    let period = quota.period_us();
    // Instants are checked (0 ..= 2^53 - 1), so these differences cannot overflow.
    while let Some(&(oldest, total)) = log.runs.front() {
        if now - oldest < period {
            break;
        }
        log.base = total;
        log.runs.pop_front();
    }
    if log.runs.is_empty() {
        log.base = 0;
    }
    let held = log.held(); // at most `limit`
    if cost <= limit - held {
        let total = log.base + u128::from(held) + u128::from(cost);
        match log.runs.back_mut() {
            Some((newest, t)) if *newest == now => *t = total,
            _ => log.runs.push_back((now, total)),
        }
        return Ok(Decision::new(quota, now, true, limit - held - cost, 0, period));
    }
    // Wait until enough of the oldest requests have left the window: the `held + cost - limit`-th oldest must.
    let must_leave = log.base + u128::from(held + cost - limit);
    let at = log.runs.partition_point(|&(_, total)| total < must_leave);
    let freed_by = log.runs.get(at).map_or(now, |&(instant, _)| instant);
    let reset = log.runs.back().map_or(0, |&(newest, _)| newest + period - now);
    Ok(Decision::new(quota, now, false, limit - held, freed_by + period - now, reset))
}

/// Whether a log holds nothing that still counts at `now`.
pub(crate) fn is_idle(quota: &Quota, log: &Log, now: i64) -> bool {
    log.runs.back().is_none_or(|&(newest, _)| now - newest >= quota.period_us())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_cost_is_one_entry() {
        let quota = Quota::new(1 << 40, 1 << 40, None).unwrap();
        let mut log = Log::default();
        assert!(sliding_log_step(&quota, &mut log, 5, 1 << 40).unwrap().allowed);
        assert_eq!(log.runs.len(), 1);
        let denied = sliding_log_step(&quota, &mut log, 6, 1).unwrap();
        assert!(!denied.allowed);
        assert_eq!(denied.retry_after_us, 5 + (1 << 40) - 6);
    }

    #[test]
    fn denial_waits_for_the_right_run() {
        let quota = Quota::new(10, 100, None).unwrap();
        let mut log = Log::default();
        for (at, cost) in [(0, 3), (10, 3), (20, 4)] {
            assert!(sliding_log_step(&quota, &mut log, at, cost).unwrap().allowed);
        }
        // 10 held; a cost of 5 needs the 3 at t=0 and the 3 at t=10 gone (5 - 0 = 5 > 3): free at 10 + 100.
        let denied = sliding_log_step(&quota, &mut log, 30, 5).unwrap();
        assert_eq!(denied.retry_after_us, 110 - 30);
        // A cost of 3 needs only the first run gone.
        assert_eq!(sliding_log_step(&quota, &mut log, 30, 3).unwrap().retry_after_us, 100 - 30);
    }
}
