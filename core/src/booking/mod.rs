//! Booking requests: validation and sanitisation, the same in the browser, the Node proxy and Python.
//!
//! A request has `vehicle_id` (a positive integer, or its canonical digit string), `customer_name`,
//! `customer_email`, `customer_phone`, `date_from`, `date_to` (`YYYY-MM-DD` dates or RFC 3339 instants with an
//! offset) and optional `notes`. [`validate`] collects **every** problem as a [`FieldError`] `{loc, code,
//! message}` and, when there is none, returns the cleaned request with the resolved `start` and `end` instants.
//!
//! Field codes (stable, like error codes): `required`, `unknown_field`, `wrong_type`, `invalid_vehicle_id`,
//! `too_long`, `control_characters`, `invalid_email`, `invalid_phone`, `invalid_date`, `date_in_past`,
//! `end_not_after_start`, `rental_too_short`, `rental_too_long`, `weekday_not_allowed`.
//!
//! Errors are listed in field order: unknown fields (alphabetically), `vehicle_id`, `customer_name`,
//! `customer_email`, `customer_phone`, `notes`, `date_from`, `date_to`, then the checks across the two dates
//! (pickup in the past, pickup weekday, return weekday, period length). A date-only pickup is in the past only
//! when its day is before today in the location's time zone (booking "today" is allowed).
//!
//! Sanitisation: text is Unicode-normalised (NFC), runs of whitespace become one space, and the ends are trimmed
//! (notes keep their line breaks; each line is cleaned). Control characters other than tab, line feed and
//! carriage return are reported (`control_characters`) rather than silently removed. The email's domain is
//! lower-cased (it is checked as an IDN with UTS 46); the phone becomes E.164.
//!
//! Phones: an international number (`+` or `00`, optional `(0)` trunk) is kept as its 8 to 15 digits; a
//! national number needs [`BookingRules::default_region`], one of the regions in [`PHONE_REGIONS`] (the
//! national trunk prefix is dropped and the national length checked). This is a deliberately small E.164
//! normaliser, not libphonenumber: numbering plans are not validated beyond length.
//!
//! Dates: a date-only value means whole days in the location's time zone ([`DateOnly`]); instants are used as
//! given. The weekday rules use the given date (date-only) or the local date of the instant.

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;
use serde_json::Value as Json;
use unicode_normalization::UnicodeNormalization;

use crate::error::ErrorCode;
use crate::instant;

mod schema;

pub use schema::{
    decode_options, site, CleanBooking, ValidateOptions, DEFAULT_PICKUP, DEFAULT_RETURN, INVALID_BOOKING_RULES,
    INVALID_NOW,
};

/// A booking error: `validation_failed`, with every [`FieldError`]; `invalid_booking_rules` and `invalid_now` for
/// callers that decode the rules or `now` themselves. (Rules and `now` are typed: in the bindings their problems
/// are found when they are decoded, [`decode_options`], as `ArgError`s with the same codes and details.)
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum BookingError {
    /// The request has problems; all of them are listed.
    #[error("the booking request is invalid: {}", summary(.errors))]
    ValidationFailed {
        /// Every problem found.
        errors: Vec<FieldError>,
    },
    /// The rules could not be decoded (for callers that decode them outside a binding, e.g. the Odoo client's
    /// options): the decoding problem at [`site::RULES`], as data.
    #[error("invalid booking rules{}: {problem}", if path.is_empty() { String::new() } else { format!(" at {path}") })]
    InvalidRules {
        /// The argument, e.g. `rules`.
        argument: &'static str,
        /// Where inside the rules, e.g. `time_zone`.
        path: String,
        /// What is wrong.
        problem: String,
    },
    /// `now` could not be decoded (for callers that decode it outside a binding): the decoding problem, as data.
    #[error("invalid now: {problem}")]
    InvalidNow {
        /// The argument, e.g. `now` or `options`.
        argument: &'static str,
        /// Where inside it, e.g. `now`.
        path: String,
        /// What is wrong.
        problem: String,
    },
}

impl BookingError {
    /// A decoding problem of the rules as [`BookingError::InvalidRules`].
    pub fn invalid_rules(err: crate::boundary::ArgError) -> BookingError {
        BookingError::InvalidRules { argument: err.argument, path: err.path, problem: err.problem }
    }
}

fn summary(errors: &[FieldError]) -> String {
    errors.iter().map(|e| format!("{}: {}", e.loc.join("."), e.message)).collect::<Vec<_>>().join("; ")
}

