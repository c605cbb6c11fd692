//! From a Smartcar delivery to a reading `check` takes: [`reading_from_smartcar`] reads one element of
//! `smartcar.parse_event(body).readings` exactly as a binding hands it out (a Python `OdometerReading`'s fields, a
//! JS object with `rawValue`, `readAtMs`, ...), so `parse_event` -> `reading_from_smartcar` -> `check` ->
//! `meter_entry` needs no key renaming and no unit of time converted by hand.
//!
//! The reading time is the car's own (`oemUpdatedAt`, `read_at_ms`): Smartcar delivers at least once and in no
//! order, and only the car's time places a reading among its neighbours. A delivery without it (legacy v2
//! schedule bodies, a signal without `meta`) is [`OdometerError::MissingReadingTime`] unless the caller opts into a
//! [`TimeFallback`]: Smartcar's fetch time, or that and then the received time. A silent fallback would place the
//! reading at the wrong time and could void the next good one.

use serde::Deserialize;
use serde_json::{Map, Value as Json};

use super::input::{TimeValue, ValueInput};
use super::time::to_rfc3339;
use super::{OdometerError, RawValue, Reading};
use crate::boundary::{decode, decode_or_default, snake_to_camel, Keys, Site, Value};
use crate::smartcar::MAX_EPOCH_MS;

/// The `source` of every reading made from a Smartcar delivery (the HTTP client's "Sync Now" uses the same, so
/// whichever path comes second is a duplicate).
pub const SMARTCAR_SOURCE: &str = "smartcar";

/// The code of a Smartcar reading without a reading time (see [`OdometerError::MissingReadingTime`]).
pub const MISSING_READING_TIME: &str = "missing_reading_time";

/// One reading of a parsed Smartcar event, as the bindings return it (`smartcar.parse_event(body).readings[i]`):
/// the fields of [`crate::smartcar::OdometerReading`], camelCase in JavaScript. `raw_value` and `raw_unit` are
/// required; `metres` is not read (the value is converted again from `raw_value`, exactly, as `check` does).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmartcarReadingInput {
    /// Smartcar's vehicle id (not part of the reading: the caller picks the vehicle's history with it).
    pub vehicle_id: Option<String>,
    /// The idempotency key (`eventId`, the same across retries): the reading's `event_id`.
    pub event_id: Option<String>,
    /// `meta.deliveryId` (changes per attempt; not part of the reading).
    pub delivery_id: Option<String>,
    /// The distance exactly as its JSON number was written (`"104.320"`); a number is taken as well.
    pub raw_value: Option<ValueInput>,
    /// The unit as delivered (`km`, `kilometers`, `miles`, legacy `metric` / `imperial`).
    pub raw_unit: Option<String>,
    /// Whole metres as `parse_event` converted them (not read).
    pub metres: Option<i64>,
    /// When the car recorded it (`oemUpdatedAt`), unix milliseconds: the reading time.
    pub read_at_ms: Option<i64>,
    /// When Smartcar fetched it (`fetchedAt` / `retrievedAt`), unix milliseconds.
    pub fetched_at_ms: Option<i64>,
}

/// What to use as the reading time when a delivery has no `read_at_ms` (`oemUpdatedAt`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeFallback {
    /// `none` (the default): no fallback, the reading is [`OdometerError::MissingReadingTime`].
    #[default]
    None,
    /// `fetched`: Smartcar's fetch time (`fetched_at_ms`), else the error.
    Fetched,
    /// `received`: the fetch time, else the received time.
    Received,
}

/// The options of [`reading_from_smartcar`] (`odometer.reading_from_smartcar(reading, *, received_time=...,
/// time_fallback=...)`, JS `readingFromSmartcar(reading, {receivedTime, timeFallback})`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FromSmartcarOptions {
    /// When the delivery reached the app (unix seconds or RFC 3339, to the millisecond); default: now.
    pub received_time: Option<TimeValue>,
    /// What stands in for a missing reading time (default [`TimeFallback::None`]: an error; `null` too).
    #[serde(deserialize_with = "crate::instant::null_default")]
    pub time_fallback: TimeFallback,
}

/// The value of a Smartcar reading: plain decimals stay text (read exactly, echoed as delivered); a JSON number
/// in exponent form is read as a float.
pub(crate) fn smartcar_value(text: &str) -> RawValue {
    match text.parse::<f64>() {
        Ok(v) if text.contains(['e', 'E']) => RawValue::Number(v),
        _ => RawValue::Text(text.to_owned()),
    }
}

/// `key` in `keys`' spelling.
fn spelled(key: &str, keys: Keys) -> String {
    match keys {
        Keys::Snake => key.to_owned(),
        Keys::Camel => snake_to_camel(key),
    }
}

