//! Odoo-side webhooks (the rental site's booking and inventory events, and Odoo's native "Send Webhook
//! Notification" shape) parsed into one typed event that names the caches it invalidates; vehicle image URLs.
//!
//! Odoo's native webhooks (Odoo 17+) carry no signature, no event id and no retry: protect their endpoint with a
//! secret URL or with the generic HMAC preset on a proxy.
//!
//! ```
//! use fleetgate::odoo::{parse_event, Cache};
//! let body = br#"{"event_type": "vehicle.availability_changed", "vehicle_id": 1, "availability_status": "available"}"#;
//! let event = parse_event(body).unwrap();
//! assert_eq!(event.event_type(), "vehicle.availability_changed");
//! assert!(event.invalidates().contains(&Cache::Availability(1)));
//! ```

use serde_json::{Map, Value};

/// Stock Odoo's website rental routes (`/rental/product/constraints`, `/rental/product/availabilities`).
#[path = "odoo_rental.rs"]
pub mod rental;

use crate::error::ErrorCode;

/// What a booking webhook reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BookingAction {
    /// `booking.created`
    Created,
    /// `booking.confirmed`
    Confirmed,
    /// `booking.cancelled`
    Cancelled,
    /// `booking.modified`
    Modified,
}

/// What an inventory webhook reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum VehicleAction {
    /// `vehicle.availability_changed` (carries `availability_status`)
    AvailabilityChanged,
    /// `vehicle.added`
    Added,
    /// `vehicle.updated`
    Updated,
    /// `vehicle.removed`
    Removed,
    /// `vehicle.maintenance_status_changed` (maintenance start or end)
    MaintenanceStatusChanged,
    /// `vehicle.price_updated`
    PriceUpdated,
}

const BOOKING_TYPES: [(&str, BookingAction); 4] = [
    ("booking.created", BookingAction::Created),
    ("booking.confirmed", BookingAction::Confirmed),
    ("booking.cancelled", BookingAction::Cancelled),
    ("booking.modified", BookingAction::Modified),
];

const VEHICLE_TYPES: [(&str, VehicleAction); 6] = [
    ("vehicle.availability_changed", VehicleAction::AvailabilityChanged),
    ("vehicle.added", VehicleAction::Added),
    ("vehicle.updated", VehicleAction::Updated),
    ("vehicle.removed", VehicleAction::Removed),
    ("vehicle.maintenance_status_changed", VehicleAction::MaintenanceStatusChanged),
    ("vehicle.price_updated", VehicleAction::PriceUpdated),
];

/// The Odoo model of vehicles; a native webhook on it concerns that vehicle.
pub const VEHICLE_MODEL: &str = "fleet.vehicle";

/// The kind of an event, with the ids that identify what it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EventKind {
    /// A booking webhook (`booking.*`).
    Booking {
        /// What happened.
        action: BookingAction,
        /// The booking's id.
        booking_id: i64,
        /// The booked vehicle's id.
        vehicle_id: i64,
    },
    /// An inventory webhook (`vehicle.*`).
    Vehicle {
        /// What happened.
        action: VehicleAction,
        /// The vehicle's id.
        vehicle_id: i64,
    },
    /// Odoo's native "Send Webhook Notification" on a vehicle (`_model` = `fleet.vehicle`) or on a record that has
    /// a `vehicle_id` (a booking-like record).
    Native {
        /// `_model`, e.g. `fleet.vehicle`.
        model: String,
        /// `_id`: the record's id.
        record_id: i64,
        /// `_action`, e.g. `Notify site(#12)`.
        action: String,
        /// The vehicle concerned: `_id` for `fleet.vehicle`, the record's `vehicle_id` otherwise.
        vehicle_id: i64,
    },
}

/// A cache the site should drop (and broadcast over SSE) after an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cache {
    /// The vehicle list.
    VehicleList,
    /// One vehicle's detail.
    Vehicle(i64),
    /// One vehicle's availability.
    Availability(i64),
}

