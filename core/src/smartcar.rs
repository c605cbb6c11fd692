//! Smartcar webhooks: the VERIFY challenge reply and event parsing into odometer readings.
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

use std::collections::BTreeMap;

use serde_json::value::RawValue;

use crate::error::ErrorCode;
use crate::units::{Unit, Value};
use crate::webhook::hmac_sha256_hex;

/// The signal code of the odometer in current-format events.
pub const ODOMETER_SIGNAL: &str = "odometer-traveleddistance";

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

/// One odometer reading found in an event: what the odometer module consumes.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct OdometerReading {
    /// Smartcar's vehicle id.
    pub vehicle_id: String,
    /// The idempotency key, the same across retries: `eventId` (current format); the vehicle's `requestId`
    /// (legacy schedule/dynamic); `None` when the delivery carries neither.
    pub event_id: Option<String>,
    /// `meta.deliveryId` (changes per attempt); `None` in the legacy format.
    pub delivery_id: Option<String>,
    /// The distance exactly as its JSON number was written (`"104.320"`), never re-serialised.
    pub raw_value: String,
    /// The unit as delivered (`"km"`, `"kilometers"`, `"miles"`, ...); legacy: the `sc-unit-system` header of the item
    /// (`"metric"` when absent, Smartcar's default).
    pub raw_unit: String,
    /// The distance in whole metres (exact conversion, see [`crate::units`]).
    pub metres: i64,
    /// When the car recorded it: the signal's `meta.oemUpdatedAt`, unix **milliseconds**; `None` when absent.
    pub read_at_ms: Option<i64>,
    /// When Smartcar fetched it: `meta.fetchedAt` or `meta.retrievedAt`, unix **milliseconds**; `None` when absent.
    pub fetched_at_ms: Option<i64>,
}

/// One error a `VEHICLE_ERROR` event reports, or a signal that failed (`status.value == "ERROR"`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct VehicleIssue {
    /// The error's `type` (e.g. `COMPATIBILITY`), when given.
    pub error_type: Option<String>,
    /// The error's `code`, when given.
    pub code: Option<String>,
    /// `ERROR` or `RESOLVED` for VEHICLE_ERROR entries; `None` for failed signals.
    pub state: Option<String>,
    /// The description, when given.
    pub description: Option<String>,
    /// The signal concerned (its `code`), for failed signals.
    pub signal: Option<String>,
}

/// A parsed Smartcar delivery.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Event {
    /// The event type as delivered: `VERIFY`, `VEHICLE_STATE`, `VEHICLE_ERROR`, or legacy `verify`, `schedule`, ...
    pub event_type: String,
    /// Whether this is the legacy v2 envelope.
    pub legacy: bool,
    /// `eventId` (current format, or legacy `eventBased` payload).
    pub event_id: Option<String>,
    /// `meta.webhookId` (current) or `webhookId` (legacy).
    pub webhook_id: Option<String>,
    /// `meta.deliveryId` (current format).
    pub delivery_id: Option<String>,
    /// `meta.deliveredAt` exactly as delivered (epoch ms digits or an ISO string).
    pub delivered_at: Option<String>,
    /// `meta.mode` or legacy `mode`.
    pub mode: Option<String>,
    /// The vehicle the event is about, when it is about one vehicle.
    pub vehicle_id: Option<String>,
    /// The VERIFY challenge to answer with [`challenge_reply`].
    pub challenge: Option<String>,
    /// Every odometer reading the event carries.
    pub readings: Vec<OdometerReading>,
    /// Errors reported by the event (VEHICLE_ERROR) and signals that failed.
    pub issues: Vec<VehicleIssue>,
}

/// A JSON value still in its raw text, with its path for error messages.
#[derive(Clone)]
struct Node<'a> {
    raw: &'a RawValue,
    path: String,
}