/// The reading a Smartcar delivery carries, with source [`SMARTCAR_SOURCE`], the event id as identity, the car's
/// reading time (see [`TimeFallback`]) and the received time (`options.received_time`, else `clock_ms()`, unix
/// milliseconds). Errors name the place in `keys`' spelling: `invalid_reading` (argument `reading`: a missing
/// `raw_value` / `raw_unit`, a wrong type, an unknown field — decoded by the caller), `invalid_time` (a
/// `read_at_ms` / `fetched_at_ms` or `options.received_time` outside 0 to the end of year 9999, or an unreadable
/// `options.received_time`) and
/// `missing_reading_time`.
pub fn reading_from_smartcar(
    given: SmartcarReadingInput,
    options: &FromSmartcarOptions,
    clock_ms: impl FnOnce() -> i64,
    keys: Keys,
) -> Result<Reading, OdometerError> {
    let site = SMARTCAR_READING_SITE.with_keys(keys);
    let required = |key: &str| OdometerError::from(site.error(spelled(key, keys), "is required"));
    // Every instant of the reading is within the range `parse_event` reads (0 to the end of year 9999), so each
    // is an RFC 3339 instant when the reading is handed back.
    let received_ms = match &options.received_time {
        Some(t) => {
            let at = || spelled("received_time", keys);
            let ms = t.to_millis().map_err(|e| e.at("options", at()))?;
            if !(0..=MAX_EPOCH_MS).contains(&ms) {
                let time = match t {
                    TimeValue::Seconds(s) => s.to_string(),
                    TimeValue::Fractional(s) => s.to_string(),
                    TimeValue::Text(text) => text.clone(),
                };
                return Err(OdometerError::InvalidTime { argument: "options", path: at(), time });
            }
            ms
        }
        None => clock_ms(),
    };
    let instant = |key: &str, ms: Option<i64>| -> Result<Option<i64>, OdometerError> {
        match ms {
            Some(ms) if !(0..=MAX_EPOCH_MS).contains(&ms) => {
                Err(OdometerError::InvalidTime { argument: "reading", path: spelled(key, keys), time: ms.to_string() })
            }
            other => Ok(other),
        }
    };
    let read_at = instant("read_at_ms", given.read_at_ms)?;
    let fetched_at = instant("fetched_at_ms", given.fetched_at_ms)?;
    let value = match given.raw_value.ok_or_else(|| required("raw_value"))? {
        ValueInput::Text(text) => smartcar_value(&text),
        ValueInput::Integer(n) => RawValue::Integer(n),
        ValueInput::Number(n) if n.is_finite() => RawValue::Number(n),
        ValueInput::Number(_) => {
            return Err(site.error(spelled("raw_value", keys), "must be a decimal string or a finite number").into())
        }
    };
    let unit = given.raw_unit.ok_or_else(|| required("raw_unit"))?;
    let reading_time = match (read_at, options.time_fallback) {
        (Some(t), _) => t,
        (None, TimeFallback::Fetched) => fetched_at.ok_or_else(|| missing(&given.event_id, keys))?,
        (None, TimeFallback::Received) => fetched_at.unwrap_or(received_ms),
        (None, TimeFallback::None) => return Err(missing(&given.event_id, keys)),
    };
    let mut reading = Reading::new(value, Some(unit), reading_time);
    reading.event_id = given.event_id;
    reading.source = Some(SMARTCAR_SOURCE.to_owned());
    reading.received_time_ms = Some(received_ms);
    Ok(reading)
}

fn missing(event_id: &Option<String>, keys: Keys) -> OdometerError {
    OdometerError::MissingReadingTime {
        argument: "reading",
        path: spelled("read_at_ms", keys),
        event_id: event_id.clone(),
    }
}

impl Reading {
    /// The reading as `check` takes it back (a reading object's JSON), keys in `keys`' spelling: `value` + `unit`
    /// (or `metres`), `reading_time` and `received_time` as RFC 3339 UTC (exact to the millisecond), and
    /// `event_id`, `source`, `id`, `status` when set. Absent fields are left out.
    pub fn to_input_json(&self, keys: Keys) -> Json {
        let mut out = Map::new();
        let mut put = |key: &str, value: Json| {
            out.insert(spelled(key, keys), value);
        };
        match &self.value {
            RawValue::Metres(m) => put("metres", Json::from(*m)),
            other => put("value", other.to_json()),
        }
        if let Some(unit) = &self.unit {
            put("unit", Json::from(unit.as_str()));
        }
        put("reading_time", Json::from(to_rfc3339(self.reading_time_ms)));
        if let Some(event_id) = &self.event_id {
            put("event_id", Json::from(event_id.as_str()));
        }
        if let Some(source) = &self.source {
            put("source", Json::from(source.as_str()));
        }
        if let Some(id) = &self.id {
            put("id", id.to_json());
        }
        if let Some(received) = self.received_time_ms {
            put("received_time", Json::from(to_rfc3339(received)));
        }
        if let Some(status) = self.status {
            put("status", Json::from(status.as_str()));
        }
        Json::Object(out)
    }
}

/// The site of the `reading` argument of `reading_from_smartcar` (code `invalid_reading`), snake_case keys; JS
/// bindings add `.camel()`.
pub const SMARTCAR_READING_SITE: Site = Site::coded("odometer", super::input::INVALID_READING, "reading");

/// The reading argument of `reading_from_smartcar` from `value` (walked at `site`): an object with the fields of a
/// parsed Smartcar reading; a wrong type or an unknown field is `invalid_reading` naming it.
pub fn decode_smartcar_reading(value: Value, site: &Site) -> Result<SmartcarReadingInput, OdometerError> {
    Ok(decode::<SmartcarReadingInput>(value, site)?)
}

/// The options of `reading_from_smartcar` from `value` (walked at `site`, normally `Site::options("odometer")`):
/// absent / `null` is the defaults; an unknown option or a wrong type is `invalid_option`.
pub fn decode_from_smartcar_options(value: Value, site: &Site) -> Result<FromSmartcarOptions, OdometerError> {
    Ok(decode_or_default::<FromSmartcarOptions>(Some(value), site)?)
}
