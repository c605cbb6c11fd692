//! The Generic Cell Rate Algorithm as a pure step over one integer of state.

use super::{check_now, Decision, Quota, RateLimitError, MAX_MICROS};

/// One GCRA decision. `tat_us` is the key's state, its "theoretical arrival time" in microseconds (0, or any value
/// not after `now_us`, for a key with no recent requests); returns the decision and the state to store.
///
/// With emission interval T and burst B: the request is allowed when `max(tat, now) + T x cost - T x B <= now`, and
/// then the new state is `max(tat, now) + T x cost`; a denied request leaves the state unchanged. For cost 1 this is
/// the spec's "denied if now < TAT - tau, tau = T x (B - 1)". The state fits in 2^53, so it can live in Redis, a
/// database row (update it with compare-and-set) or a JS number.
pub fn gcra_step(quota: &Quota, tat_us: i64, now_us: i64, cost: u64) -> Result<(Decision, i64), RateLimitError> {
    let now = check_now(now_us)?;
    if cost == 0 || cost > quota.burst() {
        return Err(RateLimitError::InvalidCost { cost, max: quota.burst() });
    }
    let t = quota.emission_interval_us();
    let window = t * quota.burst() as i64; // T x B <= 2^53, checked by Quota::new
    if tat_us < 0 || tat_us > MAX_MICROS + window {
        return Err(RateLimitError::InvalidState {
            problem: format!("theoretical arrival time {tat_us} us is not between 0 and 2^53 - 1 us + one window"),
        });
    }
    let tat = tat_us.max(now);
    let new_tat = tat + t * cost as i64;
    let allow_at = new_tat - window;
    // Requests of cost 1 that fit before `tat` reaches now + window; skips the division when none fit.
    let remaining = |tat: i64| {
        let slack = now + window - tat;
        if slack < t {
            0
        } else {
            (slack / t) as u64
        }
    };
    if allow_at > now {
        Ok((Decision::new(quota, now, false, remaining(tat), allow_at - now, tat - now), tat_us))
    } else {
        Ok((Decision::new(quota, now, true, remaining(new_tat), 0, new_tat - now), new_tat))
    }
}