impl<'a> Node<'a> {
    fn err(&self, reason: impl Into<String>) -> SmartcarError {
        SmartcarError::InvalidPayload { field: self.path.clone(), reason: reason.into() }
    }

    fn is_null(&self) -> bool {
        self.raw.get() == "null"
    }

    fn object(&self) -> Result<Obj<'a>, SmartcarError> {
        if !self.raw.get().starts_with('{') {
            return Err(self.err("expected an object"));
        }
        let map: BTreeMap<String, &'a RawValue> =
            serde_json::from_str(self.raw.get()).map_err(|e| self.err(format!("expected an object ({e})")))?;
        Ok(Obj { map, path: self.path.clone() })
    }

    fn array(&self) -> Result<Vec<Node<'a>>, SmartcarError> {
        if !self.raw.get().starts_with('[') {
            return Err(self.err("expected an array"));
        }
        let items: Vec<&'a RawValue> =
            serde_json::from_str(self.raw.get()).map_err(|e| self.err(format!("expected an array ({e})")))?;
        Ok(items.into_iter().enumerate().map(|(i, raw)| Node { raw, path: format!("{}[{i}]", self.path) }).collect())
    }

    fn string(&self) -> Result<String, SmartcarError> {
        if !self.raw.get().starts_with('"') {
            return Err(self.err("expected a string"));
        }
        serde_json::from_str(self.raw.get()).map_err(|e| self.err(format!("expected a string ({e})")))
    }

    /// A JSON number's original text.
    fn number_text(&self) -> Result<&'a str, SmartcarError> {
        let text = self.raw.get();
        if text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
            Ok(text)
        } else {
            Err(self.err("expected a number"))
        }
    }

    /// Unix milliseconds: a JSON integer (digits only).
    fn epoch_ms(&self) -> Result<i64, SmartcarError> {
        let text = self.number_text()?;
        if !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(self.err("expected unix milliseconds as a non-negative integer"));
        }
        text.parse().map_err(|_| self.err("unix milliseconds out of range"))
    }

    /// A string, or a number kept as its text (ids and `deliveredAt` arrive as either).
    fn text(&self) -> Result<String, SmartcarError> {
        match self.number_text() {
            Ok(text) => Ok(text.to_owned()),
            Err(_) => self.string(),
        }
    }
}

/// A JSON object's members, still raw.
struct Obj<'a> {
    map: BTreeMap<String, &'a RawValue>,
    path: String,
}

impl<'a> Obj<'a> {
    /// The member, or `None` when it is absent or `null`.
    fn opt(&self, key: &str) -> Option<Node<'a>> {
        let path = if self.path == "$" { key.to_owned() } else { format!("{}.{key}", self.path) };
        self.map.get(key).map(|raw| Node { raw, path }).filter(|n| !n.is_null())
    }

    fn req(&self, key: &str) -> Result<Node<'a>, SmartcarError> {
        self.opt(key).ok_or_else(|| {
            let field = if self.path == "$" { key.to_owned() } else { format!("{}.{key}", self.path) };
            SmartcarError::InvalidPayload { field, reason: "required field is missing".to_owned() }
        })
    }

    fn opt_string(&self, key: &str) -> Result<Option<String>, SmartcarError> {
        self.opt(key).map(|n| n.string()).transpose()
    }

    fn opt_text(&self, key: &str) -> Result<Option<String>, SmartcarError> {
        self.opt(key).map(|n| n.text()).transpose()
    }
}

/// Parses a Smartcar delivery's raw body. See the module documentation.
pub fn parse_event(body: &[u8]) -> Result<Event, SmartcarError> {
    let bad_json = |reason: String| SmartcarError::InvalidPayload { field: "$".to_owned(), reason };
    let text = std::str::from_utf8(body).map_err(|e| bad_json(format!("not UTF-8 ({e})")))?;
    let raw: &RawValue = serde_json::from_str(text).map_err(|e| bad_json(format!("not JSON ({e})")))?;
    let root = Node { raw, path: "$".to_owned() }.object()?;
    if root.opt("eventType").is_some() {
        parse_current(&root)
    } else if root.opt("eventName").is_some() || root.opt("version").is_some() {
        parse_legacy(&root)
    } else {
        Err(SmartcarError::InvalidPayload {
            field: "eventType".to_owned(),
            reason: "required field is missing".to_owned(),
        })
    }
}

