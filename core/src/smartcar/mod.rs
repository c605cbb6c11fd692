//! Smartcar webhooks: the VERIFY challenge reply and event parsing into odometer readings.
//!
//! An [`Event`] keeps every field of both envelopes, typed: the delivery's ids, version, webhook name, delivery
//! time, signal count and mode; the user and the vehicle (make, model, year); the [`Trigger`]s in either form;
//! every [`Signal`] with its body as delivered; odometer signals as [`OdometerReading`]s; VEHICLE_ERROR entries
//! and failed signals as [`VehicleIssue`]s (with the suggested user message and the resolution); the legacy
//! `eventBased` payload's type and time ([`EventBased`]). `docs/smartcar.md` has the table of every field.
//!
//! [`parse_event`] reads the raw body of a delivery (after [`crate::webhook::Verifier::smartcar`] has verified it)
//! in both envelope formats:
//!
//! - the current one (`eventType`: `VERIFY`, `VEHICLE_STATE`, `VEHICLE_ERROR`; `meta.version` "4.0" or "3.0");
//! - the legacy v2 one (`version: "2.0"`, `eventName`: `verify`, `schedule`, `scheduled`, `eventBased`, `dynamic`).
//!
//! A VERIFY challenge that is itself a JSON object or array is `invalid_payload`: its answer would be a valid
//! signature for that text as a delivery body (see [`challenge`] before answering a challenge read some other way).
//!
//! Parsing is tolerant (unknown fields are ignored) but never guesses: bad JSON, a missing required field or a field
//! of the wrong type is `invalid_payload` naming the field's path (`data.signals[0].body.value`). Odometer values are
//! kept exactly as delivered (the number's original text) and converted to whole metres with [`crate::units`].
//!
//! ```
//! use fleetgate::smartcar;
//! let body = br#"{"eventId":"e1","eventType":"VEHICLE_STATE","data":{"vehicle":{"id":"v1"},"signals":[
//!   {"code":"odometer-traveleddistance","body":{"unit":"km","value":104.320},"meta":{"oemUpdatedAt":1700000000000}}
//! ]},"meta":{"deliveryId":"d1"}}"#;
//! let event = smartcar::parse_event(body).unwrap();
//! assert_eq!(event.readings[0].raw_value, "104.320");
//! assert_eq!(event.readings[0].metres, 104_320);
//! assert_eq!(smartcar::challenge_reply("amt", "abc"), format!("{{\"challenge\":\"{}\"}}", smartcar::challenge("amt", "abc")));
//! ```

mod current;
mod issues;
mod json;
mod legacy;
#[cfg(test)]
mod tests;
mod types;

use serde_json::value::RawValue;

use crate::error::ErrorCode;
use crate::units::{Unit, Value};
use crate::webhook::hmac_sha256_hex;
use json::Node;

pub use types::{Event, EventBased, OdometerReading, Signal, SignalError, SignalRef, Trigger, Vehicle, VehicleIssue};

/// The signal code of the odometer in current-format events.
pub const ODOMETER_SIGNAL: &str = "odometer-traveleddistance";

/// The latest instant a delivery may name, in unix milliseconds: 9999-12-31T23:59:59.999Z. `oemUpdatedAt`,
/// `fetchedAt` and `retrievedAt` values above it are `invalid_payload`; a `deliveredAt` or `eventTime` beyond it
/// (or unreadable) is kept as text with no milliseconds.
pub const MAX_EPOCH_MS: i64 = 253_402_300_799_999;

/// Errors of the smartcar area.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum SmartcarError {
    /// Code `invalid_payload`: the body is not JSON, or a required field is missing or of the wrong type.
    #[error("invalid Smartcar payload at {field}: {reason}")]
    InvalidPayload {
        /// The path of the field, e.g. `data.signals[0].body.unit` (`$` for the whole body).
        field: String,
        /// What is wrong with it.
        reason: String,
    },
}

impl ErrorCode for SmartcarError {
    fn code(&self) -> &'static str {
        match self {
            SmartcarError::InvalidPayload { .. } => "invalid_payload",
        }
    }
    fn area(&self) -> &'static str {
        "smartcar"
    }
}

impl SmartcarError {
    /// The stable code (same as [`ErrorCode::code`], callable without importing the trait).
    pub fn code(&self) -> &'static str {
        ErrorCode::code(self)
    }
}

/// The answer to a VERIFY challenge: lowercase hex of HMAC-SHA256(key = UTF-8 of the AMT, message = challenge).
///
/// This equals the `SC-Signature` of a body equal to `challenge`: answer only challenges read by [`parse_event`]
/// (which refuses JSON documents as challenges), never arbitrary text from an unsigned request.
pub fn challenge(amt: &str, challenge: &str) -> String {
    hmac_sha256_hex(amt.as_bytes(), challenge.as_bytes())
}

/// The JSON body to return (HTTP 200) for a VERIFY event: `{"challenge":"<hex>"}`.
pub fn challenge_reply(amt: &str, challenge_text: &str) -> String {
    format!("{{\"challenge\":\"{}\"}}", challenge(amt, challenge_text))
}

/// Parses a Smartcar delivery's raw body. See the module documentation.
pub fn parse_event(body: &[u8]) -> Result<Event, SmartcarError> {
    let bad_json = |reason: String| SmartcarError::InvalidPayload { field: "$".to_owned(), reason };
    let text = std::str::from_utf8(body).map_err(|e| bad_json(format!("not UTF-8 ({e})")))?;
    let raw: &RawValue = serde_json::from_str(text).map_err(|e| bad_json(format!("not JSON ({e})")))?;
    let root = Node { raw, path: "$".to_owned() }.object()?;
    if root.opt("eventType").is_some() {
        current::parse_current(&root)
    } else if root.opt("eventName").is_some() || root.opt("version").is_some() {
        legacy::parse_legacy(&root)
    } else {
        Err(SmartcarError::InvalidPayload {
            field: "eventType".to_owned(),
            reason: "required field is missing".to_owned(),
        })
    }
}

/// A VERIFY challenge. One that is itself a JSON object or array is refused: VERIFY may arrive unsigned, and its
/// answer `HMAC(AMT, challenge)` is exactly the `SC-Signature` of a delivery whose body is that text, so answering
/// it would let anyone obtain a valid signature for a forged event.
fn read_challenge(node: &Node<'_>) -> Result<String, SmartcarError> {
    let challenge = node.string()?;
    if challenge.trim_start().starts_with(['{', '[']) {
        return Err(node.err("a challenge that is a JSON document is refused (its answer would sign that document)"));
    }
    Ok(challenge)
}

/// Converts a raw number in a unit to metres, naming the field that is wrong.
fn metres(value: &Node<'_>, unit_name: &str, unit_node: &Node<'_>) -> Result<i64, SmartcarError> {
    let unit = Unit::parse(unit_name).map_err(|e| unit_node.err(e.to_string()))?;
    unit.to_metres(Value::Text(value.number_text()?)).map_err(|e| value.err(e.to_string()))
}
