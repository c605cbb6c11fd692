//! Reading times: unix seconds or RFC 3339 instants in, milliseconds inside, RFC 3339 out.

use chrono::{DateTime, SecondsFormat, Utc};

use super::OdometerError;

/// An `invalid_time` error for `time`; its argument and path are set where the time was given.
fn bad_time(time: String) -> OdometerError {
    OdometerError::InvalidTime { argument: "reading", path: String::new(), time }
}

/// Milliseconds since the unix epoch from whole or fractional seconds, read as the shortest decimal of the float
/// (like every number fleetgate reads): `1.005` is 1005 ms. Digits finer than a millisecond are an error, never a
/// silent rounding.
pub fn from_unix_seconds(seconds: f64) -> Result<i64, OdometerError> {
    let invalid = || bad_time(format!("{seconds}"));
    if !seconds.is_finite() || seconds.abs() > 8.64e12 {
        return Err(invalid());
    }
    if seconds.fract() == 0.0 {
        return Ok(seconds as i64 * 1000);
    }
    let text = seconds.abs().to_string(); // shortest round-trip decimal, never in exponent form
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    if fraction.len() > 3 {
        return Err(invalid());
    }
    let whole: i64 = whole.parse().map_err(|_| invalid())?;
    let millis: i64 = format!("{fraction:0<3}").parse().map_err(|_| invalid())?;
    let ms = whole * 1000 + millis;
    Ok(if seconds < 0.0 { -ms } else { ms })
}

/// Milliseconds since the unix epoch from whole seconds.
pub fn from_unix_seconds_int(seconds: i64) -> Result<i64, OdometerError> {
    seconds
        .checked_mul(1000)
        .filter(|ms| ms.abs() <= 8_640_000_000_000_000)
        .ok_or_else(|| bad_time(seconds.to_string()))
}

/// Milliseconds since the unix epoch from an RFC 3339 instant (`2024-02-01T10:00:00Z`, any offset).
pub fn from_rfc3339(text: &str) -> Result<i64, OdometerError> {
    let invalid = || bad_time(text.to_owned());
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