impl Cache {
    /// `{"cache": "vehicle_list"}`, `{"cache": "vehicle", "vehicle_id": 1}` or
    /// `{"cache": "availability", "vehicle_id": 1}`.
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self.view()).unwrap_or(Value::Null)
    }

    /// The cache as the bindings hand it out.
    pub fn view(&self) -> Invalidation {
        match self {
            Cache::VehicleList => Invalidation { cache: "vehicle_list", vehicle_id: None },
            Cache::Vehicle(id) => Invalidation { cache: "vehicle", vehicle_id: Some(*id) },
            Cache::Availability(id) => Invalidation { cache: "availability", vehicle_id: Some(*id) },
        }
    }
}

/// A parsed Odoo event: its kind and every other field of the body, unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OdooEvent {
    /// The kind and ids.
    pub kind: EventKind,
    /// The body's other fields, as sent (for a native webhook, the selected fields; datetimes stay Odoo's naive
    /// UTC `"YYYY-MM-DD HH:MM:SS"` text, many2one fields raw ids).
    pub fields: Map<String, Value>,
}

impl OdooEvent {
    /// The event type: `booking.created`, `vehicle.updated`, ..., or `odoo.native` for Odoo's own webhook.
    pub fn event_type(&self) -> &'static str {
        match &self.kind {
            EventKind::Booking { action, .. } => BOOKING_TYPES.iter().find(|(_, a)| a == action).map_or("", |t| t.0),
            EventKind::Vehicle { action, .. } => VEHICLE_TYPES.iter().find(|(_, a)| a == action).map_or("", |t| t.0),
            EventKind::Native { .. } => "odoo.native",
        }
    }

    /// The vehicle the event concerns.
    pub fn vehicle_id(&self) -> i64 {
        match &self.kind {
            EventKind::Booking { vehicle_id, .. }
            | EventKind::Vehicle { vehicle_id, .. }
            | EventKind::Native { vehicle_id, .. } => *vehicle_id,
        }
    }

    /// The caches this event makes stale. A booking changes one vehicle's availability; price and detail updates
    /// change the list and the vehicle; availability, maintenance, additions, removals and native vehicle
    /// webhooks change all three.
    pub fn invalidates(&self) -> Vec<Cache> {
        let v = self.vehicle_id();
        let all = vec![Cache::VehicleList, Cache::Vehicle(v), Cache::Availability(v)];
        match &self.kind {
            EventKind::Booking { .. } => vec![Cache::Availability(v)],
            EventKind::Vehicle { action: VehicleAction::Updated | VehicleAction::PriceUpdated, .. } => {
                vec![Cache::VehicleList, Cache::Vehicle(v)]
            }
            EventKind::Vehicle { .. } => all,
            EventKind::Native { model, .. } if model == VEHICLE_MODEL => all,
            EventKind::Native { .. } => vec![Cache::Availability(v)],
        }
    }

    /// The event as JSON: `type`, the ids (`booking_id`, `vehicle_id`; native: `model`, `record_id`, `action`,
    /// `vehicle_id`), `fields` and `invalidates` (see [`Cache::to_json`]): the shape of [`OdooEvent::view`].
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self.view()).unwrap_or(Value::Null)
    }

    /// The event as the bindings hand it out: one typed shape per kind.
    pub fn view(&self) -> EventView {
        let invalidates = self.invalidates().iter().map(Cache::view).collect();
        let (event_type, fields, vehicle_id) = (self.event_type(), self.fields.clone(), self.vehicle_id());
        match &self.kind {
            EventKind::Booking { booking_id, .. } => EventView::Booking(BookingEvent {
                event_type,
                booking_id: *booking_id,
                vehicle_id,
                fields,
                invalidates,
            }),
            EventKind::Vehicle { .. } => {
                EventView::Vehicle(VehicleEvent { event_type, vehicle_id, fields, invalidates })
            }
            EventKind::Native { model, record_id, action, .. } => EventView::Native(NativeEvent {
                event_type,
                model: model.clone(),
                record_id: *record_id,
                action: action.clone(),
                vehicle_id,
                fields,
                invalidates,
            }),
        }
    }
}

