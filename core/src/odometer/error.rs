//! Errors of the odometer area: bad input to the API itself (a bad reading *value* is a `void` verdict instead).

use serde::Serialize;

use crate::boundary::ArgError;
use crate::error::ErrorCode;

/// A bound of a policy threshold, as it appears in [`OdometerError::InvalidPolicy`]'s details.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Limit {
    /// A whole number.
    Int(i64),
    /// A number with a fraction.
    Number(f64),
}

impl Eq for Limit {}

/// Errors of the odometer area. Every one names the argument and, in `path`, where inside it (in the caller's
/// spelling: `[2].reading_time` in Python, `[2].readingTime` in JavaScript).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum OdometerError {
    /// Code `invalid_policy`: a threshold is out of range (a wrong type or an unknown key in the policy is
    /// [`OdometerError::Input`] with the same code).
    #[error("invalid odometer policy: {path} must be {rule}")]
    InvalidPolicy {
        /// The argument, `policy`.
        argument: &'static str,
        /// The policy field, in the caller's spelling.
        path: String,
        /// What it must be.
        rule: &'static str,
        /// The smallest value accepted.
        min: Limit,
        /// The largest value accepted.
        max: Limit,
    },
    /// Code `invalid_time`: a reading time that is not unix seconds or an RFC 3339 instant (to the millisecond).
    #[error("invalid reading time {time:?} at {argument}{}{path}: expected unix seconds or an RFC 3339 instant, to the millisecond", if path.is_empty() || path.starts_with('[') { "" } else { "." })]
    InvalidTime {
        /// The argument (`candidate`, `history`, `readings`, `times`, ...).
        argument: &'static str,
        /// Where inside it, in the caller's spelling (`[3].reading_time`); empty for the argument itself.
        path: String,
        /// The time as given.
        time: String,
    },
    /// Code `missing_reading_time`: a Smartcar reading without the car's reading time (`read_at_ms`,
    /// `oemUpdatedAt`) given to `reading_from_smartcar` with no fallback allowed: it cannot be placed among the
    /// vehicle's readings (legacy v2 bodies carry none; see `FromSmartcarOptions::time_fallback`).
    #[error("the Smartcar reading{} has no reading time ({argument}.{path}): pass time_fallback to use the fetch or received time", event_id.as_ref().map(|e| format!(" of event {e:?}")).unwrap_or_default())]
    MissingReadingTime {
        /// The argument, `reading`.
        argument: &'static str,
        /// The missing field, in the caller's spelling (`read_at_ms`, `readAtMs`).
        path: String,
        /// The reading's event id, when it has one.
        event_id: Option<String>,
    },
    /// A value that could not be decoded, with the code of where it was given: `invalid_reading` (a reading
    /// lacks a field, has one of the wrong type or an unknown one), `invalid_policy`, `invalid_option`,
    /// `invalid_argument` (e.g. a verdict fleetgate did not make).
    #[error(transparent)]
    Input(ArgError),
}

impl From<ArgError> for OdometerError {
    fn from(err: ArgError) -> Self {
        OdometerError::Input(err)
    }
}

impl ErrorCode for OdometerError {
    fn code(&self) -> &'static str {
        match self {
            OdometerError::InvalidPolicy { .. } => "invalid_policy",
            OdometerError::InvalidTime { .. } => "invalid_time",
            OdometerError::MissingReadingTime { .. } => "missing_reading_time",
            // A reading that could not be decoded (the odometer's own code; see `input::INVALID_READING`).
            OdometerError::Input(e) if e.code == "invalid_reading" => "invalid_reading",
            // Any other decoding problem keeps its site's code (`invalid_policy`, `invalid_option`, ...).
            OdometerError::Input(e) => e.code,
        }
    }
    fn area(&self) -> &'static str {
        "odometer"
    }
}

impl OdometerError {
    /// The stable code (same as [`ErrorCode::code`]).
    pub fn code(&self) -> &'static str {
        ErrorCode::code(self)
    }

    /// Where inside the argument the problem is, in the caller's spelling.
    pub fn path(&self) -> &str {
        match self {
            OdometerError::InvalidPolicy { path, .. }
            | OdometerError::InvalidTime { path, .. }
            | OdometerError::MissingReadingTime { path, .. } => path,
            OdometerError::Input(e) => &e.path,
        }
    }

    /// The same error as an [`ArgError`] (its code, argument, path and message), for callers that handle every
    /// boundary problem as one type (the bad-input vector runner).
    pub fn into_arg_error(self) -> ArgError {
        match self {
            OdometerError::Input(e) => e,
            other => {
                let argument = match &other {
                    OdometerError::InvalidPolicy { argument, .. }
                    | OdometerError::InvalidTime { argument, .. }
                    | OdometerError::MissingReadingTime { argument, .. } => *argument,
                    OdometerError::Input(e) => e.argument,
                };
                ArgError {
                    area: "odometer",
                    code: other.code(),
                    argument,
                    path: other.path().to_owned(),
                    problem: other.to_string(),
                }
            }
        }
    }

    /// The same error with its `argument` and `path` set (times are read before their place is known).
    pub(crate) fn at(self, at_argument: &'static str, at_path: String) -> Self {
        match self {
            OdometerError::InvalidTime { time, .. } => {
                OdometerError::InvalidTime { argument: at_argument, path: at_path, time }
            }
            other => other,
        }
    }
}
