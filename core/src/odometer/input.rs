//! Readings and policies from loosely typed key/value input (JS objects, JSON), with the same rules for every
//! binding: which keys exist, which types they take, and the error each mistake gets.

use super::{Ident, OdometerError, Policy, RawValue, Reading, Status, TimeInput};
use crate::units::metres_from_f64;

/// One field of a loosely typed object.
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    /// Missing, `undefined` or `null`.
    Absent,
    /// A whole number (JSON integers; Python ints).
    Int(i64),
    /// A number.
    Number(f64),
    /// A string.
    Text(String),
    /// Anything else, described by its type for the error message.
    Other(String),
}

/// The spelling of field names: `reading_time` (Python, JSON) or `readingTime` (JavaScript).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Naming {
    /// snake_case keys.
    Snake,
    /// camelCase keys.
    Camel,
}

/// (snake_case, camelCase) names of the reading fields.
const READING_KEYS: [(&str, &str); 9] = [
    ("value", "value"),
    ("metres", "metres"),
    ("unit", "unit"),
    ("reading_time", "readingTime"),
    ("event_id", "eventId"),
    ("source", "source"),
    ("id", "id"),
    ("received_time", "receivedTime"),
    ("status", "status"),
];

/// (snake_case, camelCase) names of the policy fields.
const POLICY_KEYS: [(&str, &str); 5] = [
    ("max_speed_kmh", "maxSpeedKmh"),
    ("min_elapsed_s", "minElapsedS"),
    ("meter_digits", "meterDigits"),
    ("tolerance_m", "toleranceM"),
    ("same_value_window_s", "sameValueWindowS"),
];

fn name(keys: (&'static str, &'static str), naming: Naming) -> &'static str {
    match naming {
        Naming::Snake => keys.0,
        Naming::Camel => keys.1,
    }
}

fn invalid(field: &str, problem: &str) -> OdometerError {
    OdometerError::InvalidReading { field: field.to_owned(), problem: problem.to_owned() }
}

fn text(field: &str, value: Scalar) -> Result<Option<String>, OdometerError> {
    match value {
        Scalar::Absent => Ok(None),
        Scalar::Text(s) => Ok(Some(s)),
        _ => Err(invalid(field, "must be a string")),
    }
}

fn time(field: &str, value: Scalar) -> Result<Option<i64>, OdometerError> {
    match value {
        Scalar::Absent => Ok(None),
        Scalar::Int(s) => TimeInput::Seconds(s).to_millis().map(Some),
        Scalar::Number(s) => TimeInput::FractionalSeconds(s).to_millis().map(Some),
        Scalar::Text(s) => TimeInput::Rfc3339(&s).to_millis().map(Some),
        Scalar::Other(_) => Err(invalid(field, "must be unix seconds or an RFC 3339 string")),
    }
}

fn whole(value: f64) -> Option<i64> {
    metres_from_f64(value.abs()).ok().map(|n| if value < 0.0 { -n } else { n })
}

/// An id as given: whole numbers as integers, strings as text.
pub fn ident(field: &str, value: Scalar) -> Result<Option<Ident>, OdometerError> {
    match value {
        Scalar::Absent => Ok(None),
        Scalar::Int(i) => Ok(Some(Ident::Int(i))),
        Scalar::Number(n) => {
            whole(n).map(|i| Some(Ident::Int(i))).ok_or_else(|| invalid(field, "must be a whole number or a string"))
        }
        Scalar::Text(s) => Ok(Some(Ident::Text(s))),
        Scalar::Other(_) => Err(invalid(field, "must be a whole number or a string")),
    }
}

/// Builds a reading from an object whose property names are `keys` and whose values `get` returns.
/// Unknown keys are an error (`invalid_reading`), like every type mistake.
pub fn reading_from(
    naming: Naming,
    keys: &[String],
    mut get: impl FnMut(&str) -> Scalar,
) -> Result<Reading, OdometerError> {
    if let Some(unknown) = keys.iter().find(|k| !READING_KEYS.iter().any(|&pair| name(pair, naming) == k.as_str())) {
        return Err(invalid(unknown, "is not a reading field"));
    }
    let mut field = |i: usize| (name(READING_KEYS[i], naming), get(name(READING_KEYS[i], naming)));
    let (key, value) = field(0);
    let value = match value {
        Scalar::Absent => None,
        Scalar::Int(n) => Some(RawValue::Integer(n)),
        Scalar::Number(n) => Some(RawValue::Number(n)),
        Scalar::Text(s) => Some(RawValue::Text(s)),
        Scalar::Other(_) => return Err(invalid(key, "must be a number or a decimal string")),
    };
    let (key, metres) = field(1);
    let metres = match metres {
        Scalar::Absent => None,
        Scalar::Int(n) => Some(n),
        Scalar::Number(n) => Some(whole(n).ok_or_else(|| invalid(key, "must be a whole number"))?),
        _ => return Err(invalid(key, "must be a whole number")),
    };
    let (key, unit) = field(2);
    let unit = text(key, unit)?;
    let (key, reading_time) = field(3);
    let reading_time = time(key, reading_time)?;
    let mut reading = Reading::build(value, metres, unit, reading_time)?;
    let (key, v) = field(4);
    reading.event_id = text(key, v)?;
    let (key, v) = field(5);
    reading.source = text(key, v)?;
    let (key, v) = field(6);
    reading.id = ident(key, v)?;
    let (key, v) = field(7);
    reading.received_time_ms = time(key, v)?;
    let (key, v) = field(8);
    reading.status = match text(key, v)? {
        None => None,
        Some(s) => Some(Status::parse(&s).ok_or_else(|| invalid(key, "must be accept, duplicate or void"))?),
    };
    Ok(reading)
}

/// Builds and validates a policy from an object (missing fields keep their defaults).
pub fn policy_from(
    naming: Naming,
    keys: &[String],
    mut get: impl FnMut(&str) -> Scalar,
) -> Result<Policy, OdometerError> {
    let bad = |field: &'static str, rule: &'static str| OdometerError::InvalidPolicy { field, rule };
    if keys.iter().any(|k| !POLICY_KEYS.iter().any(|&pair| name(pair, naming) == k.as_str())) {
        return Err(bad("policy", "an object with only the documented fields"));
    }
    let mut policy = Policy::default();
    let mut number = |i: usize| match get(name(POLICY_KEYS[i], naming)) {
        Scalar::Absent => Ok(None),
        Scalar::Int(n) => Ok(Some(n as f64)),
        Scalar::Number(n) => Ok(Some(n)),
        _ => Err(bad(POLICY_KEYS[i].0, "a number")),
    };
    let integer =
        |v: Option<f64>, field: &'static str| v.map(|n| whole(n).ok_or(bad(field, "a whole number"))).transpose();
    if let Some(speed) = number(0)? {
        policy.max_speed_kmh = speed;
    }
    if let Some(s) = integer(number(1)?, "min_elapsed_s")? {
        policy.min_elapsed_s = s;
    }
    policy.meter_digits = integer(number(2)?, "meter_digits")?.map(|d| u32::try_from(d).unwrap_or(0));
    if let Some(t) = integer(number(3)?, "tolerance_m")? {
        policy.tolerance_m = t;
    }
    policy.same_value_window_s = integer(number(4)?, "same_value_window_s")?;
    policy.validate()?;
    Ok(policy)
}