/// A parsed event in the shape every binding gives (`type` tells the kind).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
pub enum EventView {
    /// `booking.*`.
    Booking(BookingEvent),
    /// `vehicle.*`.
    Vehicle(VehicleEvent),
    /// `odoo.native`.
    Native(NativeEvent),
}

impl EventView {
    /// The name of the result class (Python) / interface (TypeScript) of this shape.
    pub fn class_name(&self) -> &'static str {
        match self {
            EventView::Booking(_) => "BookingEvent",
            EventView::Vehicle(_) => "VehicleEvent",
            EventView::Native(_) => "NativeEvent",
        }
    }
}

/// A booking webhook: `type` is `booking.created`, `booking.confirmed`, `booking.cancelled` or `booking.modified`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct BookingEvent {
    /// The event type.
    #[serde(rename = "type")]
    pub event_type: &'static str,
    /// The booking's id.
    pub booking_id: i64,
    /// The booked vehicle's id.
    pub vehicle_id: i64,
    /// The body's other fields, as sent.
    pub fields: Map<String, Value>,
    /// The caches to drop.
    pub invalidates: Vec<Invalidation>,
}

/// An inventory webhook: `type` is `vehicle.added`, `vehicle.updated`, ...
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct VehicleEvent {
    /// The event type.
    #[serde(rename = "type")]
    pub event_type: &'static str,
    /// The vehicle's id.
    pub vehicle_id: i64,
    /// The body's other fields, as sent.
    pub fields: Map<String, Value>,
    /// The caches to drop.
    pub invalidates: Vec<Invalidation>,
}

/// Odoo's native webhook: `type` is `odoo.native`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct NativeEvent {
    /// `odoo.native`.
    #[serde(rename = "type")]
    pub event_type: &'static str,
    /// `_model`.
    pub model: String,
    /// `_id`.
    pub record_id: i64,
    /// `_action`.
    pub action: String,
    /// The vehicle concerned.
    pub vehicle_id: i64,
    /// The selected fields, as sent.
    pub fields: Map<String, Value>,
    /// The caches to drop.
    pub invalidates: Vec<Invalidation>,
}

/// One cache to drop: `{cache: "vehicle_list"}`, `{cache: "vehicle", vehicle_id}` or
/// `{cache: "availability", vehicle_id}`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Invalidation {
    /// `vehicle_list`, `vehicle` or `availability`.
    pub cache: &'static str,
    /// The vehicle, for `vehicle` and `availability`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vehicle_id: Option<i64>,
}

/// One problem with a webhook body: where (`loc`, a field name), a code and a message.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The field, e.g. `vehicle_id` (empty for the body itself).
    pub loc: String,
    /// `missing`, `wrong_type` or `not_json`.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
}

impl Problem {
    /// `{"loc": ..., "code": ..., "message": ...}`.
    pub fn to_json(&self) -> Value {
        serde_json::json!({"loc": self.loc, "code": self.code, "message": self.message})
    }
}

/// [`parse_event`] of a body as a binding passes it (after the boundary's walk): it must be the raw bytes; a parsed
/// object or a string is `invalid_odoo_payload` (`wrong_type`), since re-serialising could change what was signed.
pub fn parse_event_value(body: crate::boundary::Value) -> Result<OdooEvent, OdooError> {
    match body {
        crate::boundary::Value::Bytes(bytes) => parse_event(&bytes),
        other => Err(OdooError::invalid(vec![Problem {
            loc: String::new(),
            code: "wrong_type",
            message: format!(
                "the body must be the raw request bytes (bytes, Buffer or Uint8Array), not {}: pass the raw body",
                other.kind()
            ),
        }])),
    }
}

