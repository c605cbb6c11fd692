//! The parsed shape of a Smartcar delivery: [`Event`] and what it holds.

use serde_json::{Map, Value as Json};

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

/// A signal an issue concerns (`data.errors[].signals[]`): an object `{code, name, group}` or a bare code.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SignalRef {
    /// The signal's code (`location-preciselocation`), when given.
    pub code: Option<String>,
    /// The signal's name (`PreciseLocation`), when given.
    pub name: Option<String>,
    /// The signal's group (`Location`), when given.
    pub group: Option<String>,
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
    /// `suggestedUserMessage`: the text Smartcar suggests showing the vehicle's owner, when given.
    pub suggested_user_message: Option<String>,
    /// `docURL`: Smartcar's page about this error, when given.
    pub doc_url: Option<String>,
    /// `resolution.type` (or `resolution` itself when it is a string): what resolves it, e.g. `RETRY_LATER`,
    /// `CONTACT_SUPPORT`, `REAUTHENTICATE`; `None` when absent or `{"type": null}`.
    pub resolution: Option<String>,
    /// `resolution.url`: where the owner resolves it (e.g. a re-authentication link), when given.
    pub resolution_url: Option<String>,
    /// The signals the error concerns (`signals[]`, VEHICLE_ERROR entries), in order.
    pub signals: Vec<SignalRef>,
}

/// The error of a failed signal (`status.error`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SignalError {
    /// The error's `type`, when given.
    pub error_type: Option<String>,
    /// The error's `code`, when given.
    pub code: Option<String>,
    /// The error's `description`, when given.
    pub description: Option<String>,
}

/// One entry of `data.signals` (every signal, not only the odometer), its body left as delivered.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Signal {
    /// The signal's code (`odometer-traveleddistance`).
    pub code: String,
    /// The signal's name (`TraveledDistance`), when given.
    pub name: Option<String>,
    /// The signal's group (`Odometer`), when given.
    pub group: Option<String>,
    /// The signal's `body` as a JSON object (`{"unit": "km", "value": 104.32}`); `None` for a failed signal.
    pub body: Option<Map<String, Json>>,
    /// `status.value` (`SUCCESS`, `ERROR`), when given.
    pub status: Option<String>,
    /// `meta.oemUpdatedAt`: when the car recorded it, unix milliseconds.
    pub oem_updated_at_ms: Option<i64>,
    /// `meta.fetchedAt` or `meta.retrievedAt`: when Smartcar fetched it, unix milliseconds.
    pub fetched_at_ms: Option<i64>,
    /// `status.error` of a failed signal.
    pub error: Option<SignalError>,
}

/// Why a delivery was sent: one trigger, from `data.triggers[]` or from the top-level `triggers[]` some
/// deliveries carry, normalised into one shape.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Trigger {
    /// `SIGNAL_UPDATED` (a signal changed) or `FIRST_DELIVERY` (the vehicle's first delivery), or another
    /// `type` as delivered.
    pub trigger_type: String,
    /// The signal's code; for a `signal` written `Group.Name` it is Smartcar's code for it, the lowercase
    /// `group-name` (`Odometer.TraveledDistance` -> `odometer-traveleddistance`).
    pub code: Option<String>,
    /// The signal's name, when known.
    pub name: Option<String>,
    /// The signal's group, when known.
    pub group: Option<String>,
    /// Where it came from: `data.triggers` or `triggers` (top level).
    pub source: String,
}

/// The vehicle an event describes (`data.vehicle`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Vehicle {
    /// Smartcar's vehicle id.
    pub id: String,
    /// The make (`TESLA`), when given.
    pub make: Option<String>,
    /// The model (`Model 3`), when given.
    pub model: Option<String>,
    /// The model year, when given (a number or a string of digits).
    pub year: Option<i64>,
    /// The VIN, when given.
    pub vin: Option<String>,
    /// The vehicle's mode (`live`, `simulated`), when given.
    pub mode: Option<String>,
    /// `powertrainType` (`BEV`, `ICE`, ...), when given.
    pub powertrain_type: Option<String>,
}

/// The legacy `eventBased` payload's event.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct EventBased {
    /// `payload.eventType` (e.g. `IGNITION_OFF`), when given.
    pub event_type: Option<String>,
    /// `payload.eventTime` exactly as given.
    pub event_time: Option<String>,
    /// `payload.eventTime` in unix milliseconds (RFC 3339 or epoch ms); `None` when absent or unreadable.
    pub event_time_ms: Option<i64>,
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
    /// `meta.mode` (`LIVE`, `TEST`) or legacy `mode` (`live`, `test`, `simulated`).
    pub mode: Option<String>,
    /// The vehicle the event is about, when it is about one vehicle.
    pub vehicle_id: Option<String>,
    /// The VERIFY challenge to answer with [`super::challenge_reply`].
    pub challenge: Option<String>,
    /// Every odometer reading the event carries.
    pub readings: Vec<OdometerReading>,
    /// Errors reported by the event (VEHICLE_ERROR) and signals that failed.
    pub issues: Vec<VehicleIssue>,
    /// `meta.version` (`4.0`, `3.0`) or the legacy `version` (`2.0`).
    pub version: Option<String>,
    /// `meta.webhookName`.
    pub webhook_name: Option<String>,
    /// `meta.deliveredAt` in unix milliseconds (epoch ms as given, or the RFC 3339 instant); `None` when absent
    /// or unreadable.
    pub delivered_at_ms: Option<i64>,
    /// `meta.signalCount`: how many signals the webhook subscribes to.
    pub signal_count: Option<i64>,
    /// `meta.sequence`, when given.
    pub sequence: Option<i64>,
    /// `data.user.id`: the Smartcar user who connected the vehicle.
    pub user_id: Option<String>,
    /// `data.user.externalId`: your own id of that user, when you set one.
    pub user_external_id: Option<String>,
    /// `data.vehicle`: the vehicle's id, make, model and year.
    pub vehicle: Option<Vehicle>,
    /// Why it was delivered: `data.triggers[]` then the top-level `triggers[]`, in order.
    pub triggers: Vec<Trigger>,
    /// Every entry of `data.signals[]`, in order (odometer signals also become [`Event::readings`]).
    pub signals: Vec<Signal>,
    /// The legacy `eventBased` payload's `eventType` and `eventTime`.
    pub event_based: Option<EventBased>,
}

impl Event {
    /// An event with only its type set.
    pub(super) fn empty(event_type: String, legacy: bool) -> Event {
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
            version: None,
            webhook_name: None,
            delivered_at_ms: None,
            signal_count: None,
            sequence: None,
            user_id: None,
            user_external_id: None,
            vehicle: None,
            triggers: Vec::new(),
            signals: Vec::new(),
            event_based: None,
        }
    }
}
