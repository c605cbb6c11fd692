//! What a binding's `RedisLimiter` sends to Redis and how it reads the reply, decided here once: the script and
//! its SHA-1, the key names, the arguments, the decision rebuilt from the reply (the same as the in-memory
//! [`Limiter`](super::Limiter) on the same sequence), the timeout and the failure policy. The Node and Python
//! classes only move bytes between this plan and the user's Redis client.
//!
//! Keys: `{<prefix>:<key>}:<algorithm>:<limit>:<period in microseconds>`, one per quota. The braces are a Redis
//! Cluster hash tag, so every key of one decision lives in the same slot and one script call can touch them all;
//! the quota in the name means a changed quota starts afresh instead of misreading the old state.

use serde::Deserialize;

use super::quotas::{combine, quotas_from_specs, QuotaSpec};
use super::redis_sliding::{REDIS_GCRA_QUOTAS_SCRIPT, REDIS_SLIDING_LOG_SCRIPT};
use super::{gcra_step, micros_from_seconds, Algorithm, Decision, Quota, RateLimitError, Reason, MICROS_PER_SECOND};
use super::{DEFAULT_LIMIT, DEFAULT_PERIOD_S};

/// The default key prefix.
pub const DEFAULT_REDIS_PREFIX: &str = "fleetgate";
/// The default timeout of one decision: 1 second.
pub const DEFAULT_REDIS_TIMEOUT_MS: u64 = 1000;
/// The longest timeout accepted: 60 seconds.
pub const MAX_REDIS_TIMEOUT_MS: u64 = 60_000;
/// How long a caller denied under the `deny` failure policy is told to wait: 1 second.
pub const FAILURE_RETRY_AFTER_US: i64 = MICROS_PER_SECOND;

/// What a `RedisLimiter` does when Redis fails or does not answer in time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnError {
    /// Admit the request (the default): the decision has `allowed`, `remaining` 0 and `reason` `timeout` or
    /// `store_error`. A rate limiter guards the site; it should not take the site down with Redis.
    #[default]
    Allow,
    /// Deny the request, with `Retry-After: 1` and the `reason`.
    Deny,
    /// Raise `redis_error` and let the caller decide.
    Raise,
}

/// The options of `RedisLimiter` in every binding (JS camelCase: `timeoutMs`, `onError`, `legacyHeaders`).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RedisLimiterOptions {
    /// Requests per period (default 10); not with `quotas`.
    pub limit: Option<u64>,
    /// The period in seconds (default 3600); not with `quotas`.
    pub period: Option<f64>,
    /// The GCRA burst (default: `limit`).
    pub burst: Option<u64>,
    /// Several quotas enforced together, instead of `limit` / `period` / `burst`.
    pub quotas: Option<Vec<QuotaSpec>>,
    /// `sliding_log` (default) or `gcra`.
    pub algorithm: Option<String>,
    /// The key prefix (default [`DEFAULT_REDIS_PREFIX`]).
    pub prefix: Option<String>,
    /// The timeout of one decision in seconds (Python `timeout`); not with `timeout_ms`.
    pub timeout: Option<f64>,
    /// The timeout of one decision in milliseconds (JS `timeoutMs`; default 1000).
    pub timeout_ms: Option<f64>,
    /// `allow` (default), `deny` or `raise`.
    pub on_error: OnError,
    /// Also give the `X-RateLimit-*` headers.
    pub legacy_headers: bool,
}

/// Everything a binding's `RedisLimiter` needs, built once from its options.
#[derive(Debug, Clone)]
pub struct RedisPlan {
    algorithm: Algorithm,
    quotas: Vec<Quota>,
    prefix: String,
    suffixes: Vec<String>,
    timeout_ms: u64,
    on_error: OnError,
    legacy_headers: bool,
    sha: String,
}

/// The quotas of options that give either `limit` / `period` / `burst` or `quotas`.
pub(crate) fn quotas_of(
    limit: Option<u64>,
    period: Option<f64>,
    burst: Option<u64>,
    quotas: Option<&[QuotaSpec]>,
) -> Result<Vec<Quota>, RateLimitError> {
    match quotas {
        Some(_) if limit.is_some() || period.is_some() || burst.is_some() => {
            Err(RateLimitError::InvalidQuota { problem: "give either limit, period and burst, or quotas" })
        }
        Some(specs) => quotas_from_specs(specs),
        None => {
            let spec =
                QuotaSpec { limit: limit.unwrap_or(DEFAULT_LIMIT), period: period.unwrap_or(DEFAULT_PERIOD_S), burst };
            Ok(vec![spec.quota()?])
        }
    }
}

