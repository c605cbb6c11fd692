//! Instants and local times shared by the booking, pricing and availability areas.
//!
//! An instant crosses the API boundary as an RFC 3339 string with an offset (`2024-02-01T09:00:00+01:00`,
//! `...Z`) or as integer unix seconds, and is held as unix seconds (`i64`). Fractions of a second are accepted
//! only when they are zero (`.000`, what JavaScript's `toISOString` prints): fleetgate works to the second and
//! never rounds an input silently. Output instants are RFC 3339 in UTC (`2024-02-01T08:00:00Z`).
//!
//! Local wall-clock times are resolved in an IANA time zone the way Python's `zoneinfo` does with `fold=0`:
//! an ambiguous time (autumn fall-back) is its earlier instant, a time inside a gap (spring forward) is read
//! with the offset before the gap (02:30 on a 02:00 -> 03:00 night becomes 03:30).

use chrono::{DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, TimeZone as _, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use serde_json::Value as Json;

/// Why an instant could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InstantProblem {
    /// Neither a string nor an integer.
    WrongType,
    /// Not RFC 3339 with an offset, or out of range.
    Syntax,
    /// A non-zero fraction of a second.
    SubSecond,
}

impl std::fmt::Display for InstantProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            InstantProblem::WrongType => "an instant is an RFC 3339 string or integer unix seconds",
            InstantProblem::Syntax => "not an RFC 3339 instant with an offset (e.g. 2024-02-01T09:00:00+01:00)",
            InstantProblem::SubSecond => "fractions of a second are not supported",
        })
    }
}

/// The earliest and latest unix seconds accepted (years 1 to 9999), so every instant formats and every
/// difference fits comfortably.
const RANGE: std::ops::RangeInclusive<i64> = -62_135_596_800..=253_402_300_799;

/// Parses an RFC 3339 instant with an offset into unix seconds.
pub fn parse_rfc3339(text: &str) -> Result<i64, InstantProblem> {
    let parsed = DateTime::parse_from_rfc3339(text).map_err(|_| InstantProblem::Syntax)?;
    if parsed.timestamp_subsec_nanos() != 0 {
        return Err(InstantProblem::SubSecond);
    }
    Ok(parsed.timestamp())
}

/// Reads an instant given as JSON: an RFC 3339 string or integer unix seconds.
pub fn from_json(value: &Json) -> Result<i64, InstantProblem> {
    let seconds = match value {
        Json::String(s) => parse_rfc3339(s)?,
        Json::Number(n) => n.as_i64().ok_or(InstantProblem::WrongType)?,
        _ => return Err(InstantProblem::WrongType),
    };
    if RANGE.contains(&seconds) {
        Ok(seconds)
    } else {
        Err(InstantProblem::Syntax)
    }
}

/// Formats unix seconds as RFC 3339 in UTC: `2024-02-01T08:00:00Z`.
pub fn format(seconds: i64) -> String {
    match DateTime::<Utc>::from_timestamp(seconds, 0) {
        Some(t) => t.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        None => seconds.to_string(),
    }
}

/// An instant as it crosses the boundary (see the module docs): deserialized from an RFC 3339 string with an
/// offset or integer unix seconds (a float, `true`, a list, ... is refused), serialized as RFC 3339 in UTC. The
/// serde form of every `start`, `end`, `now`, `planned_return`, ... of the booking, pricing and availability areas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(pub i64);

impl Instant {
    /// Reads an RFC 3339 string or unix seconds, in the accepted range.
    pub fn from_seconds(seconds: i64) -> Result<Instant, InstantProblem> {
        if RANGE.contains(&seconds) {
            Ok(Instant(seconds))
        } else {
            Err(InstantProblem::Syntax)
        }
    }
}

impl<'de> serde::Deserialize<'de> for Instant {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Instant, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Instant;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an RFC 3339 instant with an offset (2024-02-01T09:00:00+01:00) or integer unix seconds")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Instant, E> {
                Instant::from_seconds(v).map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Instant, E> {
                i64::try_from(v).map_err(|_| E::custom(InstantProblem::Syntax)).and_then(|v| self.visit_i64(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Instant, E> {
                parse_rfc3339(v).and_then(Instant::from_seconds).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(Visit)
    }
}

impl serde::Serialize for Instant {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format(self.0))
    }
}

/// `#[serde(with = "crate::instant::seconds")]`: an `i64` field of unix seconds with the [`Instant`] serde form.
pub mod seconds {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// Serializes unix seconds as RFC 3339 UTC.
    pub fn serialize<S: Serializer>(seconds: &i64, serializer: S) -> Result<S::Ok, S::Error> {
        super::Instant(*seconds).serialize(serializer)
    }

