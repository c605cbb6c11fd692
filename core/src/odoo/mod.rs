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
//!
//! Native webhooks on the rental app's models (`sale.order`, `sale.order.line`, `product.product`,
//! `product.template`, `stock.lot`) are typed events too; a site whose vehicles live in a model of its own
//! module says so with a model map:
//!
//! ```
//! use fleetgate::odoo::{parse_event_with, Cache, Model, ParseOptions};
//! let options = ParseOptions { model_map: [("atlas.equipment".to_owned(), Model::FleetVehicle)].into() };
//! let body = br#"{"_id": 7, "_model": "atlas.equipment", "_action": "Notify site(#12)", "id": 7}"#;
//! let event = parse_event_with(body, &options).unwrap();
//! assert_eq!(event.vehicle_id(), Some(7));
//! assert!(event.invalidates().contains(&Cache::VehicleList));
//!
//! let order = br#"{"_id": 41, "_model": "sale.order", "_action": "Rental(#3)", "is_rental_order": true,
//!                  "state": "sale", "rental_start_date": "2026-12-01 08:00:00", "rental_return_date": false}"#;
//! let event = parse_event_with(order, &ParseOptions::default()).unwrap();
//! assert_eq!(event.event_type(), "odoo.sale_order");
//! assert_eq!(event.invalidates(), vec![Cache::AllAvailability]);
//! ```

mod datetime;
mod events;
mod fields;
mod models;
mod native;
pub mod records;
/// Stock Odoo's website rental routes (`/rental/product/constraints`, `/rental/product/availabilities`).
pub mod rental;

pub use datetime::parse_datetime;
pub use events::{
    BookingAction, BookingEvent, Cache, EventKind, EventView, Invalidation, NativeEvent, OdooEvent, Problem,
    VehicleAction, VehicleEvent, VEHICLE_MODEL,
};
pub use models::{is_model_name, Model, ParseOptions, MODELS};
pub use records::{ProductEvent, SaleOrderEvent, SaleOrderLineEvent, StockLotEvent};

use serde_json::Value;

use crate::error::ErrorCode;
use events::{BOOKING_TYPES, VEHICLE_TYPES};
use fields::{check_string, missing, take_int, take_string};

/// Where every binding decodes the options of `parse_event` (`invalid_option`, area `odoo`). The keys are read as
/// given, also from JavaScript (model names are data): see [`ParseOptions`].
pub const OPTIONS_SITE: crate::boundary::Site = crate::boundary::Site::options("odoo");

/// [`parse_event_with`] of a body as a binding passes it (after the boundary's walk): it must be the raw bytes; a
/// parsed object or a string is `invalid_odoo_payload` (`wrong_type`), since re-serialising could change what was
/// signed. `options` come decoded at [`OPTIONS_SITE`].
pub fn parse_event_value(body: crate::boundary::Value, options: &ParseOptions) -> Result<OdooEvent, OdooError> {
    match body {
        crate::boundary::Value::Bytes(bytes) => parse_event_with(&bytes, options),
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
/// - Odoo's native shape `{"_id": int, "_model": str, "_action": str, ...}` on `fleet.vehicle`, on the rental
///   app's `sale.order`, `sale.order.line`, `product.product`, `product.template` and `stock.lot`, or on a model
///   whose record has an integer `vehicle_id`.
///
/// Every problem of the body is collected into one `invalid_odoo_payload` error; an event type (or native model)
/// fleetgate does not know is `unknown_odoo_event`, naming it, never a silent drop. The same as
/// [`parse_event_with`] without a model map.
pub fn parse_event(body: &[u8]) -> Result<OdooEvent, OdooError> {
    parse_event_with(body, &ParseOptions::default())
}

/// [`parse_event`] with options: a native webhook's `_model` is looked up in `options.model_map` first.
/// Datetime fields read from a native webhook (`rental_start_date`, ...) are Odoo's naive UTC text (see
/// [`parse_datetime`]) or `false`; other text is an `invalid_datetime` problem with its `loc`.
pub fn parse_event_with(body: &[u8], options: &ParseOptions) -> Result<OdooEvent, OdooError> {
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
        native::parse(&mut fields, options, &mut problems)?
    } else {
        problems.push(missing("event_type"));
        None
    };
    match kind {
        Some(kind) if problems.is_empty() => Ok(OdooEvent { kind, fields }),
        _ => Err(OdooError::invalid(problems)),
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
