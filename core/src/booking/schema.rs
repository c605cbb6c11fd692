//! The serde form of booking's inputs and result, in one place: the rules (with their defaults and ranges), the
//! options of a validation (`rules`, `now`) and the cleaned booking.

use chrono::{NaiveTime, Weekday};
use serde::{Deserialize, Deserializer, Serialize};

use super::{BookingRules, DateOnly, PhoneRegion, PHONE_REGIONS};
use crate::boundary::{self, ArgError, Site, Value};
use crate::instant::{self, Instant, TimeZone};

/// The code of a problem in the booking rules.
pub const INVALID_BOOKING_RULES: &str = "invalid_booking_rules";
/// The code of a `now` that is not an instant.
pub const INVALID_NOW: &str = "invalid_now";

/// Where each argument of `booking.validate` is decoded, and the code its problems get.
pub mod site {
    use crate::boundary::Site;

    /// The request (collected problems, `validation_failed`, are found by `validate` itself; a request the
    /// walk cannot take, such as a function or 65 nested lists, is `invalid_argument`).
    pub const REQUEST: Site = Site::argument("booking", "request");
    /// The options `{rules, now}` (keyword arguments in Python): problems in `rules` are
    /// `invalid_booking_rules`, in `now` `invalid_now`, any other key `invalid_option` (see
    /// [`super::decode_options`]).
    pub const OPTIONS: Site = Site::options("booking");
    /// Booking rules given on their own (the Odoo client's `booking_rules`).
    pub const RULES: Site = Site::coded("booking", super::INVALID_BOOKING_RULES, "booking_rules");
}

/// The options of a validation: the `rules` (default [`BookingRules::default`]) and `now` (default: the caller's
/// clock, read only at the outermost API).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ValidateOptions {
    /// The rules to apply.
    #[serde(deserialize_with = "instant::null_default")]
    pub rules: BookingRules,
    /// The instant the pickup is compared with.
    pub now: Option<Instant>,
}

impl ValidateOptions {
    /// `now` as unix seconds, or `clock()` when none was given.
    pub fn now_or(&self, clock: impl FnOnce() -> i64) -> i64 {
        self.now.map_or_else(clock, |n| n.0)
    }
}

/// Decodes the options `{rules, now}` at `site` (keys as given: the rules are data, written in snake_case in
/// every language): a problem under `rules` is `invalid_booking_rules`, under `now` `invalid_now`.
pub fn decode_options(value: Value, site: &Site) -> Result<ValidateOptions, ArgError> {
    boundary::decode_or_default(Some(value), site).map_err(|mut err| {
        let first = err.path.split(['.', '[']).next().unwrap_or_default();
        err.code = match first {
            "rules" => INVALID_BOOKING_RULES,
            "now" => INVALID_NOW,
            _ => err.code,
        };
        err
    })
}

/// The cleaned booking: text normalised, the email's domain lower-cased, the phone in E.164, the dates as given
/// (trimmed) and the resolved `start` and `end` (RFC 3339 UTC when serialized).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CleanBooking {
    /// The vehicle.
    pub vehicle_id: i64,
    /// The customer's name.
    pub customer_name: String,
    /// The customer's email.
    pub customer_email: String,
    /// The customer's phone, E.164.
    pub customer_phone: String,
    /// The notes (line breaks kept), or `None` when none were given.
    pub notes: Option<String>,
    /// The pickup as given: a date or an instant.
    pub date_from: String,
    /// The return as given: a date or an instant.
    pub date_to: String,
    /// The pickup instant, unix seconds.
    #[serde(with = "instant::seconds")]
    pub start: i64,
    /// The return instant, unix seconds.
    #[serde(with = "instant::seconds")]
    pub end: i64,
}

/// A whole number from 0 to `MAX`.
fn at_most<'de, D: Deserializer<'de>, const MAX: u32>(deserializer: D) -> Result<u32, D::Error> {
    let value = u32::deserialize(deserializer)?;
    if value > MAX {
        return Err(serde::de::Error::custom(format!("{value} is above the most allowed, {MAX}")));
    }
    Ok(value)
}