/// Parses a webhook body (the raw bytes; never re-serialised) into an [`OdooEvent`].
///
/// - `{"event_type": "booking.<x>", "booking_id": int, "vehicle_id": int, ...}`
/// - `{"event_type": "vehicle.<x>", "vehicle_id": int, ...}` (`availability_changed` also needs a string
///   `availability_status`)
/// - Odoo's native shape `{"_id": int, "_model": str, "_action": str, ...}` on `fleet.vehicle` or on a model whose
///   record has an integer `vehicle_id`.
///
/// Every problem of the body is collected into one `invalid_odoo_payload` error; an event type (or native model)
/// fleetgate does not know is `unknown_odoo_event`, naming it, never a silent drop.
pub fn parse_event(body: &[u8]) -> Result<OdooEvent, OdooError> {
    let root: Value = serde_json::from_slice(body).map_err(|e| {
        OdooError::invalid(vec![Problem { loc: String::new(), code: "not_json", message: format!("not JSON: {e}") }])
    })?;
    let Value::Object(mut fields) = root else {
        return Err(OdooError::invalid(vec![Problem {
            loc: String::new(),
            code: "wrong_type",
            message: "the body must be a JSON object".into(),
        }]));
    };
    let mut problems = Vec::new();
    let kind = if fields.contains_key("event_type") {
        let event_type = take_string(&mut fields, "event_type", &mut problems);
        let event_type = event_type.unwrap_or_default();
        if let Some((_, action)) = BOOKING_TYPES.iter().find(|(t, _)| *t == event_type) {
            let booking_id = take_int(&mut fields, "booking_id", &mut problems);
            let vehicle_id = take_int(&mut fields, "vehicle_id", &mut problems);
            booking_id.zip(vehicle_id).map(|(booking_id, vehicle_id)| EventKind::Booking {
                action: *action,
                booking_id,
                vehicle_id,
            })
        } else if let Some((_, action)) = VEHICLE_TYPES.iter().find(|(t, _)| *t == event_type) {
            let vehicle_id = take_int(&mut fields, "vehicle_id", &mut problems);
            if *action == VehicleAction::AvailabilityChanged {
                check_string(&fields, "availability_status", &mut problems);
            }
            vehicle_id.map(|vehicle_id| EventKind::Vehicle { action: *action, vehicle_id })
        } else if problems.is_empty() {
            return Err(OdooError::UnknownEvent { event_type });
        } else {
            None
        }
    } else if fields.contains_key("_model") || fields.contains_key("_id") {
        let record_id = take_int(&mut fields, "_id", &mut problems);
        let model = take_string(&mut fields, "_model", &mut problems);
        let action = take_string(&mut fields, "_action", &mut problems);
        let vehicle_id = match model.as_deref() {
            Some(VEHICLE_MODEL) => record_id,
            Some(other) if !fields.contains_key("vehicle_id") && problems.is_empty() => {
                return Err(OdooError::UnknownEvent { event_type: format!("native webhook on model {other}") });
            }
            Some(_) => int_field(&fields, "vehicle_id", &mut problems),
            None => None,
        };
        match (record_id, model, action, vehicle_id) {
            (Some(record_id), Some(model), Some(action), Some(vehicle_id)) => {
                Some(EventKind::Native { model, record_id, action, vehicle_id })
            }
            _ => None,
        }
    } else {
        problems.push(missing("event_type"));
        None
    };
    match kind {
        Some(kind) if problems.is_empty() => Ok(OdooEvent { kind, fields }),
        _ => Err(OdooError::invalid(problems)),
    }
}

fn missing(loc: &str) -> Problem {
    Problem { loc: loc.to_owned(), code: "missing", message: format!("{loc} is required") }
}

fn wrong_type(loc: &str, expected: &str) -> Problem {
    Problem { loc: loc.to_owned(), code: "wrong_type", message: format!("{loc} must be {expected}") }
}

/// An integer field left in `fields` (many2one ids stay in the body).
fn int_field(fields: &Map<String, Value>, name: &str, problems: &mut Vec<Problem>) -> Option<i64> {
    match fields.get(name) {
        None => problems.push(missing(name)),
        Some(value) => match value.as_i64() {
            Some(id) => return Some(id),
            None => problems.push(wrong_type(name, "an integer")),
        },
    }
    None
}

fn take_int(fields: &mut Map<String, Value>, name: &str, problems: &mut Vec<Problem>) -> Option<i64> {
    let id = int_field(fields, name, problems);
    if id.is_some() {
        fields.remove(name);
    }
    id
}