impl BookingError {
    /// The stable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            BookingError::ValidationFailed { .. } => "validation_failed",
            BookingError::InvalidRules { .. } => "invalid_booking_rules",
            BookingError::InvalidNow { .. } => "invalid_now",
        }
    }
}

impl ErrorCode for BookingError {
    fn code(&self) -> &'static str {
        BookingError::code(self)
    }
    fn area(&self) -> &'static str {
        "booking"
    }
}

/// One problem of a request.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    /// Where: the field name (e.g. `["customer_email"]`).
    pub loc: Vec<String>,
    /// The stable field code, e.g. `invalid_email`.
    pub code: &'static str,
    /// A human-readable explanation.
    pub message: String,
}

impl FieldError {
    fn new(field: &str, code: &'static str, message: impl Into<String>) -> Self {
        FieldError { loc: vec![field.to_owned()], code, message: message.into() }
    }
}

/// How date-only values become instants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOnly {
    /// Pickup at the start of `date_from`, return at the end of `date_to` (Feb 1 to Feb 5 = 5 days). Default.
    Inclusive,
    /// Pickup at the start of `date_from`, return at the start of `date_to` (Feb 1 to Feb 5 = 4 days).
    Exclusive,
    /// Pickup at `pickup` on `date_from`, return at `return_` on `date_to`.
    Clock {
        /// Pickup clock time.
        pickup: NaiveTime,
        /// Return clock time.
        return_: NaiveTime,
    },
}

/// A supported phone region: ISO code, country calling code, national trunk prefix and national lengths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhoneRegion {
    /// ISO 3166 code, e.g. `BE`.
    pub region: &'static str,
    /// Country calling code, e.g. `32`.
    pub calling_code: &'static str,
    /// The national trunk prefix dropped in E.164 (`0`, `1` for NANP, empty when none).
    pub trunk: &'static str,
    /// Allowed national significant number lengths.
    pub lengths: (usize, usize),
}

/// The regions a national phone number may be read in (see [`BookingRules::default_region`]).
pub const PHONE_REGIONS: &[PhoneRegion] = &[
    PhoneRegion { region: "AT", calling_code: "43", trunk: "0", lengths: (4, 13) },
    PhoneRegion { region: "BE", calling_code: "32", trunk: "0", lengths: (8, 9) },
    PhoneRegion { region: "CA", calling_code: "1", trunk: "1", lengths: (10, 10) },
    PhoneRegion { region: "CH", calling_code: "41", trunk: "0", lengths: (9, 9) },
    PhoneRegion { region: "DE", calling_code: "49", trunk: "0", lengths: (5, 13) },
    PhoneRegion { region: "ES", calling_code: "34", trunk: "", lengths: (9, 9) },
    PhoneRegion { region: "FR", calling_code: "33", trunk: "0", lengths: (9, 9) },
    PhoneRegion { region: "GB", calling_code: "44", trunk: "0", lengths: (9, 10) },
    PhoneRegion { region: "IE", calling_code: "353", trunk: "0", lengths: (7, 9) },
    PhoneRegion { region: "IT", calling_code: "39", trunk: "", lengths: (6, 11) },
    PhoneRegion { region: "LU", calling_code: "352", trunk: "", lengths: (4, 11) },
    PhoneRegion { region: "NL", calling_code: "31", trunk: "0", lengths: (9, 9) },
    PhoneRegion { region: "US", calling_code: "1", trunk: "1", lengths: (10, 10) },
];

/// Configurable booking rules. [`BookingRules::default`] is UTC, 1 hour to 90 days, no forbidden weekday,
/// 5 minutes of past tolerance, inclusive date-only convention, no default phone region, and maximum lengths of
/// 100 (name), 254 (email), 32 (phone) and 2000 (notes) characters.
///
/// Its serde form (`pickup_time`/`return_time` `HH:MM`, default 09:00 and 18:00 with `date_only = clock`):
/// `{time_zone, min_rental_hours (0 to 87840), max_rental_days (0 to 3660), forbidden_weekdays: [mon ... sun],
/// past_tolerance_minutes (0 to 1440), date_only: inclusive | exclusive | clock, pickup_time, return_time,
/// default_region, max_lengths: {customer_name, customer_email, customer_phone, notes} (1 to 1000000)}`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(try_from = "schema::RulesFields")]
pub struct BookingRules {
    /// The location's time zone (`time_zone`, an IANA name).
    pub time_zone: Tz,
    /// Shortest rental, in minutes (`min_rental_hours` in JSON, whole hours).
    pub min_rental_minutes: i64,
    /// Longest rental, in minutes (`max_rental_days` in JSON, whole days).
    pub max_rental_minutes: i64,
    /// Weekdays on which neither pickup nor return may fall (`forbidden_weekdays`: `mon` ... `sun`).
    pub forbidden_weekdays: Vec<Weekday>,
    /// How far in the past `date_from` may be, in seconds (`past_tolerance_minutes` in JSON).
    pub past_tolerance_seconds: i64,
    /// The date-only convention (`date_only`: `inclusive` | `exclusive` | `clock` with `pickup_time` and
    /// `return_time` as `HH:MM`).
    pub date_only: DateOnly,
    /// The region national phone numbers are read in (`default_region`), one of [`PHONE_REGIONS`].
    pub default_region: Option<PhoneRegion>,
    /// Maximum lengths in characters (`max_lengths`: `{customer_name, customer_email, customer_phone, notes}`).
    pub max_lengths: [usize; 4],
}