    /// Deserializes an [`super::Instant`] into unix seconds.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
        super::Instant::deserialize(deserializer).map(|i| i.0)
    }
}

/// An IANA time zone as it crosses the boundary: deserialized from its name (`Europe/Brussels`); `UTC` by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeZone(pub Tz);

impl Default for TimeZone {
    fn default() -> Self {
        TimeZone(chrono_tz::UTC)
    }
}

impl<'de> serde::Deserialize<'de> for TimeZone {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<TimeZone, D::Error> {
        let name = String::deserialize(deserializer)?;
        parse_tz(&name).map(TimeZone).ok_or_else(|| {
            serde::de::Error::custom(format!("{name:?} is not an IANA time zone such as Europe/Brussels"))
        })
    }
}

impl serde::Serialize for TimeZone {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.name())
    }
}

/// Deserializes `null` as `T::default()` (an option given as `None` / `null` is the documented default).
pub(crate) fn null_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de> + Default,
{
    Option::<T>::deserialize(deserializer).map(Option::unwrap_or_default)
}

/// Parses an IANA time zone name such as `Europe/Brussels`.
pub fn parse_tz(name: &str) -> Option<Tz> {
    name.parse().ok()
}

/// The local wall-clock time of an instant in `tz`.
pub fn to_local(seconds: i64, tz: Tz) -> NaiveDateTime {
    match DateTime::<Utc>::from_timestamp(seconds, 0) {
        Some(t) => t.with_timezone(&tz).naive_local(),
        None => NaiveDateTime::MIN,
    }
}

/// The instant of a local wall-clock time in `tz` (earlier of an ambiguous pair; a gap is skipped forward by
/// the gap's length, as `zoneinfo` with `fold=0` does).
pub fn from_local(local: NaiveDateTime, tz: Tz) -> i64 {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.timestamp(),
        LocalResult::Ambiguous(earlier, _) => earlier.timestamp(),
        LocalResult::None => {
            // Read with the offset in force just before the gap.
            let before = local - chrono::Duration::hours(24);
            let offset = match tz.from_local_datetime(&before) {
                LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => *t.offset(),
                LocalResult::None => return local.and_utc().timestamp(),
            };
            use chrono::Offset;
            local.and_utc().timestamp() - i64::from(offset.fix().local_minus_utc())
        }
    }
}

/// Adds calendar months to a local date-time, clipping the day to the month's length (Jan 31 + 1 month =
/// Feb 29 in a leap year), like `dateutil.relativedelta`.
pub fn add_months(local: NaiveDateTime, months: i64) -> Option<NaiveDateTime> {
    let index = i64::from(local.year()) * 12 + i64::from(local.month0()) + months;
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
    let last = last_day(year, month)?;
    let date = NaiveDate::from_ymd_opt(year, month, local.day().min(last))?;
    Some(date.and_time(local.time()))
}

fn last_day(year: i32, month: u32) -> Option<u32> {
    let next =
        if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, month + 1, 1) };
    next.and_then(|d| d.pred_opt()).map(|d| d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gap_and_fold_follow_zoneinfo() {
        let tz = parse_tz("Europe/Brussels").unwrap();
        let gap = NaiveDate::from_ymd_opt(2024, 3, 31).unwrap().and_hms_opt(2, 30, 0).unwrap();
        assert_eq!(format(from_local(gap, tz)), "2024-03-31T01:30:00Z");
        let fold = NaiveDate::from_ymd_opt(2024, 10, 27).unwrap().and_hms_opt(2, 30, 0).unwrap();
        assert_eq!(format(from_local(fold, tz)), "2024-10-27T00:30:00Z");
    }

    #[test]
    fn months_clip_to_month_end() {
        let jan31 = NaiveDate::from_ymd_opt(2024, 1, 31).unwrap().and_hms_opt(10, 0, 0).unwrap();
        assert_eq!(add_months(jan31, 1).unwrap().to_string(), "2024-02-29 10:00:00");
        assert_eq!(add_months(jan31, 13).unwrap().to_string(), "2025-02-28 10:00:00");
    }

    #[test]
    fn sub_second_fractions_must_be_zero() {
        assert_eq!(parse_rfc3339("2024-01-01T00:00:00.000Z"), Ok(1_704_067_200));
        assert_eq!(parse_rfc3339("2024-01-01T00:00:00.5Z"), Err(InstantProblem::SubSecond));
        assert_eq!(parse_rfc3339("2024-01-01T00:00:00"), Err(InstantProblem::Syntax));
    }
}
