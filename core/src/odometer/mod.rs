//! Odometer readings: normalisation, duplicates, order and speed checks, and the meter entry to store.
//!
//! The naive rules an app starts with (x1.60934, "identical value within an hour is a duplicate", "lower than the
//! latest entry is wrong") lose real readings and accept wrong ones. This module applies, in this order:
//!
//! 1. **Normalise**: value + unit to integer metres with the exact mile ([`crate::units`]); NaN, infinities,
//!    negatives, sentinels (999999, 16777215, all nines of the meter's digits) and values above the meter's capacity
//!    are `void` with reason `invalid_value`.
//! 2. **Duplicate by identity**: the same event id as any earlier reading, or the same (source, reading time) as an
//!    earlier readable one, makes a `duplicate` of it (Smartcar retries keep the event id). [`Policy::same_value_window_s`] adds the legacy
//!    "same value within N seconds" rule for callers who need it.
//! 3. **Order by reading time**: the reading must fit between its neighbours in time among the valid readings
//!    (`prev <= value <= next`, non-strict, give or take [`Policy::tolerance_m`]), so a late delivery of an older
//!    reading is accepted where it belongs.
//! 4. **Why it does not fit**: `rollover_suspected` (meter digits set, previous within 10% of capacity, new within
//!    10% of zero), then `unit_mismatch` (multiplied or divided by 1.609344 it would fit, within tolerance and at a
//!    plausible speed), otherwise `out_of_sequence`; the verdict carries the allowed range `[prev, next]`.
//! 5. **Implied speed** against both neighbours at most [`Policy::max_speed_kmh`] (elapsed time floored at
//!    [`Policy::min_elapsed_s`]), else `exceeds_max_rate`.
//! 6. Every reading gets a [`Verdict`]: `accept`, `duplicate` (with the matching reading) or `void` with a reason.
//!
//! [`check`] judges one reading against a history; [`check_batch`] judges a whole backfill in O(n log n) and agrees
//! with checking the readings one at a time in reading-time order. [`meter_entry`] builds the row the app stores.
//! [`current`] is the vehicle's current odometer: the newest reading [`check_batch`] accepts.
//! [`reading_from_smartcar`] turns a reading of a parsed Smartcar delivery into the reading `check` takes.
//! [`check_checked`] / [`check_batch_checked`] keep the reading with its verdict ([`Checked`], which only they make),
//! and [`Checked::meter_entry`] builds the row from that reading: the bindings hand out only `Checked` verdicts, so a
//! meter entry is never made for a reading fleetgate did not check. [`input`] decodes readings and policies as every
//! binding receives them ([`ReadingInput`], [`Policy`], [`MeterEntryOptions`]: serde types with their defaults and
//! bounds).
//!
//! ```
//! use fleetgate::odometer::{check, Policy, RawValue, Reading, Status};
//! let at = |s: i64| s * 1000;
//! let history = vec![
//!     Reading::new(RawValue::Number(1000.0), Some("km".into()), at(0)),
//!     Reading::new(RawValue::Number(1100.0), Some("km".into()), at(7200)),
//! ];
//! // A late delivery of a reading taken between the two: accepted where it belongs.
//! let late = Reading::new(RawValue::Number(1050.0), Some("km".into()), at(3600));
//! assert_eq!(check(&history, &late, &Policy::default()).status, Status::Accept);
//! // Lower than its predecessor: void, with the range it had to be in.
//! let low = Reading::new(RawValue::Number(900.0), Some("km".into()), at(9000));
//! let verdict = check(&history, &low, &Policy::default());
//! assert_eq!(verdict.reason.map(|r| r.code()), Some("out_of_sequence"));
//! assert_eq!(verdict.allowed_range_m, Some((1_100_000, None)));
//! ```

mod batch;
mod checked;
mod columns;
mod current;
mod delivery;
mod entry;
mod error;
pub mod input;
mod json;
mod order;
mod policy;
pub mod time;

use std::fmt;