const TEXT_FIELDS: [&str; 4] = ["customer_name", "customer_email", "customer_phone", "notes"];

impl Default for BookingRules {
    fn default() -> Self {
        BookingRules {
            time_zone: chrono_tz::UTC,
            min_rental_minutes: 60,
            max_rental_minutes: 90 * 24 * 60,
            forbidden_weekdays: Vec::new(),
            past_tolerance_seconds: 300,
            date_only: DateOnly::Inclusive,
            default_region: None,
            max_lengths: [100, 254, 32, 2000],
        }
    }
}

/// A date field as given: a local date or an instant.
#[derive(Clone, Copy)]
enum When {
    Date(NaiveDate),
    Instant(i64),
}

/// Validates and cleans a booking request at `now` (unix seconds). The request stays loosely typed input (any
/// JSON value: a form's fields as posted) so that every problem is collected, wrong types and unknown fields
/// included, as a [`FieldError`] in [`BookingError::ValidationFailed`].
pub fn validate(request: &Json, rules: &BookingRules, now: i64) -> Result<CleanBooking, BookingError> {
    let mut errors = Vec::new();
    let Some(fields) = request.as_object() else {
        let e = FieldError { loc: Vec::new(), code: "wrong_type", message: "a booking request is an object".into() };
        return Err(BookingError::ValidationFailed { errors: vec![e] });
    };
    const KNOWN: [&str; 7] =
        ["vehicle_id", "customer_name", "customer_email", "customer_phone", "date_from", "date_to", "notes"];
    for key in fields.keys().filter(|k| !KNOWN.contains(&k.as_str())) {
        errors.push(FieldError::new(key, "unknown_field", "this field is not part of a booking request"));
    }
    let id = vehicle_id(fields.get("vehicle_id"), &mut errors);
    let mut texts: [Option<Option<String>>; 4] = Default::default();
    for (slot, field) in TEXT_FIELDS.iter().enumerate() {
        let optional = *field == "notes";
        if optional && !fields.contains_key("notes") {
            texts[slot] = Some(None);
            continue;
        }
        let cleaned = text(field, fields.get(*field), optional, rules.max_lengths[slot], &mut errors);
        texts[slot] = cleaned.and_then(|t| match (*field, t) {
            ("customer_email", Some(t)) => email(&t, &mut errors).map(Some),
            ("customer_phone", Some(t)) => phone(&t, rules.default_region, &mut errors).map(Some),
            (_, t) => Some(t),
        });
    }
    let from = date(fields.get("date_from"), "date_from", &mut errors);
    let to = date(fields.get("date_to"), "date_to", &mut errors);
    let period = match (&from, &to) {
        (Some((from, _)), Some((to, _))) => Some(check_period(*from, *to, rules, now, &mut errors)),
        (Some((from, _)), None) => {
            check_pickup(*from, rules, now, &mut errors);
            None
        }
        _ => None,
    };
    let [name, email, phone, notes] = texts;
    match (id, name, email, phone, notes, from, to, period) {
        (
            Some(vehicle_id),
            Some(Some(customer_name)),
            Some(Some(customer_email)),
            Some(Some(customer_phone)),
            Some(notes),
            Some((_, date_from)),
            Some((_, date_to)),
            Some((start, end)),
        ) if errors.is_empty() => Ok(CleanBooking {
            vehicle_id,
            customer_name,
            customer_email,
            customer_phone,
            notes,
            date_from,
            date_to,
            start,
            end,
        }),
        _ => Err(BookingError::ValidationFailed { errors }),
    }
}

