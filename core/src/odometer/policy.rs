//! The thresholds of the checks: a serde type with its documented defaults and bounds, the same in every binding.

use serde::{Deserialize, Serialize};

use super::error::{Limit, OdometerError};
use crate::units::{Unit, Value, MAX_METRES};

/// The highest `max_speed_kmh` accepted: 1,000,000 km/h.
pub const MAX_SPEED_KMH: i64 = 1_000_000;
/// The longest `min_elapsed_s` and `same_value_window_s` accepted: one year (31,536,000 s).
pub const MAX_WINDOW_S: i64 = 86_400 * 365;
/// The most meter digits accepted (`meter_digits` is 1 to 15).
pub const MAX_METER_DIGITS: u32 = 15;

/// The thresholds of the checks; `Policy::default()` holds the documented defaults. Callers pass it as an object
/// with these snake_case keys (camelCase in JavaScript); every key is optional, unknown keys are refused, and
/// [`Policy::validate`] checks the bounds (`invalid_policy`, with the bound in the error's details).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Policy {
    /// Highest plausible average speed between two readings, km/h (default 250). More than 0, at most
    /// [`MAX_SPEED_KMH`], with at most three decimals (whole metres per hour), so the speed check is exact.
    pub max_speed_kmh: f64,
    /// Elapsed time below this many seconds counts as this many when computing speeds (default 60), so two
    /// readings a second apart do not imply an absurd speed. 0 to [`MAX_WINDOW_S`].
    pub min_elapsed_s: i64,
    /// Number of digits of the meter, if known (1 to 15): enables the capacity, all-nines and rollover checks.
    pub meter_digits: Option<u32>,
    /// Slack in metres for the order checks, for sources that derive values from floats (default 0; at most
    /// 2^53 - 1).
    pub tolerance_m: i64,
    /// Legacy rule, off by default: a valid reading with the same value within this many seconds (0 to
    /// [`MAX_WINDOW_S`]) is a duplicate.
    pub same_value_window_s: Option<i64>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            max_speed_kmh: 250.0,
            min_elapsed_s: 60,
            meter_digits: None,
            tolerance_m: 0,
            same_value_window_s: None,
        }
    }
}

/// Digits after the decimal point of the shortest decimal that reads back as `x` (finite `x`).
fn decimals(x: f64) -> usize {
    let text = x.abs().to_string(); // Display never uses an exponent
    text.split_once('.').map_or(0, |(_, fraction)| fraction.len())
}

impl Policy {
    /// Checks every threshold against its documented bound; the first one out of range is
    /// [`OdometerError::InvalidPolicy`] naming the field (snake_case) and the bound.
    pub fn validate(&self) -> Result<(), OdometerError> {
        let bad = |path: &'static str, rule: &'static str, min: Limit, max: Limit| {
            Err(OdometerError::InvalidPolicy { argument: "policy", path: path.to_owned(), rule, min, max })
        };
        let speed = self.max_speed_kmh;
        if !(speed.is_finite() && speed > 0.0 && speed <= MAX_SPEED_KMH as f64 && decimals(speed) <= 3) {
            let rule = "more than 0 and at most 1000000 km/h, with at most 3 decimals (whole metres per hour)";
            return bad("max_speed_kmh", rule, Limit::Number(0.001), Limit::Int(MAX_SPEED_KMH));
        }
        if !(0..=MAX_WINDOW_S).contains(&self.min_elapsed_s) {
            return bad("min_elapsed_s", "whole seconds from 0 to one year", Limit::Int(0), Limit::Int(MAX_WINDOW_S));
        }
        if self.meter_digits.is_some_and(|d| !(1..=MAX_METER_DIGITS).contains(&d)) {
            return bad("meter_digits", "from 1 to 15 digits", Limit::Int(1), Limit::Int(MAX_METER_DIGITS.into()));
        }
        if !(0..=MAX_METRES).contains(&self.tolerance_m) {
            return bad("tolerance_m", "whole metres from 0 to 2^53 - 1", Limit::Int(0), Limit::Int(MAX_METRES));
        }
        if self.same_value_window_s.is_some_and(|w| !(0..=MAX_WINDOW_S).contains(&w)) {
            let rule = "whole seconds from 0 to one year";
            return bad("same_value_window_s", rule, Limit::Int(0), Limit::Int(MAX_WINDOW_S));
        }
        Ok(())
    }

    /// The speed limit in whole metres per hour (exact for a validated policy: at most three decimals).
    pub(crate) fn speed_m_per_h(&self) -> i128 {
        (self.max_speed_kmh * 1000.0).round() as i128
    }

    /// The largest value the meter can show, in metres, for a reading in `unit`.
    pub(crate) fn capacity_m(&self, unit: Unit) -> Option<i64> {
        let digits = self.meter_digits?;
        // At most 10^15 - 1 once validated, below 2^53 and exact as a float; an unvalidated digit count too large
        // for that means no capacity below the largest distance.
        let Some(top) = 10u64.checked_pow(digits).map(|p| p - 1).filter(|t| *t < 1 << 53) else {
            return Some(MAX_METRES);
        };
        unit.to_metres(Value::Number(top as f64)).ok().or(Some(MAX_METRES))
    }
}