pub use batch::{check_batch, check_columns, Columns, UnitColumn, MAX_BATCH};
pub use checked::{check_batch_checked, check_checked, Checked, MeterEntryOptions, VerdictView, DEFAULT_SOURCE_TYPE};
pub use columns::{
    check_columns_input, ColumnsFields, ColumnsInput, ColumnsParts, DecodedColumns, UnitsInput, NOT_A_DUPLICATE,
    REASON_CODES, STATUS_CODES,
};
pub use current::{current, CurrentOdometer};
pub use delivery::{
    decode_from_smartcar_options, decode_smartcar_reading, reading_from_smartcar, FromSmartcarOptions,
    SmartcarReadingInput, TimeFallback, MISSING_READING_TIME, SMARTCAR_READING_SITE, SMARTCAR_SOURCE,
};
pub use entry::{meter_entry, MeterEntry, SyncKind};
pub use error::{Limit, OdometerError};
pub use input::{ReadingInput, ValueInput};
pub use policy::{Policy, MAX_METER_DIGITS, MAX_SPEED_KMH, MAX_WINDOW_S};

use serde::{Deserialize, Serialize};

use crate::units::{self, Unit, Value, MAX_METRES};

/// Readings whose value is one of these (in any unit) are placeholders some telematics units send, not distances.
pub const SENTINELS: [u64; 2] = [999_999, 16_777_215];

/// An identifier the caller chose: a database row id or a text id, returned exactly as given. From callers: a
/// string, or a whole number (`7`; a whole float such as `7.0` is the integer 7 in every binding, because JavaScript
/// cannot tell them apart); anything else (`7.5`, `true`) is refused.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum Ident {
    /// An integer id.
    Int(i64),
    /// A text id.
    Text(String),
}

impl fmt::Display for Ident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ident::Int(i) => write!(f, "{i}"),
            Ident::Text(s) => f.write_str(s),
        }
    }
}

/// A reading's value exactly as it was delivered (as JSON: the number or the string).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum RawValue {
    /// A whole number, with [`Reading::unit`] (kept apart from floats so it is echoed back exactly as given).
    Integer(i64),
    /// A number, with [`Reading::unit`].
    Number(f64),
    /// A decimal string such as `"12,345.6"`, with [`Reading::unit`].
    Text(String),
    /// Already whole metres (no unit).
    Metres(i64),
}

/// The outcome of a check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// A valid new reading: store it.
    Accept,
    /// The same reading again (a retry, or another path to the same reading): store nothing new.
    Duplicate,
    /// Not a valid reading: keep it flagged, never let it become the current value.
    Void,
}

impl Status {
    /// `accept`, `duplicate` or `void`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Accept => "accept",
            Status::Duplicate => "duplicate",
            Status::Void => "void",
        }
    }

    /// Parses `accept`, `duplicate` or `void`.
    pub fn parse(text: &str) -> Option<Self> {
        [Status::Accept, Status::Duplicate, Status::Void].into_iter().find(|s| s.as_str() == text)
    }
}

/// Why a reading is void.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Reason {
    /// Lower than a reading taken before it, or higher than one taken after it.
    OutOfSequence,
    /// Implies a speed above [`Policy::max_speed_kmh`] against a neighbouring reading.
    ExceedsMaxRate,
    /// Fits once multiplied or divided by 1.609344: the unit is probably wrong.
    UnitMismatch,
    /// The meter seems to have wrapped around (previous near capacity, new near zero).
    RolloverSuspected,
    /// Not a usable distance: NaN, negative, a sentinel, above capacity, or a bad unit.
    InvalidValue,
}

impl Reason {
    /// Every reason, in a stable order (the columnar APIs report a reason by its index here, plus one).
    pub const ALL: [Reason; 5] = [
        Reason::OutOfSequence,
        Reason::ExceedsMaxRate,
        Reason::UnitMismatch,
        Reason::RolloverSuspected,
        Reason::InvalidValue,
    ];

    /// The stable code, e.g. `out_of_sequence`.
    pub const fn code(self) -> &'static str {
        match self {
            Reason::OutOfSequence => "out_of_sequence",
            Reason::ExceedsMaxRate => "exceeds_max_rate",
            Reason::UnitMismatch => "unit_mismatch",
            Reason::RolloverSuspected => "rollover_suspected",
            Reason::InvalidValue => "invalid_value",
        }
    }
}

