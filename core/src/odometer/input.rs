//! Readings and policies as callers give them: serde types decoded by [`crate::boundary`] in every binding, so
//! Python, Node and WASM read them with the same rules and the same errors.
//!
//! - A reading is an object with `value` (a number or a decimal string such as `"12,345.6"`) and `unit`, or
//!   `metres` (whole metres, no unit); `reading_time` (unix seconds, whole or to the millisecond, or an RFC 3339
//!   instant); and optionally `event_id` and `source` (strings), `id` (a string or a whole number),
//!   `received_time` (like `reading_time`) and `status` (`accept`, `duplicate`, `void`). JavaScript writes the
//!   keys in camelCase (`readingTime`). Unknown keys, wrong types, a missing `reading_time`, neither or both of
//!   `value` and `metres` are `invalid_reading`; a time that cannot be read is `invalid_time`. Both name the
//!   place in `details.path` (`[2].reading_time`, or `[2].readingTime` in JavaScript).
//! - A bad *value* (NaN, negative, a sentinel, an unknown unit, an unreadable string) is not an error: the reading
//!   gets a `void` verdict with reason `invalid_value`.
//! - Ids (`id`, `car_id`, `source_id`) are a string or a whole number; a whole float such as `7.0` is the integer
//!   7 in every binding (JavaScript cannot tell them apart), `7.5` is refused. `event_id` is a string.
//! - A policy is [`Policy`] (every key optional; bounds in [`Policy::validate`], `invalid_policy`).

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

use super::{Ident, OdometerError, Policy, RawValue, Reading, Status, TimeInput};
use crate::boundary::{decode, snake_to_camel, Keys, Site, Value};

/// The key spelling of a caller (kept for the HTTP client's vehicle reader): [`Keys`].
pub use crate::boundary::Keys as Naming;

/// The code of a reading that cannot be read.
pub const INVALID_READING: &str = "invalid_reading";
/// The code of a policy that cannot be read or is out of range.
pub const INVALID_POLICY: &str = "invalid_policy";

/// The site of a reading argument named `argument` (`candidate`, `history`, `readings`), snake_case keys; JS
/// bindings add `.camel()`.
pub const fn reading_site(argument: &'static str) -> Site {
    Site::coded("odometer", INVALID_READING, argument)
}

/// The site of the `policy` argument, snake_case keys; JS bindings add `.camel()`.
pub const POLICY_SITE: Site = Site::coded("odometer", INVALID_POLICY, "policy");

/// A reading's value as given: a whole number, another number (NaN and infinities kept: they make `void`
/// verdicts), or a decimal string.
#[derive(Clone, Debug, PartialEq)]
pub enum ValueInput {
    /// A whole number.
    Integer(i64),
    /// Any other number.
    Number(f64),
    /// A decimal string such as `"12,345.6"`.
    Text(String),
}