/// A length from 1 to 1,000,000 characters.
fn length<'de, D: Deserializer<'de>>(deserializer: D) -> Result<usize, D::Error> {
    match u32::deserialize(deserializer)? {
        n @ 1..=1_000_000 => Ok(n as usize),
        n => Err(serde::de::Error::custom(format!("a length from 1 to 1000000 (got {n})"))),
    }
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum DateOnlyName {
    Inclusive,
    Exclusive,
    Clock,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum WeekdayName {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl From<WeekdayName> for Weekday {
    fn from(name: WeekdayName) -> Weekday {
        match name {
            WeekdayName::Mon => Weekday::Mon,
            WeekdayName::Tue => Weekday::Tue,
            WeekdayName::Wed => Weekday::Wed,
            WeekdayName::Thu => Weekday::Thu,
            WeekdayName::Fri => Weekday::Fri,
            WeekdayName::Sat => Weekday::Sat,
            WeekdayName::Sun => Weekday::Sun,
        }
    }
}

/// A clock time `HH:MM`.
struct Clock(NaiveTime);

impl<'de> Deserialize<'de> for Clock {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Clock, D::Error> {
        let text = String::deserialize(deserializer)?;
        NaiveTime::parse_from_str(&text, "%H:%M")
            .map(Clock)
            .map_err(|_| serde::de::Error::custom(format!("{text:?} is not a clock time HH:MM")))
    }
}

/// A supported phone region by its ISO code.
struct Region(PhoneRegion);

impl<'de> Deserialize<'de> for Region {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Region, D::Error> {
        let code = String::deserialize(deserializer)?;
        PHONE_REGIONS.iter().find(|p| p.region == code).map(|p| Region(*p)).ok_or_else(|| {
            let known: Vec<&str> = PHONE_REGIONS.iter().map(|p| p.region).collect();
            serde::de::Error::custom(format!("{code:?} is not a supported region ({})", known.join(", ")))
        })
    }
}

/// `max_lengths`: characters allowed per text field.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MaxLengths {
    #[serde(default, deserialize_with = "some_length")]
    customer_name: Option<usize>,
    #[serde(default, deserialize_with = "some_length")]
    customer_email: Option<usize>,
    #[serde(default, deserialize_with = "some_length")]
    customer_phone: Option<usize>,
    #[serde(default, deserialize_with = "some_length")]
    notes: Option<usize>,
}

fn some_length<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<usize>, D::Error> {
    length(deserializer).map(Some)
}

/// The rules as written (every key optional; absent = the default of [`BookingRules::default`]).
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RulesFields {
    time_zone: Option<TimeZone>,
    #[serde(deserialize_with = "some_at_most::<_, { 24 * 3660 }>")]
    min_rental_hours: Option<u32>,
    #[serde(deserialize_with = "some_at_most::<_, 3660>")]
    max_rental_days: Option<u32>,
    forbidden_weekdays: Option<Vec<WeekdayName>>,
    #[serde(deserialize_with = "some_at_most::<_, { 24 * 60 }>")]
    past_tolerance_minutes: Option<u32>,
    date_only: Option<DateOnlyName>,
    pickup_time: Option<Clock>,
    return_time: Option<Clock>,
    default_region: Option<Region>,
    max_lengths: Option<MaxLengths>,
}

fn some_at_most<'de, D: Deserializer<'de>, const MAX: u32>(deserializer: D) -> Result<Option<u32>, D::Error> {
    at_most::<D, MAX>(deserializer).map(Some)
}

impl TryFrom<RulesFields> for BookingRules {
    type Error = String;
    fn try_from(f: RulesFields) -> Result<BookingRules, String> {
        let mut rules = BookingRules::default();
        if let Some(tz) = f.time_zone {
            rules.time_zone = tz.0;
        }
        if let Some(hours) = f.min_rental_hours {
            rules.min_rental_minutes = i64::from(hours) * 60;
        }
        if let Some(days) = f.max_rental_days {
            rules.max_rental_minutes = i64::from(days) * 24 * 60;
        }
        if let Some(days) = f.forbidden_weekdays {
            rules.forbidden_weekdays = days.into_iter().map(Weekday::from).collect();
        }
        if let Some(minutes) = f.past_tolerance_minutes {
            rules.past_tolerance_seconds = i64::from(minutes) * 60;
        }
        let clock = f.date_only == Some(DateOnlyName::Clock);
        if !clock && (f.pickup_time.is_some() || f.return_time.is_some()) {
            return Err("pickup_time and return_time are only used with date_only = clock".to_owned());
        }
        rules.date_only = match f.date_only {
            None | Some(DateOnlyName::Inclusive) => DateOnly::Inclusive,
            Some(DateOnlyName::Exclusive) => DateOnly::Exclusive,
            Some(DateOnlyName::Clock) => DateOnly::Clock {
                pickup: f.pickup_time.map_or(DEFAULT_PICKUP, |c| c.0),
                return_: f.return_time.map_or(DEFAULT_RETURN, |c| c.0),
            },
        };
        rules.default_region = f.default_region.map(|r| r.0);
        if let Some(lengths) = f.max_lengths {
            let given = [lengths.customer_name, lengths.customer_email, lengths.customer_phone, lengths.notes];
            for (slot, length) in rules.max_lengths.iter_mut().zip(given) {
                if let Some(length) = length {
                    *slot = length;
                }
            }
        }
        Ok(rules)
    }
}

/// The pickup clock time of `date_only = clock` when `pickup_time` is not given.
pub const DEFAULT_PICKUP: NaiveTime = match NaiveTime::from_hms_opt(9, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};
/// The return clock time of `date_only = clock` when `return_time` is not given.
pub const DEFAULT_RETURN: NaiveTime = match NaiveTime::from_hms_opt(18, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn options(value: serde_json::Value) -> Result<ValidateOptions, ArgError> {
        decode_options(Value::from(value), &site::OPTIONS)
    }

    #[test]
    fn an_empty_rules_object_is_the_defaults() {
        assert_eq!(options(json!({"rules": {}})).unwrap().rules, BookingRules::default());
        assert_eq!(options(json!({"rules": null, "now": null})).unwrap(), ValidateOptions::default());
        let clock = options(json!({"rules": {"date_only": "clock", "return_time": "17:30"}})).unwrap().rules;
        assert_eq!(
            clock.date_only,
            DateOnly::Clock { pickup: DEFAULT_PICKUP, return_: NaiveTime::from_hms_opt(17, 30, 0).unwrap() }
        );
    }

    #[test]
    fn problems_get_the_code_of_their_option() {
        let code = |v| options(v).map(drop).unwrap_err();
        let err = code(json!({"rules": {"past_tolerance_minutes": 1441}}));
        assert_eq!((err.code, err.path.as_str()), (INVALID_BOOKING_RULES, "rules.past_tolerance_minutes"));
        let err = code(json!({"rules": {"max_lengths": {"customer_nam": 5}}}));
        assert_eq!((err.code, err.path.as_str()), (INVALID_BOOKING_RULES, "rules.max_lengths.customer_nam"));
        assert_eq!(code(json!({"now": "yesterday"})).code, INVALID_NOW);
        assert_eq!(code(json!({"rulez": {}})).code, crate::boundary::INVALID_OPTION);
        assert_eq!(options(json!({"now": 60})).unwrap().now_or(|| 0), 60);
    }
}