/// One odometer reading.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// The value as delivered.
    pub value: RawValue,
    /// The unit as delivered (`km`, `miles`, ...); `None` when the value is [`RawValue::Metres`].
    pub unit: Option<String>,
    /// When the car recorded the value (Smartcar's `oemUpdatedAt`), in unix milliseconds.
    pub reading_time_ms: i64,
    /// When the reading reached the app, in unix milliseconds (provenance only).
    pub received_time_ms: Option<i64>,
    /// The source event id (Smartcar's `eventId`, the same across retries).
    pub event_id: Option<String>,
    /// Where the reading came from (`smartcar`, `manual`, ...).
    pub source: Option<String>,
    /// The caller's id for this reading (its row id), echoed in `duplicate_of`.
    pub id: Option<Ident>,
    /// For history entries: the status it got; `void` and `duplicate` entries never bound the order check.
    pub status: Option<Status>,
}

/// A reading time as a caller gives it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TimeInput<'a> {
    /// Whole unix seconds.
    Seconds(i64),
    /// Unix seconds with a fraction (to the millisecond).
    FractionalSeconds(f64),
    /// An RFC 3339 instant.
    Rfc3339(&'a str),
}

impl TimeInput<'_> {
    /// The instant in unix milliseconds.
    pub fn to_millis(self) -> Result<i64, OdometerError> {
        match self {
            TimeInput::Seconds(s) => time::from_unix_seconds_int(s),
            TimeInput::FractionalSeconds(s) => time::from_unix_seconds(s),
            TimeInput::Rfc3339(text) => time::from_rfc3339(text),
        }
    }
}

impl Reading {
    /// The reading a Smartcar delivery carries (see [`crate::smartcar::parse_event`]), with source `smartcar`, the
    /// event id as identity, and the car's own reading time (`oemUpdatedAt`). The value is kept exactly as its JSON
    /// number was written. `None` when the delivery has no reading time (legacy v2 bodies): such a reading cannot
    /// be placed in time, so the caller decides (e.g. use the delivery time, or skip it). The bindings' form, which
    /// takes the reading as they hand it out and makes that decision an option, is [`reading_from_smartcar`].
    pub fn from_smartcar(reading: &crate::smartcar::OdometerReading, received_time_ms: Option<i64>) -> Option<Self> {
        let read_at = reading.read_at_ms?;
        let mut out =
            Reading::new(delivery::smartcar_value(&reading.raw_value), Some(reading.raw_unit.clone()), read_at);
        out.event_id = reading.event_id.clone();
        out.source = Some(SMARTCAR_SOURCE.to_owned());
        out.received_time_ms = received_time_ms;
        Some(out)
    }

    /// A reading with only its value, unit and time set.
    pub fn new(value: RawValue, unit: Option<String>, reading_time_ms: i64) -> Self {
        Reading {
            value,
            unit,
            reading_time_ms,
            received_time_ms: None,
            event_id: None,
            source: None,
            id: None,
            status: None,
        }
    }

    /// The reading in whole metres under `policy`, or `None` when it is not a usable distance.
    pub fn metres(&self, policy: &Policy) -> Option<i64> {
        normalise(self, policy).map(|(metres, _)| metres)
    }

    /// The identifier reported when this reading is the one another duplicates: its id, else its event id.
    pub fn ident(&self) -> Option<Ident> {
        self.id.clone().or_else(|| self.event_id.clone().map(Ident::Text))
    }

    /// Whether this history entry may bound the order check (it was not voided or duplicated).
    fn counts(&self) -> bool {
        matches!(self.status, None | Some(Status::Accept))
    }
}

/// The verdict on one reading. Its JSON shape, the same in every binding, is
/// `{"status", "reason", "metres", "km", "allowed_range_m", "duplicate_of"}`.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// accept, duplicate or void.
    pub status: Status,
    /// Why it is void; `None` otherwise.
    pub reason: Option<Reason>,
    /// The reading in whole metres; `None` when it could not be read.
    pub metres: Option<i64>,
    /// For order failures, the range the value had to be in: `(prev, next)`, `next` unbounded when `None`.
    pub allowed_range_m: Option<(i64, Option<i64>)>,
    /// For duplicates, the index (in the history given to [`check`], or in the input of [`check_batch`]) of the
    /// reading this one repeats. [`Reading::ident`] of that reading is what the bindings report.
    pub duplicate_of: Option<usize>,
}