impl RedisPlan {
    /// The plan of `options` (`invalid_quota` for unusable quotas, an unknown algorithm, both timeouts or a
    /// timeout outside 0 to 60 s).
    pub fn new(options: &RedisLimiterOptions) -> Result<Self, RateLimitError> {
        let algorithm = options.algorithm.as_deref().map_or(Ok(Algorithm::default()), Algorithm::parse)?;
        let quotas = quotas_of(options.limit, options.period, options.burst, options.quotas.as_deref())?;
        if algorithm == Algorithm::SlidingLog && quotas.iter().any(|q| q.burst() != q.limit()) {
            return Err(RateLimitError::InvalidQuota { problem: "the sliding log takes no burst" });
        }
        let timeout_ms = match (options.timeout, options.timeout_ms) {
            (Some(_), Some(_)) => {
                return Err(RateLimitError::InvalidQuota { problem: "give either timeout (s) or timeout_ms" })
            }
            (Some(s), None) => micros_from_seconds(s).map(|us| (us as u64).div_ceil(1000)),
            (None, Some(ms)) => micros_from_seconds(ms / 1000.0).map(|us| (us as u64).div_ceil(1000)),
            (None, None) => Some(DEFAULT_REDIS_TIMEOUT_MS),
        }
        .filter(|ms| (1..=MAX_REDIS_TIMEOUT_MS).contains(ms))
        .ok_or(RateLimitError::InvalidQuota { problem: "the timeout must be above 0 and at most 60 seconds" })?;
        let suffixes = quotas
            .iter()
            .map(|q| match algorithm {
                Algorithm::Gcra => format!(":gcra:{}:{}:{}", q.limit(), q.period_us(), q.burst()),
                _ => format!(":sliding_log:{}:{}", q.limit(), q.period_us()),
            })
            .collect();
        let script = Self::script_of(algorithm);
        Ok(RedisPlan {
            algorithm,
            quotas,
            prefix: options.prefix.clone().unwrap_or_else(|| DEFAULT_REDIS_PREFIX.to_owned()),
            suffixes,
            timeout_ms,
            on_error: options.on_error,
            legacy_headers: options.legacy_headers,
            sha: sha1_smol::Sha1::from(script).digest().to_string(),
        })
    }