fn empty_event(event_type: String, legacy: bool) -> Event {
    Event {
        event_type,
        legacy,
        event_id: None,
        webhook_id: None,
        delivery_id: None,
        delivered_at: None,
        mode: None,
        vehicle_id: None,
        challenge: None,
        readings: Vec::new(),
        issues: Vec::new(),
    }
}

fn parse_current(root: &Obj<'_>) -> Result<Event, SmartcarError> {
    let event_type_node = root.req("eventType")?;
    let mut event = empty_event(event_type_node.string()?, false);
    event.event_id = Some(root.req("eventId")?.text()?);
    let data = root.req("data")?.object()?;
    if let Some(meta) = root.opt("meta") {
        let meta = meta.object()?;
        event.webhook_id = meta.opt_text("webhookId")?;
        event.delivery_id = meta.opt_text("deliveryId")?;
        event.delivered_at = meta.opt_text("deliveredAt")?;
        event.mode = meta.opt_string("mode")?;
    }
    match event.event_type.as_str() {
        "VERIFY" => event.challenge = Some(read_challenge(&data.req("challenge")?)?),
        "VEHICLE_STATE" | "VEHICLE_ERROR" => {
            event.vehicle_id = match (data.opt("vehicle"), root.opt("vehicleId")) {
                (Some(vehicle), _) => Some(vehicle.object()?.req("id")?.text()?),
                (None, Some(id)) => Some(id.text()?),
                (None, None) => return Err(missing("data.vehicle.id")),
            };
            let vehicle_id = event.vehicle_id.clone().unwrap_or_default();
            if let Some(signals) = data.opt("signals") {
                for signal in signals.array()? {
                    read_signal(&signal, &vehicle_id, &mut event)?;
                }
            }
            if let Some(errors) = data.opt("errors") {
                for error in errors.array()? {
                    let error = error.object()?;
                    event.issues.push(VehicleIssue {
                        error_type: error.opt_string("type")?,
                        code: error.opt_text("code")?,
                        state: error.opt_string("state")?,
                        description: error.opt_string("description")?,
                        signal: None,
                    });
                }
            }
        }
        _ => return Err(event_type_node.err("expected VERIFY, VEHICLE_STATE or VEHICLE_ERROR")),
    }
    Ok(event)
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

fn missing(field: &str) -> SmartcarError {
    SmartcarError::InvalidPayload { field: field.to_owned(), reason: "required field is missing".to_owned() }
}

/// One entry of `data.signals`: an odometer reading, a failed signal, or a signal fleetgate does not read.
fn read_signal(signal: &Node<'_>, vehicle_id: &str, event: &mut Event) -> Result<(), SmartcarError> {
    let signal = signal.object()?;
    let code = signal.req("code")?.string()?;
    if let Some(status) = signal.opt("status") {
        let status = status.object()?;
        if status.opt_string("value")?.as_deref() == Some("ERROR") {
            let error = status.opt("error").map(|e| e.object()).transpose()?;
            let field = |key: &str| error.as_ref().map(|e| e.opt_text(key)).transpose().map(Option::flatten);
            event.issues.push(VehicleIssue {
                error_type: field("type")?,
                code: field("code")?,
                state: None,
                description: field("description")?,
                signal: Some(code),
            });
            return Ok(());
        }
    }
    if !code.eq_ignore_ascii_case(ODOMETER_SIGNAL) {
        return Ok(());
    }
    let body = signal.req("body")?.object()?;
    let (read_at_ms, fetched_at_ms) = match signal.opt("meta") {
        Some(meta) => {
            let meta = meta.object()?;
            let fetched = meta.opt("fetchedAt").or_else(|| meta.opt("retrievedAt"));
            (meta.opt("oemUpdatedAt").map(|n| n.epoch_ms()).transpose()?, fetched.map(|n| n.epoch_ms()).transpose()?)
        }
        None => (None, None),
    };
    let (value, unit) = (body.req("value")?, body.req("unit")?);
    event.readings.push(OdometerReading {
        vehicle_id: vehicle_id.to_owned(),
        event_id: event.event_id.clone(),
        delivery_id: event.delivery_id.clone(),
        raw_value: value.number_text()?.to_owned(),
        raw_unit: unit.string()?,
        metres: metres(&value, &unit.string()?, &unit)?,
        read_at_ms,
        fetched_at_ms,
    });
    Ok(())
}

/// Converts a raw number in a unit to metres, naming the field that is wrong.
fn metres(value: &Node<'_>, unit_name: &str, unit_node: &Node<'_>) -> Result<i64, SmartcarError> {
    let unit = Unit::parse(unit_name).map_err(|e| unit_node.err(e.to_string()))?;
    unit.to_metres(Value::Text(value.number_text()?)).map_err(|e| value.err(e.to_string()))
}

fn parse_legacy(root: &Obj<'_>) -> Result<Event, SmartcarError> {
    let version = root.req("version")?;
    if version.text()? != "2.0" {
        return Err(version.err("expected \"2.0\""));
    }
    let name_node = root.req("eventName")?;
    let mut event = empty_event(name_node.string()?, true);
    event.webhook_id = root.opt_text("webhookId")?;
    event.mode = root.opt_string("mode")?;
    let payload = root.req("payload")?.object()?;
    match event.event_type.as_str() {
        "verify" => event.challenge = Some(read_challenge(&payload.req("challenge")?)?),
        "eventBased" => {
            event.event_id = payload.opt_text("eventId")?;
            event.vehicle_id = payload.opt_text("vehicleId")?;
        }
        "schedule" | "scheduled" | "dynamic" => {
            if let Some(vehicles) = payload.opt("vehicles") {
                for vehicle in vehicles.array()? {
                    read_legacy_vehicle(&vehicle.object()?, &mut event)?;
                }
            }
        }
        _ => return Err(name_node.err("expected verify, schedule, scheduled, eventBased or dynamic")),
    }
    Ok(event)
}

fn read_legacy_vehicle(vehicle: &Obj<'_>, event: &mut Event) -> Result<(), SmartcarError> {
    let vehicle_id = vehicle.req("vehicleId")?.text()?;
    let request_id = vehicle.opt_text("requestId")?;
    let Some(items) = vehicle.opt("data") else { return Ok(()) };
    for item in items.array()? {
        let item = item.object()?;
        if item.opt_string("path")?.as_deref() != Some("/odometer") {
            continue;
        }
        let body = item.req("body")?.object()?;
        let unit_system = match item.opt("headers") {
            Some(headers) => {
                let headers = headers.object()?;
                let found = headers.map.keys().find(|k| k.eq_ignore_ascii_case("sc-unit-system")).cloned();
                found.map(|k| headers.req(&k)?.string()).transpose()?
            }
            None => None,
        };
        let unit_path = format!("{}.headers.sc-unit-system", item.path);
        let raw_unit = unit_system.unwrap_or_else(|| "metric".to_owned());
        let unit_node = Node { raw: item.map["path"], path: unit_path };
        let value = body.req("distance")?;
        event.readings.push(OdometerReading {
            vehicle_id: vehicle_id.clone(),
            event_id: request_id.clone(),
            delivery_id: None,
            raw_value: value.number_text()?.to_owned(),
            metres: metres(&value, &raw_unit, &unit_node)?,
            raw_unit,
            read_at_ms: None,
            fetched_at_ms: None,
        });
    }
    Ok(())
}
