//! Arguments as the bindings receive them (JSON values): the type checks every binding shares, each mistake an
//! `invalid_argument` naming the argument (never its value, which may be a secret).

use serde_json::Value as Json;

use super::smartcar::{UnitSystem, Version};
use super::ClientError;
use crate::instant;

/// An instant (`now`, `expires_at`): integer unix seconds or an RFC 3339 string.
pub fn seconds_arg(field: &str, value: &Json) -> Result<i64, ClientError> {
    instant::from_json(value)
        .map_err(|_| ClientError::invalid(field, "must be integer unix seconds or an RFC 3339 instant"))
}

/// An id: an integer or a string, as the path segment it becomes.
pub fn id_arg(field: &str, value: &Json) -> Result<String, ClientError> {
    match value {
        Json::Number(n) if n.is_i64() => Ok(n.to_string()),
        Json::String(s) => Ok(s.clone()),
        _ => Err(ClientError::invalid(field, "must be an integer or a string")),
    }
}

/// A string.
pub fn text_arg(field: &str, value: &Json) -> Result<String, ClientError> {
    value.as_str().map(str::to_owned).ok_or_else(|| ClientError::invalid(field, "must be a string"))
}

/// An optional string: `null` is `None`.
pub fn opt_text_arg(field: &str, value: &Json) -> Result<Option<String>, ClientError> {
    if value.is_null() {
        return Ok(None);
    }
    text_arg(field, value).map(Some)
}

/// A number, `default` when `null`.
pub fn number_arg(field: &str, value: &Json, default: f64) -> Result<f64, ClientError> {
    match value {
        Json::Null => Ok(default),
        _ => value.as_f64().ok_or_else(|| ClientError::invalid(field, "must be a number")),
    }
}

/// The unit system: `metric` (the default, for `null`) or `imperial`.
pub fn unit_system_arg(value: &Json) -> Result<UnitSystem, ClientError> {
    match value {
        Json::Null => Ok(UnitSystem::Metric),
        _ => UnitSystem::from_arg(&text_arg("unit_system", value)?),
    }
}

/// The API version: 2 (the default, for `null`) or 3.
pub fn version_arg(value: &Json) -> Result<Version, ClientError> {
    match value {
        Json::Null => Ok(Version::V2),
        _ => Version::from_number(value.as_i64().ok_or_else(|| ClientError::invalid("version", "must be 2 or 3"))?),
    }
}