    fn script_of(algorithm: Algorithm) -> &'static str {
        match algorithm {
            Algorithm::Gcra => REDIS_GCRA_QUOTAS_SCRIPT,
            _ => REDIS_SLIDING_LOG_SCRIPT,
        }
    }

    /// The Lua script to run (`EVALSHA` [`Self::sha`], or `EVAL` it after a `NOSCRIPT` error).
    pub fn script(&self) -> &'static str {
        Self::script_of(self.algorithm)
    }

    /// The script's SHA-1 in hex, for `EVALSHA`.
    pub fn sha(&self) -> &str {
        &self.sha
    }

    /// The algorithm.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The quotas, in the order given.
    pub fn quotas(&self) -> &[Quota] {
        &self.quotas
    }

    /// The key prefix.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// How long one decision may take, in milliseconds.
    pub fn timeout_ms(&self) -> u64 {
        self.timeout_ms
    }

    /// The failure policy.
    pub fn on_error(&self) -> OnError {
        self.on_error
    }

    /// Whether decisions give the `X-RateLimit-*` headers.
    pub fn legacy_headers(&self) -> bool {
        self.legacy_headers
    }

    /// The script's `KEYS` for a client key: one per quota, all with the hash tag `{<prefix>:<key>}`.
    pub fn keys(&self, key: &str) -> Vec<String> {
        self.suffixes.iter().map(|suffix| format!("{{{}:{key}}}{suffix}", self.prefix)).collect()
    }

    /// The script's `ARGV` for a request of `cost`: the cost, then per quota the emission interval and burst
    /// (GCRA) or the limit and period (sliding log), as decimal strings. A cost of 0 or above what a quota can
    /// ever admit is `invalid_cost`.
    pub fn args(&self, cost: u64) -> Result<Vec<String>, RateLimitError> {
        let mut args = Vec::with_capacity(1 + 2 * self.quotas.len());
        args.push(cost.to_string());
        for quota in &self.quotas {
            let max = if self.algorithm == Algorithm::Gcra { quota.burst() } else { quota.limit() };
            if cost == 0 || cost > max {
                return Err(RateLimitError::InvalidCost { cost, max });
            }
            match self.algorithm {
                Algorithm::Gcra => {
                    args.push(quota.emission_interval_us().to_string());
                    args.push(quota.burst().to_string());
                }
                _ => {
                    args.push(quota.limit().to_string());
                    args.push(quota.period_us().to_string());
                }
            }
        }
        Ok(args)
    }

    /// The decision in the script's reply to a request of `cost`: the decision the in-memory limiter makes on
    /// the same state at Redis' instant. A reply of another shape, or one the quotas contradict (another script
    /// or quota wrote the keys), is `invalid_state`.
    pub fn decision(&self, reply: &[i64], cost: u64) -> Result<Decision, RateLimitError> {
        let invalid = |problem: String| RateLimitError::InvalidState { problem };
        let per = if self.algorithm == Algorithm::Gcra { 1 } else { 3 };
        let (allowed, now, rest) = match reply {
            [allowed, now, rest @ ..] => (*allowed, *now, rest),
            _ => (-1, -1, &[][..]),
        };
        if rest.len() != per * self.quotas.len() || !(0..=1).contains(&allowed) {
            return Err(invalid(format!(
                "expected the reply [allowed, now_us, {per} value(s) per quota] for {} quota(s), got {} values",
                self.quotas.len(),
                reply.len()
            )));
        }
        let now = super::check_now(now)?;
        let mut decisions = Vec::with_capacity(self.quotas.len());
        for (quota, fields) in self.quotas.iter().zip(rest.chunks(per)) {
            decisions.push(match self.algorithm {
                Algorithm::Gcra => gcra_step(quota, fields[0], now, cost)?.0,
                _ => sliding_decision(quota, fields, now, cost)?,
            });
        }
        let decision = combine(decisions, |i| {
            let (quota, fields) = (&self.quotas[i], &rest[i * per..(i + 1) * per]);
            match self.algorithm {
                Algorithm::Gcra => {
                    let probe = gcra_step(quota, fields[0], now, quota.burst())?.0;
                    Ok(if probe.allowed { (quota.burst(), 0) } else { (probe.remaining, probe.reset_us) })
                }
                // [held, freed_by, newest]: the newest request leaves the window one period after it came
                _ => Ok((
                    quota.limit() - fields[0] as u64,
                    if fields[0] > 0 { fields[2] + quota.period_us() - now } else { 0 },
                )),
            }
        })?;
        if decision.allowed != (allowed == 1) {
            return Err(invalid(format!("the script answered allowed={allowed} where the quotas decide otherwise")));
        }
        Ok(decision)
    }

    /// The decision to give when Redis failed (`reason` [`Reason::StoreError`]) or did not answer within the
    /// timeout ([`Reason::Timeout`]), at `now_us` (the application's clock), by the failure policy: admitted
    /// (`allow`), denied for 1 second (`deny`), or the error `redis_error` with `message` (`raise`).
    pub fn failure(&self, reason: Reason, message: &str, now_us: i64) -> Result<Decision, RateLimitError> {
        let quota = &self.quotas[0];
        let mut decision = match self.on_error {
            OnError::Raise => {
                let message = match reason {
                    Reason::Timeout => format!("no reply within {} ms: {message}", self.timeout_ms),
                    _ => message.to_owned(),
                };
                return Err(RateLimitError::Redis { message });
            }
            OnError::Allow => Decision::new(quota, now_us, true, 0, 0, 0),
            OnError::Deny => Decision::new(quota, now_us, false, 0, FAILURE_RETRY_AFTER_US, FAILURE_RETRY_AFTER_US),
        };
        decision.reason = Some(reason);
        Ok(decision)
    }

    /// A failure reason from its name (`timeout`, or anything else: `store_error`).
    pub fn reason(name: &str) -> Reason {
        if name == "timeout" {
            Reason::Timeout
        } else {
            Reason::StoreError
        }
    }
}