fn vehicle_id(value: Option<&Json>, errors: &mut Vec<FieldError>) -> Option<i64> {
    const MAX: u64 = 9_007_199_254_740_991;
    let id = match value {
        None | Some(Json::Null) => None,
        Some(Json::String(s)) if s.trim().is_empty() => None,
        Some(Json::Number(n)) => Some(n.as_u64().filter(|v| (1..=MAX).contains(v))),
        Some(Json::String(s)) => Some(s.parse::<u64>().ok().filter(|v| (1..=MAX).contains(v) && v.to_string() == *s)),
        Some(_) => Some(None),
    };
    match id {
        None => errors.push(FieldError::new("vehicle_id", "required", "a vehicle is required")),
        Some(None) => {
            errors.push(FieldError::new("vehicle_id", "invalid_vehicle_id", "the vehicle id is a positive integer"))
        }
        Some(Some(v)) => return Some(v as i64),
    }
    None
}

/// Cleans a text field. `Some(None)`: an absent optional field given as null; `None`: an error was recorded.
fn text(
    field: &str,
    value: Option<&Json>,
    optional: bool,
    max: usize,
    errors: &mut Vec<FieldError>,
) -> Option<Option<String>> {
    let raw = match value {
        None | Some(Json::Null) if optional => return Some(None),
        None | Some(Json::Null) => {
            errors.push(FieldError::new(field, "required", "this field is required"));
            return None;
        }
        Some(Json::String(s)) => s,
        Some(_) => {
            errors.push(FieldError::new(field, "wrong_type", "this field is text"));
            return None;
        }
    };
    let normalised: String = raw.nfc().collect();
    if normalised.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
        errors.push(FieldError::new(field, "control_characters", "remove the control characters"));
        return None;
    }
    let cleaned = if field == "notes" {
        let lines: Vec<String> =
            normalised.replace("\r\n", "\n").replace('\r', "\n").split('\n').map(collapse).collect();
        lines.join("\n").trim_matches('\n').to_owned()
    } else {
        collapse(&normalised)
    };
    if cleaned.is_empty() && !optional {
        errors.push(FieldError::new(field, "required", "this field is required"));
        return None;
    }
    let length = cleaned.chars().count();
    if length > max {
        errors.push(FieldError::new(field, "too_long", format!("at most {max} characters (got {length})")));
        return None;
    }
    Some(Some(cleaned))
}

/// Runs of whitespace become one space; the ends are trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn email(text: &str, errors: &mut Vec<FieldError>) -> Option<String> {
    let invalid = |errors: &mut Vec<FieldError>, why: &str| {
        errors.push(FieldError::new("customer_email", "invalid_email", format!("not a valid email address: {why}")));
        None
    };
    let Some((local, domain)) = text.split_once('@') else { return invalid(errors, "no @") };
    const SPECIALS: &str = "!#$%&'*+/=?^_`{|}~-.";
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || SPECIALS.contains(c) || (!c.is_ascii() && !c.is_whitespace()));
    if !local_ok {
        return invalid(errors, "the part before @ is not a valid mailbox name");
    }
    let domain = domain.to_lowercase();
    let ascii = match idna::domain_to_ascii_strict(&domain) {
        Ok(a) => a,
        Err(_) => return invalid(errors, "the domain is not a valid (internationalised) domain name"),
    };
    let labels: Vec<&str> = ascii.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    let tld_ok = labels.last().is_some_and(|t| t.starts_with("xn--") || t.bytes().all(|b| b.is_ascii_alphabetic()));
    if labels.len() < 2 || !labels.iter().all(label_ok) || !tld_ok || ascii.len() > 253 {
        return invalid(errors, "the domain needs a name and a top-level domain, like example.com");
    }
    Some(format!("{local}@{domain}"))
}

fn phone(text: &str, region: Option<PhoneRegion>, errors: &mut Vec<FieldError>) -> Option<String> {
    let invalid = |errors: &mut Vec<FieldError>, why: String| {
        errors.push(FieldError::new("customer_phone", "invalid_phone", why));
        None
    };
    let compact = text.replace("(0)", "");
    let (international, rest) = match compact.strip_prefix('+') {
        Some(r) => (true, r.to_owned()),
        None => match compact.strip_prefix("00") {
            Some(r) => (true, r.to_owned()),
            None => (false, compact.clone()),
        },
    };
    if !rest.chars().all(|c| c.is_ascii_digit() || " -.()/".contains(c)) {
        return invalid(errors, "a phone number has digits, spaces and - . ( ) / only".into());
    }
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    if international {
        if !(8..=15).contains(&digits.len()) || digits.starts_with('0') {
            return invalid(errors, "an international number has 8 to 15 digits after the + and a country code".into());
        }
        return Some(format!("+{digits}"));
    }
    let Some(region) = region else {
        return invalid(errors, "start with + and the country code (no default region is configured)".into());
    };
    let national = match digits.strip_prefix(region.trunk) {
        Some(n) if !region.trunk.is_empty() && n.len() >= region.lengths.0 => n,
        _ => digits.as_str(),
    };
    let (low, high) = region.lengths;
    if !(low..=high).contains(&national.len()) {
        return invalid(errors, format!("not a {} phone number ({low} to {high} digits expected)", region.region));
    }
    Some(format!("+{}{national}", region.calling_code))
}