impl Verdict {
    /// The reading in kilometres (metres / 1000), when known.
    pub fn km(&self) -> Option<f64> {
        self.metres.map(|m| m as f64 / 1000.0)
    }

    fn new(status: Status, reason: Option<Reason>, metres: Option<i64>) -> Self {
        Verdict { status, reason, metres, allowed_range_m: None, duplicate_of: None }
    }

    fn duplicate(metres: i64, of: usize) -> Self {
        Verdict { duplicate_of: Some(of), ..Verdict::new(Status::Duplicate, None, Some(metres)) }
    }
}

/// Rule 1: whole metres and the meter capacity for this reading, or `None` when it is not a usable distance.
fn normalise(reading: &Reading, policy: &Policy) -> Option<(i64, Option<i64>)> {
    let value = match &reading.value {
        RawValue::Metres(m) => {
            let capacity = policy.capacity_m(Unit::Kilometres);
            return ((0..=MAX_METRES).contains(m) && capacity.is_none_or(|c| *m <= c)).then_some((*m, capacity));
        }
        RawValue::Number(v) => Value::Number(*v),
        RawValue::Text(s) => Value::Text(s),
        // Below 2^53 an integer is exact as a float (the fast path); larger ones are out of range anyway.
        RawValue::Integer(n) if n.unsigned_abs() < 1 << 53 => Value::Number(*n as f64),
        RawValue::Integer(_) => return None,
    };
    normalise_value(value, Unit::parse(reading.unit.as_deref()?).ok()?, policy)
}

/// Rule 1 for a value in a known unit.
fn normalise_value(value: Value<'_>, unit: Unit, policy: &Policy) -> Option<(i64, Option<i64>)> {
    let metres = unit.to_metres(value).ok()?;
    if let Some(n) = units::exact_integer(value) {
        let all_nines = policy.meter_digits.and_then(|d| 10u64.checked_pow(d)).is_some_and(|p| n == p - 1);
        if SENTINELS.contains(&n) || all_nines {
            return None;
        }
    }
    let capacity = policy.capacity_m(unit);
    capacity.is_none_or(|c| metres <= c).then_some((metres, capacity))
}

/// A neighbouring valid reading: its metres and time.
#[derive(Clone, Copy, Debug)]
struct Neighbour {
    metres: i64,
    time: i64,
}

