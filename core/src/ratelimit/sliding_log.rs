//! The sliding log: the timestamps of a key's last `limit` admitted requests, for a hard "at most N in any window".

use std::collections::VecDeque;

use super::{Decision, Quota, RateLimitError};

/// One sliding-log decision over a key's log (oldest first), which is updated in place.
///
/// Entries at or before `now - period` are dropped; the request is allowed when the log then holds at most
/// `limit - cost` entries, and `cost` copies of `now` are appended. So any window `[t, t + period)` holds at most
/// `limit` admitted requests.
pub(crate) fn sliding_log_step(
    quota: &Quota,
    log: &mut VecDeque<i64>,
    now: i64,
    cost: u64,
) -> Result<Decision, RateLimitError> {
    let limit = quota.limit();
    if cost == 0 || cost > limit {
        return Err(RateLimitError::InvalidCost { cost, max: limit });
    }
    let period = quota.period_us();
    while log.front().is_some_and(|&oldest| now - oldest >= period) {
        log.pop_front();
    }
    let held = log.len() as u64;
    if held + cost <= limit {
        log.extend(std::iter::repeat_n(now, cost as usize));
        return Ok(Decision::new(quota, now, true, limit - held - cost, 0, period));
    }
    // Wait until enough of the oldest entries have left the window.
    let freed_by = log[(held + cost - limit - 1) as usize];
    let reset = log.back().map_or(0, |&newest| newest + period - now);
    Ok(Decision::new(quota, now, false, limit - held, freed_by + period - now, reset))
}

/// Whether a log holds nothing that still counts at `now`.
pub(crate) fn is_idle(quota: &Quota, log: &VecDeque<i64>, now: i64) -> bool {
    log.back().is_none_or(|&newest| now - newest >= quota.period_us())
}