fn date(value: Option<&Json>, field: &str, errors: &mut Vec<FieldError>) -> Option<(When, String)> {
    let text = match value {
        None | Some(Json::Null) => {
            errors.push(FieldError::new(field, "required", "this date is required"));
            return None;
        }
        Some(Json::String(s)) if s.trim().is_empty() => {
            errors.push(FieldError::new(field, "required", "this date is required"));
            return None;
        }
        Some(Json::String(s)) => s.trim(),
        Some(_) => {
            errors.push(FieldError::new(field, "invalid_date", "a date (YYYY-MM-DD) or an RFC 3339 instant"));
            return None;
        }
    };
    let when = if text.len() == 10 {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().map(When::Date)
    } else {
        instant::parse_rfc3339(text).ok().map(When::Instant)
    };
    match when {
        Some(w) => Some((w, text.to_owned())),
        None => {
            errors.push(FieldError::new(
                field,
                "invalid_date",
                "a date (YYYY-MM-DD) or an RFC 3339 instant with an offset (2024-02-01T09:00:00+01:00)",
            ));
            None
        }
    }
}

/// The instant a pickup (`is_return == false`) or return value stands for, and its local date.
fn resolve(when: When, is_return: bool, rules: &BookingRules) -> (i64, NaiveDate) {
    let tz = rules.time_zone;
    match when {
        When::Instant(t) => (t, instant::to_local(t, tz).date()),
        When::Date(d) => {
            let at = |date: NaiveDate, time: NaiveTime| instant::from_local(date.and_time(time), tz);
            let instant = match (rules.date_only, is_return) {
                (DateOnly::Clock { pickup, .. }, false) => at(d, pickup),
                (DateOnly::Clock { return_, .. }, true) => at(d, return_),
                (DateOnly::Inclusive, true) => at(d.succ_opt().unwrap_or(d), NaiveTime::MIN),
                _ => at(d, NaiveTime::MIN),
            };
            (instant, d)
        }
    }
}

fn check_pickup(from: When, rules: &BookingRules, now: i64, errors: &mut Vec<FieldError>) -> i64 {
    let (start, day) = resolve(from, false, rules);
    let earliest = now - rules.past_tolerance_seconds;
    let past = match from {
        When::Date(d) => d < instant::to_local(earliest, rules.time_zone).date(),
        When::Instant(t) => t < earliest,
    };
    if past {
        errors.push(FieldError::new("date_from", "date_in_past", "the pickup is in the past"));
    }
    check_weekday(day, "date_from", rules, errors);
    start
}

fn check_weekday(day: NaiveDate, field: &str, rules: &BookingRules, errors: &mut Vec<FieldError>) {
    if rules.forbidden_weekdays.contains(&day.weekday()) {
        let what = if field == "date_from" { "pickup" } else { "return" };
        errors.push(FieldError::new(field, "weekday_not_allowed", format!("no {what} on a {}", day.weekday())));
    }
}

fn check_period(from: When, to: When, rules: &BookingRules, now: i64, errors: &mut Vec<FieldError>) -> (i64, i64) {
    let start = check_pickup(from, rules, now, errors);
    let (end, return_day) = resolve(to, true, rules);
    check_weekday(return_day, "date_to", rules, errors);
    let minutes = (end - start).div_euclid(60);
    if end <= start {
        errors.push(FieldError::new("date_to", "end_not_after_start", "the return must be after the pickup"));
    } else if minutes < rules.min_rental_minutes {
        let hours = rules.min_rental_minutes / 60;
        errors.push(FieldError::new("date_to", "rental_too_short", format!("the shortest rental is {hours} hours")));
    } else if end - start > rules.max_rental_minutes * 60 {
        let days = rules.max_rental_minutes / 1440;
        errors.push(FieldError::new("date_to", "rental_too_long", format!("the longest rental is {days} days")));
    }
    (start, end)
}