/// Rules 3 to 6 for a reading of `metres` at `time` between its neighbours.
fn judge(
    metres: i64,
    time: i64,
    prev: Option<Neighbour>,
    next: Option<Neighbour>,
    capacity: Option<i64>,
    policy: &Policy,
) -> Verdict {
    let tolerance = i128::from(policy.tolerance_m);
    let in_range = |v: i128| {
        prev.is_none_or(|p| v + tolerance >= i128::from(p.metres))
            && next.is_none_or(|n| v <= i128::from(n.metres) + tolerance)
    };
    // Allowed metres per hour, compared as integers: distance * 3_600_000 <= speed * elapsed_ms.
    let speed_m_per_h = policy.speed_m_per_h();
    let floor_ms = i128::from(policy.min_elapsed_s) * 1000;
    // A distance of `scaled / den` metres over `elapsed_ms` is too fast when scaled * 3_600_000 > speed * elapsed *
    // den. In i128 and saturating: reading times are any i64 a caller passed, so their difference may not fit an i64.
    let too_fast_scaled = |scaled: i128, elapsed_ms: i128, den: i128| {
        scaled.saturating_mul(3_600_000) > speed_m_per_h.saturating_mul(elapsed_ms.max(floor_ms)).saturating_mul(den)
    };
    let too_fast = |distance: i128, elapsed_ms: i128| too_fast_scaled(distance, elapsed_ms, 1);
    let speeding = |v: i128| {
        prev.is_some_and(|p| too_fast(v - i128::from(p.metres), i128::from(time) - i128::from(p.time)))
            || next.is_some_and(|n| too_fast(i128::from(n.metres) - v, i128::from(n.time) - i128::from(time)))
    };
    let m = i128::from(metres);
    if !in_range(m) {
        let range = Some((prev.map_or(0, |p| p.metres), next.map(|n| n.metres)));
        let rolled = match (capacity, prev) {
            (Some(cap), Some(p)) => i128::from(p.metres) * 10 >= i128::from(cap) * 9 && m * 10 <= i128::from(cap),
            _ => false,
        };
        // Rule 4's unit swap: the value read in the other unit, exactly (`m * num / den` metres), would be
        // accepted: it fits the range (with the tolerance) and implies no impossible speed.
        let swapped = |num: i128, den: i128| {
            let x = m * num; // the swapped value, times den
            let fits = prev.is_none_or(|p| x + tolerance * den >= i128::from(p.metres) * den)
                && next.is_none_or(|n| x <= (i128::from(n.metres) + tolerance) * den);
            let fast = prev.is_some_and(|p| {
                too_fast_scaled(x - i128::from(p.metres) * den, i128::from(time) - i128::from(p.time), den)
            }) || next.is_some_and(|n| {
                too_fast_scaled(i128::from(n.metres) * den - x, i128::from(n.time) - i128::from(time), den)
            });
            fits && !fast
        };
        let reason = if rolled {
            Reason::RolloverSuspected
        } else if swapped(1_609_344, 1_000_000) || swapped(1_000_000, 1_609_344) {
            Reason::UnitMismatch
        } else {
            Reason::OutOfSequence
        };
        return Verdict { allowed_range_m: range, ..Verdict::new(Status::Void, Some(reason), Some(metres)) };
    }
    if speeding(m) {
        return Verdict::new(Status::Void, Some(Reason::ExceedsMaxRate), Some(metres));
    }
    Verdict::new(Status::Accept, None, Some(metres))
}

/// Judges `candidate` against the vehicle's `history` (any order; entries with status `void` or `duplicate` are
/// used for duplicate detection only). Returns a verdict for every input; never fails.
pub fn check(history: &[Reading], candidate: &Reading, policy: &Policy) -> Verdict {
    let Some((metres, capacity)) = normalise(candidate, policy) else {
        return Verdict::new(Status::Void, Some(Reason::InvalidValue), None);
    };
    let time = candidate.reading_time_ms;
    if let Some(event_id) = &candidate.event_id {
        if let Some(i) = history.iter().position(|h| h.event_id.as_ref() == Some(event_id)) {
            return Verdict::duplicate(metres, i);
        }
    }
    // (source, time) identifies a reading only when the earlier one could be read: an unreadable value at the
    // same instant must not swallow a good one.
    let same_instant =
        |h: &Reading| h.source == candidate.source && h.reading_time_ms == time && h.metres(policy).is_some();
    if let Some(i) = history.iter().position(same_instant) {
        return Verdict::duplicate(metres, i);
    }
    let valid: Vec<(usize, Neighbour)> = history
        .iter()
        .enumerate()
        .filter(|(_, h)| h.counts())
        .filter_map(|(i, h)| Some((i, Neighbour { metres: h.metres(policy)?, time: h.reading_time_ms })))
        .collect();
    if let Some(window) = policy.same_value_window_s {
        let window_ms = i128::from(window) * 1000;
        let near = |n: &Neighbour| n.metres == metres && (i128::from(n.time) - i128::from(time)).abs() <= window_ms;
        if let Some((i, _)) = valid.iter().find(|(_, n)| near(n)) {
            return Verdict::duplicate(metres, *i);
        }
    }
    let prev = valid.iter().map(|(_, n)| *n).filter(|n| n.time <= time).max_by_key(|n| (n.metres, n.time));
    let next = valid.iter().map(|(_, n)| *n).filter(|n| n.time >= time).min_by_key(|n| (n.metres, n.time));
    judge(metres, time, prev, next, capacity, policy)
}

#[cfg(test)]
mod tests;
