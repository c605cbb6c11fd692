//! Reading times: unix seconds or RFC 3339 instants in, milliseconds inside, RFC 3339 out.

use chrono::{DateTime, SecondsFormat, Utc};

use super::OdometerError;

/// Milliseconds since the unix epoch from whole or fractional seconds. Finer than a millisecond is an error, not a
/// silent rounding.
pub fn from_unix_seconds(seconds: f64) -> Result<i64, OdometerError> {
    let ms = seconds * 1000.0;
    if !ms.is_finite() || ms.abs() > 8.64e15 || ms.fract() != 0.0 {
        return Err(OdometerError::InvalidTime { time: format!("{seconds}") });
    }
    Ok(ms as i64)
}

/// Milliseconds since the unix epoch from an RFC 3339 instant (`2024-02-01T10:00:00Z`, any offset).
pub fn from_rfc3339(text: &str) -> Result<i64, OdometerError> {
    let invalid = || OdometerError::InvalidTime { time: text.to_owned() };
    let parsed = DateTime::parse_from_rfc3339(text).map_err(|_| invalid())?;
    if parsed.timestamp_subsec_nanos() % 1_000_000 != 0 {
        return Err(invalid());
    }
    Ok(parsed.timestamp_millis())
}

/// The instant as RFC 3339 in UTC, with milliseconds only when there are any (`2024-02-01T10:00:00Z`).
pub fn to_rfc3339(ms: i64) -> String {
    match DateTime::<Utc>::from_timestamp_millis(ms) {
        Some(t) if ms % 1000 == 0 => t.to_rfc3339_opts(SecondsFormat::Secs, true),
        Some(t) => t.to_rfc3339_opts(SecondsFormat::Millis, true),
        None => ms.to_string(),
    }
}