/// The sliding-log decision for one quota from the script's `[held, freed_by, newest]` at `now`: the same
/// numbers the in-memory log gives (allowed: `remaining = limit - held - cost`, reset one period; denied:
/// `remaining = limit - held`, retry when `freed_by` leaves the window, reset when the newest does).
fn sliding_decision(quota: &Quota, fields: &[i64], now: i64, cost: u64) -> Result<Decision, RateLimitError> {
    let &[held, freed_by, newest] = fields else {
        return Err(RateLimitError::InvalidState { problem: "expected [held, freed_by, newest] per quota".into() });
    };
    let limit = quota.limit();
    let period = quota.period_us();
    if cost == 0 || cost > limit {
        return Err(RateLimitError::InvalidCost { cost, max: limit });
    }
    let in_window = |at: i64| (now - period < at) && at <= now + period;
    let held = u64::try_from(held).ok().filter(|&h| h <= limit);
    match held {
        Some(held) if held + cost <= limit && freed_by == 0 => {
            Ok(Decision::new(quota, now, true, limit - held - cost, 0, period))
        }
        Some(held) if held + cost > limit && in_window(freed_by) && in_window(newest) && freed_by <= newest => {
            Ok(Decision::new(quota, now, false, limit - held, freed_by + period - now, newest + period - now))
        }
        _ => Err(RateLimitError::InvalidState {
            problem: format!(
                "sliding-log reply [held {held:?}, freed_by {freed_by}, newest {newest}] is not the script's"
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(json: &str) -> RedisPlan {
        RedisPlan::new(&serde_json::from_str(json).unwrap()).unwrap()
    }

    #[test]
    fn keys_share_one_hash_tag() {
        let p = plan(r#"{"quotas": [{"limit": 3, "period": 60}, {"limit": 10, "period": 3600}], "prefix": "rl"}"#);
        assert_eq!(
            p.keys("203.0.113.7"),
            ["{rl:203.0.113.7}:sliding_log:3:60000000", "{rl:203.0.113.7}:sliding_log:10:3600000000"]
        );
        assert_eq!(p.args(1).unwrap(), ["1", "3", "60000000", "10", "3600000000"]);
        assert_eq!(p.args(4).unwrap_err().code(), "invalid_cost");
        assert_eq!(p.sha().len(), 40);
        let g = plan(r#"{"algorithm": "gcra"}"#);
        assert_eq!(g.keys("k"), ["{fleetgate:k}:gcra:10:3600000000:10"]);
        assert_eq!(g.args(2).unwrap(), ["2", "360000000", "10"]);
        assert_eq!(g.timeout_ms(), 1000);
    }

    #[test]
    fn options_are_checked() {
        let bad = |json: &str| RedisPlan::new(&serde_json::from_str(json).unwrap()).unwrap_err().code();
        assert_eq!(bad(r#"{"limit": 3, "quotas": [{"limit": 3, "period": 60}]}"#), "invalid_quota");
        assert_eq!(bad(r#"{"timeout": 1, "timeout_ms": 1000}"#), "invalid_quota");
        assert_eq!(bad(r#"{"timeout_ms": 0}"#), "invalid_quota");
        assert_eq!(bad(r#"{"burst": 3}"#), "invalid_quota");
        assert_eq!(bad(r#"{"algorithm": "token_bucket"}"#), "invalid_quota");
        assert!(serde_json::from_str::<RedisLimiterOptions>(r#"{"on_error": "ignore"}"#).is_err());
        assert!(serde_json::from_str::<RedisLimiterOptions>(r#"{"timeoutMs": 1}"#).is_err());
        assert_eq!(plan(r#"{"timeout": 0.25}"#).timeout_ms(), 250);
    }

    #[test]
    fn replies_become_the_in_memory_decisions() {
        let p = plan(r#"{"limit": 2, "period": 10}"#);
        let now = 1_700_000_000_000_000;
        let allowed = p.decision(&[1, now, 1, 0, now - 1], 1).unwrap();
        assert_eq!((allowed.allowed, allowed.remaining, allowed.reset_us), (true, 0, 10_000_000));
        let denied = p.decision(&[0, now, 2, now - 4_000_000, now - 1], 1).unwrap();
        assert_eq!((denied.allowed, denied.retry_after_us, denied.reset_us), (false, 6_000_000, 9_999_999));
        assert_eq!(p.decision(&[1, now, 2, 0, now], 1).unwrap_err().code(), "invalid_state");
        assert_eq!(p.decision(&[1, now], 1).unwrap_err().code(), "invalid_state");
    }

    #[test]
    fn failures_follow_the_policy() {
        let allow = plan("{}").failure(Reason::Timeout, "slow", 5).unwrap();
        assert_eq!((allow.allowed, allow.reason), (true, Some(Reason::Timeout)));
        let deny = plan(r#"{"on_error": "deny"}"#).failure(Reason::StoreError, "refused", 5).unwrap();
        assert_eq!((deny.allowed, deny.retry_after_s(), deny.reason), (false, 1, Some(Reason::StoreError)));
        assert_eq!(
            plan(r#"{"on_error": "raise"}"#).failure(Reason::Timeout, "x", 5).unwrap_err().code(),
            "redis_error"
        );
    }
}