fn check_string(fields: &Map<String, Value>, name: &str, problems: &mut Vec<Problem>) {
    match fields.get(name) {
        None => problems.push(missing(name)),
        Some(Value::String(_)) => {}
        Some(_) => problems.push(wrong_type(name, "a string")),
    }
}

fn take_string(fields: &mut Map<String, Value>, name: &str, problems: &mut Vec<Problem>) -> Option<String> {
    check_string(fields, name, problems);
    match fields.get(name) {
        Some(Value::String(_)) => fields.remove(name).and_then(|v| v.as_str().map(str::to_owned)),
        _ => None,
    }
}

/// The absolute URL of an image path from an Odoo record: `path` joined to `base` with exactly one `/` between
/// them; an absolute URL (`http://`, `https://` or protocol-relative `//`) is returned untouched. `base` must be
/// an `http(s)://` URL (`invalid_base_url`); an empty path is `invalid_image_path`.
pub fn image_url(base: &str, path: &str) -> Result<String, OdooError> {
    if path.starts_with("http://") || path.starts_with("https://") || path.starts_with("//") {
        return Ok(path.to_owned());
    }
    let host = base.strip_prefix("https://").or_else(|| base.strip_prefix("http://"));
    if host.is_none_or(|h| h.is_empty() || h.starts_with('/')) || base.contains(char::is_whitespace) {
        return Err(OdooError::InvalidBaseUrl { base: base.to_owned() });
    }
    let relative = path.trim_start_matches('/');
    if relative.is_empty() {
        return Err(OdooError::InvalidImagePath { path: path.to_owned() });
    }
    Ok(format!("{}/{relative}", base.trim_end_matches('/')))
}

/// Errors of the Odoo area.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum OdooError {
    /// Code `invalid_odoo_payload`: the body is not a JSON object with the fields its event needs; every problem
    /// is listed.
    #[error("invalid Odoo webhook body: {}", describe(problems))]
    InvalidPayload {
        /// Every problem found (`errors` in the details, like a booking's validation errors).
        #[serde(rename = "errors")]
        problems: Vec<Problem>,
    },
    /// Code `unknown_odoo_event`: an event type (or native model) fleetgate does not handle.
    #[error("unknown Odoo event type {event_type:?}")]
    UnknownEvent {
        /// The type as sent.
        event_type: String,
    },
    /// Code `invalid_base_url`: the Odoo base URL is not an `http(s)://host...` URL.
    #[error("invalid Odoo base URL {base:?}: expected http(s)://host")]
    InvalidBaseUrl {
        /// The base as given.
        base: String,
    },
    /// Code `invalid_image_path`: the image path is empty.
    #[error("invalid Odoo image path {path:?}")]
    InvalidImagePath {
        /// The path as given.
        path: String,
    },
}

impl OdooError {
    fn invalid(problems: Vec<Problem>) -> Self {
        OdooError::InvalidPayload { problems }
    }

    /// The stable code (same as [`ErrorCode::code`], callable without importing the trait).
    pub fn code(&self) -> &'static str {
        ErrorCode::code(self)
    }

    /// Every problem found (`invalid_odoo_payload`), as a JSON list of `{loc, code, message}`; empty otherwise.
    pub fn problems_json(&self) -> Value {
        match self {
            OdooError::InvalidPayload { problems } => problems.iter().map(Problem::to_json).collect(),
            _ => Value::Array(Vec::new()),
        }
    }
}

fn describe(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| if p.loc.is_empty() { p.message.clone() } else { format!("{} ({})", p.message, p.code) })
        .collect::<Vec<_>>()
        .join("; ")
}

impl ErrorCode for OdooError {
    fn code(&self) -> &'static str {
        match self {
            OdooError::InvalidPayload { .. } => "invalid_odoo_payload",
            OdooError::UnknownEvent { .. } => "unknown_odoo_event",
            OdooError::InvalidBaseUrl { .. } => "invalid_base_url",
            OdooError::InvalidImagePath { .. } => "invalid_image_path",
        }
    }
    fn area(&self) -> &'static str {
        "odoo"
    }
}
