//! The keyed in-memory limiter: one GCRA state or sliding log per key, idle keys evicted.

use std::collections::HashMap;

use super::sliding_log::{is_idle, sliding_log_step, Log};
use super::{check_now, gcra_step, Decision, Quota, RateLimitError};

/// The limiting algorithm. The default is the sliding log: "10 per hour" means at most 10 in any hour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Algorithm {
    /// GCRA: one integer per key, smooth, allows bursts of `burst`; "10 per hour" can admit up to 19 in a rolling
    /// hour (a full burst, then one every 6 minutes).
    Gcra,
    /// Sliding log (the default): the instants of the last `limit` admitted requests per key (one 24-byte entry
    /// per distinct instant, whatever the cost); never more than `limit` in any window.
    #[default]
    SlidingLog,
}

impl Algorithm {
    /// Parses `gcra` or `sliding_log`; anything else is `invalid_quota`.
    pub fn parse(name: &str) -> Result<Self, RateLimitError> {
        match name {
            "gcra" => Ok(Algorithm::Gcra),
            "sliding_log" => Ok(Algorithm::SlidingLog),
            _ => Err(RateLimitError::InvalidQuota { problem: "algorithm must be 'gcra' or 'sliding_log'" }),
        }
    }

    /// The algorithm's name: `gcra` or `sliding_log`.
    pub fn name(&self) -> &'static str {
        match self {
            Algorithm::Gcra => "gcra",
            Algorithm::SlidingLog => "sliding_log",
        }
    }
}

/// Per-key states of one algorithm.
#[derive(Debug, Clone)]
enum Store {
    Gcra(HashMap<Box<str>, i64>),
    SlidingLog(HashMap<Box<str>, Log>),
}

/// Below this many keys the limiter never sweeps.
const MIN_SWEEP_KEYS: usize = 1024;

/// A keyed in-memory rate limiter.
///
/// Memory stays bounded under a flood of distinct keys: a key whose state is back to empty carries no information,
/// and whenever the number of stored keys reaches twice the number left by the previous sweep (at least 1024),
/// the next new key triggers a sweep that drops every idle key (amortised O(1) per check).
#[derive(Debug, Clone)]
pub struct Limiter {
    quota: Quota,
    store: Store,
    sweep_at: usize,
    /// The limiters of the further quotas (see [`Limiter::with_quotas`]); empty with one quota.
    pub(super) more: Vec<Limiter>,
}

impl Limiter {
    /// A limiter for `quota` with `algorithm`. The sliding log has no burst: a quota whose burst differs from its
    /// limit is `invalid_quota` there.
    pub fn new(quota: Quota, algorithm: Algorithm) -> Result<Self, RateLimitError> {
        let store = match algorithm {
            Algorithm::Gcra => Store::Gcra(HashMap::new()),
            Algorithm::SlidingLog if quota.burst() != quota.limit() => {
                return Err(RateLimitError::InvalidQuota { problem: "the sliding log takes no burst" });
            }
            Algorithm::SlidingLog => Store::SlidingLog(HashMap::new()),
        };
        Ok(Limiter { quota, store, sweep_at: MIN_SWEEP_KEYS, more: Vec::new() })
    }

    /// The quota.
    pub fn quota(&self) -> &Quota {
        &self.quota
    }

    /// The algorithm.
    pub fn algorithm(&self) -> Algorithm {
        match self.store {
            Store::Gcra(_) => Algorithm::Gcra,
            Store::SlidingLog(_) => Algorithm::SlidingLog,
        }
    }

    /// Decides one request of `cost` (at least 1) for `key` at `now_us` (microseconds since the epoch).
    pub fn check(&mut self, key: &str, now_us: i64, cost: u64) -> Result<Decision, RateLimitError> {
        if !self.more.is_empty() {
            return super::quotas::check_all(self, key, now_us, cost);
        }
        self.check_one(key, now_us, cost)
    }

    /// The decision of this limiter's own quota, recorded.
    pub(super) fn check_one(&mut self, key: &str, now_us: i64, cost: u64) -> Result<Decision, RateLimitError> {
        let now = check_now(now_us)?;
        let quota = self.quota;
        let (decision, is_new) = match &mut self.store {
            Store::Gcra(states) => match states.get_mut(key) {
                Some(tat) => {
                    let (decision, next) = gcra_step(&quota, *tat, now, cost)?;
                    *tat = next;
                    (decision, false)
                }
                None => {
                    let (decision, next) = gcra_step(&quota, 0, now, cost)?;
                    if decision.allowed {
                        states.insert(key.into(), next);
                    }
                    (decision, true)
                }
            },
            Store::SlidingLog(logs) => match logs.get_mut(key) {
                Some(log) => (sliding_log_step(&quota, log, now, cost)?, false),
                None => {
                    let mut log = Log::default();
                    let decision = sliding_log_step(&quota, &mut log, now, cost)?;
                    logs.insert(key.into(), log);
                    (decision, true)
                }
            },
        };
        if is_new && self.len() >= self.sweep_at {
            self.evict_idle(now);
            self.sweep_at = (2 * self.len()).max(MIN_SWEEP_KEYS);
        }
        Ok(decision)
    }

    /// The decision of this limiter's own quota for `key` at `now_us`, without recording it.
    pub(super) fn peek(&self, key: &str, now_us: i64, cost: u64) -> Result<Decision, RateLimitError> {
        let now = check_now(now_us)?;
        match &self.store {
            Store::Gcra(states) => Ok(gcra_step(&self.quota, states.get(key).copied().unwrap_or(0), now, cost)?.0),
            Store::SlidingLog(logs) => {
                let mut log = logs.get(key).cloned().unwrap_or_default();
                sliding_log_step(&self.quota, &mut log, now, cost)
            }
        }
    }

    /// Drops every key whose state is empty at `now_us`; returns how many were dropped.
    pub fn evict_idle(&mut self, now_us: i64) -> usize {
        self.more.iter_mut().for_each(|l| {
            l.evict_idle(now_us);
        });
        let before = self.len();
        let quota = self.quota;
        match &mut self.store {
            Store::Gcra(states) => states.retain(|_, tat| *tat > now_us),
            Store::SlidingLog(logs) => logs.retain(|_, log| !is_idle(&quota, log, now_us)),
        }
        before - self.len()
    }

    /// The number of keys held (live keys, plus idle ones not yet swept).
    pub fn len(&self) -> usize {
        match &self.store {
            Store::Gcra(states) => states.len(),
            Store::SlidingLog(logs) => logs.len(),
        }
    }

    /// Whether no key is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