impl<'de> Deserialize<'de> for ValueInput {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ValueInput;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number or a decimal string")
            }
            fn visit_i64<E>(self, v: i64) -> Result<ValueInput, E> {
                Ok(ValueInput::Integer(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<ValueInput, E> {
                Ok(i64::try_from(v).map_or(ValueInput::Number(v as f64), ValueInput::Integer))
            }
            fn visit_f64<E>(self, v: f64) -> Result<ValueInput, E> {
                Ok(ValueInput::Number(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<ValueInput, E> {
                Ok(ValueInput::Text(v.to_owned()))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// A time as given: whole unix seconds, fractional unix seconds, or RFC 3339 text.
#[derive(Clone, Debug, PartialEq)]
pub enum TimeValue {
    /// Whole unix seconds.
    Seconds(i64),
    /// Unix seconds with a fraction (at most milliseconds).
    Fractional(f64),
    /// An RFC 3339 instant.
    Text(String),
}

impl TimeValue {
    /// The instant in unix milliseconds, or `invalid_time`.
    pub fn to_millis(&self) -> Result<i64, OdometerError> {
        match self {
            TimeValue::Seconds(s) => TimeInput::Seconds(*s).to_millis(),
            TimeValue::Fractional(s) => TimeInput::FractionalSeconds(*s).to_millis(),
            TimeValue::Text(t) => TimeInput::Rfc3339(t).to_millis(),
        }
    }
}

impl<'de> Deserialize<'de> for TimeValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = TimeValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("unix seconds or an RFC 3339 string")
            }
            fn visit_i64<E>(self, v: i64) -> Result<TimeValue, E> {
                Ok(TimeValue::Seconds(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<TimeValue, E> {
                i64::try_from(v).map(TimeValue::Seconds).map_err(|_| E::custom(format!("{v} is not a usable time")))
            }
            fn visit_f64<E>(self, v: f64) -> Result<TimeValue, E> {
                Ok(TimeValue::Fractional(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<TimeValue, E> {
                Ok(TimeValue::Text(v.to_owned()))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// The largest integer a float holds exactly (2^53): whole floats up to it are integer ids.
const EXACT_INT: f64 = 9_007_199_254_740_992.0;

impl<'de> Deserialize<'de> for Ident {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Ident;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a whole number")
            }
            fn visit_i64<E>(self, v: i64) -> Result<Ident, E> {
                Ok(Ident::Int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Ident, E> {
                i64::try_from(v).map(Ident::Int).map_err(|_| E::custom(format!("{v} is beyond 64 bits")))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Ident, E> {
                if v.fract() == 0.0 && v.abs() <= EXACT_INT {
                    return Ok(Ident::Int(v as i64));
                }
                Err(E::invalid_type(de::Unexpected::Float(v), &self))
            }
            fn visit_str<E>(self, v: &str) -> Result<Ident, E> {
                Ok(Ident::Text(v.to_owned()))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// A reading as a caller writes it (see the module docs); [`ReadingInput::into_reading`] applies the rules that
/// serde alone cannot (a time is required, exactly one of `value` and `metres`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadingInput {
    /// The value as delivered, with `unit`.
    pub value: Option<ValueInput>,
    /// Or the value already in whole metres (no `unit`).
    pub metres: Option<i64>,
    /// `km`, `kilometers`, `kilometres`, `mi`, `miles`, `metric` or `imperial` (case-insensitive).
    pub unit: Option<String>,
    /// When the car recorded it (required).
    pub reading_time: Option<TimeValue>,
    /// The source event id (the same across webhook retries).
    pub event_id: Option<String>,
    /// Where it came from (`smartcar`, `manual`, ...).
    pub source: Option<String>,
    /// The caller's row id, echoed in `duplicate_of`.
    pub id: Option<Ident>,
    /// When it reached the app (provenance).
    pub received_time: Option<TimeValue>,
    /// For history entries: the status it got.
    pub status: Option<Status>,
}

/// `path` in the caller's spelling.
fn spelled(path: String, keys: Keys) -> String {
    match keys {
        Keys::Snake => path,
        Keys::Camel => snake_to_camel(&path),
    }
}

/// `prefix` followed by the key `key` (`[2]` + `reading_time` = `[2].reading_time`).
fn joined(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else {
        format!("{prefix}.{key}")
    }
}

impl ReadingInput {
    /// The reading, or the first problem at `site` (`prefix` is where this reading is inside the argument, e.g.
    /// `[2]`). A bad *value* is not a problem here: it becomes a `void` verdict when checked.
    pub fn into_reading_at(self, site: &Site, prefix: &str) -> Result<Reading, OdometerError> {
        let problem = |key: &str, what: &str| -> OdometerError {
            site.error(spelled(joined(prefix, key), site.keys), what.to_owned()).into()
        };
        let time = |key: &str, given: Option<TimeValue>| -> Result<Option<i64>, OdometerError> {
            given
                .map(|t| t.to_millis().map_err(|e| e.at(site.argument, spelled(joined(prefix, key), site.keys))))
                .transpose()
        };
        let reading_time =
            time("reading_time", self.reading_time)?.ok_or_else(|| problem("reading_time", "is required"))?;
        let value = match (self.value, self.metres) {
            (Some(ValueInput::Integer(n)), None) => RawValue::Integer(n),
            (Some(ValueInput::Number(n)), None) => RawValue::Number(n),
            (Some(ValueInput::Text(s)), None) => RawValue::Text(s),
            (None, Some(m)) => RawValue::Metres(m),
            (None, None) => return Err(problem("value", "or metres is required")),
            (Some(_), Some(_)) => return Err(problem("metres", "cannot be given with value")),
        };
        let mut reading = Reading::new(value, self.unit, reading_time);
        reading.received_time_ms = time("received_time", self.received_time)?;
        reading.event_id = self.event_id;
        reading.source = self.source;
        reading.id = self.id;
        reading.status = self.status;
        Ok(reading)
    }

    /// [`ReadingInput::into_reading_at`] for a reading given as a whole argument, with snake_case keys.
    pub fn into_reading(self) -> Result<Reading, OdometerError> {
        self.into_reading_at(&reading_site("reading"), "")
    }
}

/// One reading from `value` (walked at `site`, which carries the caller's key spelling).
pub fn decode_reading(value: Value, site: &Site) -> Result<Reading, OdometerError> {
    decode::<ReadingInput>(value, site)?.into_reading_at(site, "")
}

/// A list of readings from `value` (walked at `site`); problems name the reading's index (`[2].reading_time`).
pub fn decode_readings(value: Value, site: &Site) -> Result<Vec<Reading>, OdometerError> {
    let inputs = decode::<Vec<ReadingInput>>(value, site)?;
    inputs.into_iter().enumerate().map(|(i, input)| input.into_reading_at(site, &format!("[{i}]"))).collect()
}

impl Policy {
    /// The policy after [`Policy::validate`], with the failing field in `keys`' spelling.
    pub fn validated(self, keys: Keys) -> Result<Policy, OdometerError> {
        match self.validate() {
            Ok(()) => Ok(self),
            Err(OdometerError::InvalidPolicy { argument, path, rule, min, max }) => {
                Err(OdometerError::InvalidPolicy { argument, path: spelled(path, keys), rule, min, max })
            }
            Err(other) => Err(other),
        }
    }
}

/// A policy from `value` (walked at `site`, normally [`POLICY_SITE`]): absent (`Null`) is the default; wrong
/// types and unknown keys are `invalid_policy` like out-of-range thresholds.
pub fn decode_policy(value: Value, site: &Site) -> Result<Policy, OdometerError> {
    if value == Value::Null {
        return Ok(Policy::default());
    }
    decode::<Policy>(value, site)?.validated(site.keys)
}

/// `path` inside the field `key` of an object: `key`, `key[2]`, `key.unit`.
pub fn keyed_path(key: &str, path: &str) -> String {
    if path.is_empty() || path.starts_with('[') {
        format!("{key}{path}")
    } else {
        format!("{key}.{path}")
    }
}

/// `path` inside item `index` of a list: `[2]`, `[2].reading_time`, `[2][0]`.
pub fn indexed_path(index: usize, path: &str) -> String {
    if path.is_empty() || path.starts_with('[') {
        format!("[{index}]{path}")
    } else {
        format!("[{index}].{path}")
    }
}

/// Item `index` of a list of readings given one at a time (Python lists mixing `Reading` objects and dicts):
/// like [`decode_readings`], problems name the item (`[2].reading_time`).
pub fn decode_reading_at(value: Value, site: &Site, index: usize) -> Result<Reading, OdometerError> {
    let input = decode::<ReadingInput>(value, site).map_err(|mut e| {
        e.path = indexed_path(index, &e.path);
        e
    })?;
    input.into_reading_at(site, &format!("[{index}]"))
}
