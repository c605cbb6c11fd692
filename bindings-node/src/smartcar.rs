//! `smartcar` namespace: wraps `fleetgate::smartcar` (VERIFY reply, event parsing: every field, odometer readings).

use fleetgate::boundary::Site;
use fleetgate::smartcar as core;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;

use crate::boundary;
use crate::errors::guard;
use crate::webhook::with_body;

/// One odometer reading of an event (what the odometer sync consumes).
#[napi(object, object_from_js = false, namespace = "smartcar")]
pub struct OdometerReading {
    /// Smartcar's vehicle id.
    pub vehicle_id: String,
    /// The idempotency key (`eventId`; legacy: the vehicle's `requestId`), or null.
    pub event_id: Option<String>,
    /// `meta.deliveryId` (changes per attempt), or null.
    pub delivery_id: Option<String>,
    /// The distance exactly as its JSON number was written, e.g. `"104.320"`.
    pub raw_value: String,
    /// The unit as delivered (legacy: the unit system, `"metric"` by default).
    pub raw_unit: String,
    /// The distance in whole metres (exact conversion).
    pub metres: i64,
    /// When the car recorded it (`oemUpdatedAt`), unix milliseconds, or null.
    pub read_at_ms: Option<i64>,
    /// When Smartcar fetched it (`fetchedAt`/`retrievedAt`), unix milliseconds, or null.
    pub fetched_at_ms: Option<i64>,
}

/// A signal an issue concerns (`{code, name, group}`, or only `code` when Smartcar sent a bare code).
#[napi(object, object_from_js = false, namespace = "smartcar")]
pub struct SignalRef {
    /// The signal's code, or null.
    pub code: Option<String>,
    /// The signal's name, or null.
    pub name: Option<String>,
    /// The signal's group, or null.
    pub group: Option<String>,
}

/// An error reported by a VEHICLE_ERROR event, or a signal that failed.
#[napi(object, object_from_js = false, namespace = "smartcar")]
pub struct VehicleIssue {
    /// The error's `type`, or null.
    pub error_type: Option<String>,
    /// The error's `code`, or null.
    pub code: Option<String>,
    /// `ERROR` or `RESOLVED` (VEHICLE_ERROR), or null for a failed signal.
    pub state: Option<String>,
    /// The description, or null.
    pub description: Option<String>,
    /// The failed signal's code, or null.
    pub signal: Option<String>,
    /// `suggestedUserMessage`: the text Smartcar suggests showing the vehicle's owner, or null.
    pub suggested_user_message: Option<String>,
    /// `docURL`: Smartcar's page about the error, or null.
    pub doc_url: Option<String>,
    /// `resolution.type` (or `resolution` when it is a string), e.g. `RETRY_LATER`, `CONTACT_SUPPORT`, or null.
    pub resolution: Option<String>,
    /// `resolution.url` (e.g. a re-authentication link), or null.
    pub resolution_url: Option<String>,
    /// The signals the error concerns.
    pub signals: Vec<SignalRef>,
}

/// The `status.error` of a failed signal.
#[napi(object, object_from_js = false, namespace = "smartcar")]
pub struct SignalError {
    /// The error's `type`, or null.
    pub error_type: Option<String>,
    /// The error's `code`, or null.
    pub code: Option<String>,
    /// The error's `description`, or null.
    pub description: Option<String>,
}

/// One entry of `data.signals` (every signal, not only the odometer).
#[napi(object, object_from_js = false, namespace = "smartcar")]
pub struct Signal {
    /// The signal's code, e.g. `odometer-traveleddistance`.
    pub code: String,
    /// The signal's name (`TraveledDistance`), or null.
    pub name: Option<String>,
    /// The signal's group (`Odometer`), or null.
    pub group: Option<String>,
    /// The signal's body exactly as delivered (a JSON object), or null for a failed signal.
    #[napi(ts_type = "Record<string, unknown>")]
    pub body: Option<serde_json::Map<String, serde_json::Value>>,
    /// `status.value` (`SUCCESS`, `ERROR`), or null.
    pub status: Option<String>,
    /// `meta.oemUpdatedAt`: when the car recorded it, unix milliseconds, or null.
    pub oem_updated_at_ms: Option<i64>,
    /// `meta.fetchedAt` / `meta.retrievedAt`: when Smartcar fetched it, unix milliseconds, or null.
    pub fetched_at_ms: Option<i64>,
    /// The error of a failed signal, or null.
    pub error: Option<SignalError>,
}

/// Why a delivery was sent, from `data.triggers` or the top-level `triggers`.
#[napi(object, object_from_js = false, namespace = "smartcar")]
pub struct Trigger {
    /// `SIGNAL_UPDATED`, `FIRST_DELIVERY`, or another type as delivered.
    pub trigger_type: String,
    /// The signal's code (for `signal: "Group.Name"`, the lowercase `group-name`), or null.
    pub code: Option<String>,
    /// The signal's name, or null.
    pub name: Option<String>,
    /// The signal's group, or null.
    pub group: Option<String>,
    /// Where it came from: `data.triggers` or `triggers` (top level).
    #[napi(ts_type = "'data.triggers' | 'triggers'")]
    pub source: String,
}

/// The vehicle an event describes (`data.vehicle`).
#[napi(object, object_from_js = false, namespace = "smartcar")]
pub struct Vehicle {
    /// Smartcar's vehicle id.
    pub id: String,
    /// The make, or null.
    pub make: Option<String>,
    /// The model, or null.
    pub model: Option<String>,
    /// The model year, or null.
    pub year: Option<i64>,
    /// The VIN, or null.
    pub vin: Option<String>,
    /// The vehicle's mode (`live`, `simulated`), or null.
    pub mode: Option<String>,
    /// `powertrainType` (`BEV`, `ICE`, ...), or null.
    pub powertrain_type: Option<String>,
}

/// The legacy `eventBased` payload's event.
#[napi(object, object_from_js = false, namespace = "smartcar")]
pub struct EventBased {
    /// `payload.eventType`, or null.
    pub event_type: Option<String>,
    /// `payload.eventTime` exactly as given, or null.
    pub event_time: Option<String>,
    /// `payload.eventTime` in unix milliseconds, or null when absent or unreadable.
    pub event_time_ms: Option<i64>,
}

/// A parsed Smartcar delivery: every field of both envelopes.
#[napi(object, object_from_js = false, namespace = "smartcar")]
pub struct Event {
    /// `VERIFY`, `VEHICLE_STATE`, `VEHICLE_ERROR` or legacy `verify`, `schedule`, ...
    pub event_type: String,
    /// Whether the body is the legacy v2 envelope.
    pub legacy: bool,
    /// `eventId`, or null.
    pub event_id: Option<String>,
    /// The webhook's id, or null.
    pub webhook_id: Option<String>,
    /// `meta.deliveryId`, or null.
    pub delivery_id: Option<String>,
    /// `meta.deliveredAt` exactly as delivered, or null.
    pub delivered_at: Option<String>,
    /// `LIVE`/`TEST` (legacy `live`/`test`/`simulated`), or null.
    pub mode: Option<String>,
    /// The vehicle the event is about, or null.
    pub vehicle_id: Option<String>,
    /// The VERIFY challenge, or null.
    pub challenge: Option<String>,
    /// The odometer readings the event carries.
    pub readings: Vec<OdometerReading>,
    /// Errors reported by the event and failed signals.
    pub issues: Vec<VehicleIssue>,
    /// `meta.version` (`4.0`, `3.0`) or legacy `version` (`2.0`), or null.
    pub version: Option<String>,
    /// `meta.webhookName`, or null.
    pub webhook_name: Option<String>,
    /// `meta.deliveredAt` in unix milliseconds, or null when absent or unreadable.
    pub delivered_at_ms: Option<i64>,
    /// `meta.signalCount`, or null.
    pub signal_count: Option<i64>,
    /// `meta.sequence`, or null.
    pub sequence: Option<i64>,
    /// `data.user.id`, or null.
    pub user_id: Option<String>,
    /// `data.user.externalId`, or null.
    pub user_external_id: Option<String>,
    /// `data.vehicle`, or null.
    pub vehicle: Option<Vehicle>,
    /// `data.triggers` then the top-level `triggers`.
    pub triggers: Vec<Trigger>,
    /// Every entry of `data.signals`.
    pub signals: Vec<Signal>,
    /// The legacy `eventBased` payload's type and time, or null.
    pub event_based: Option<EventBased>,
}

fn issue(i: core::VehicleIssue) -> VehicleIssue {
    VehicleIssue {
        error_type: i.error_type,
        code: i.code,
        state: i.state,
        description: i.description,
        signal: i.signal,
        suggested_user_message: i.suggested_user_message,
        doc_url: i.doc_url,
        resolution: i.resolution,
        resolution_url: i.resolution_url,
        signals: i.signals.into_iter().map(|s| SignalRef { code: s.code, name: s.name, group: s.group }).collect(),
    }
}

fn signal(s: core::Signal) -> Signal {
    Signal {
        code: s.code,
        name: s.name,
        group: s.group,
        body: s.body,
        status: s.status,
        oem_updated_at_ms: s.oem_updated_at_ms,
        fetched_at_ms: s.fetched_at_ms,
        error: s.error.map(|e| SignalError { error_type: e.error_type, code: e.code, description: e.description }),
    }
}

impl From<core::Event> for Event {
    fn from(e: core::Event) -> Self {
        let readings = e
            .readings
            .into_iter()
            .map(|r| OdometerReading {
                vehicle_id: r.vehicle_id,
                event_id: r.event_id,
                delivery_id: r.delivery_id,
                raw_value: r.raw_value,
                raw_unit: r.raw_unit,
                metres: r.metres,
                read_at_ms: r.read_at_ms,
                fetched_at_ms: r.fetched_at_ms,
            })
            .collect();
        let vehicle = e.vehicle.map(|v| Vehicle {
            id: v.id,
            make: v.make,
            model: v.model,
            year: v.year,
            vin: v.vin,
            mode: v.mode,
            powertrain_type: v.powertrain_type,
        });
        let triggers = e
            .triggers
            .into_iter()
            .map(|t| Trigger {
                trigger_type: t.trigger_type,
                code: t.code,
                name: t.name,
                group: t.group,
                source: t.source,
            })
            .collect();
        let event_based = e.event_based.map(|b| EventBased {
            event_type: b.event_type,
            event_time: b.event_time,
            event_time_ms: b.event_time_ms,
        });
        Event {
            event_type: e.event_type,
            legacy: e.legacy,
            event_id: e.event_id,
            webhook_id: e.webhook_id,
            delivery_id: e.delivery_id,
            delivered_at: e.delivered_at,
            mode: e.mode,
            vehicle_id: e.vehicle_id,
            challenge: e.challenge,
            readings,
            issues: e.issues.into_iter().map(issue).collect(),
            version: e.version,
            webhook_name: e.webhook_name,
            delivered_at_ms: e.delivered_at_ms,
            signal_count: e.signal_count,
            sequence: e.sequence,
            user_id: e.user_id,
            user_external_id: e.user_external_id,
            vehicle,
            triggers,
            signals: e.signals.into_iter().map(signal).collect(),
            event_based,
        }
    }
}

/// Parses the raw body of a Smartcar delivery (current and legacy v2 envelopes): a `Uint8Array` / `Buffer`, an
/// `ArrayBuffer` or its text.
/// @throws {Error} with `code` `invalid_payload` (`details.field` names the field) or `body_not_bytes`.
#[napi(namespace = "smartcar")]
pub fn parse_event(
    env: &Env,
    #[napi(ts_arg_type = "Uint8Array | ArrayBuffer | string")] body: Unknown<'_>,
) -> napi::Result<Event> {
    guard(env, || with_body(env, body, core::parse_event).map(Event::from))
}

/// The AMT and the challenge, each a string (`invalid_argument` otherwise).
fn texts(env: &Env, amt: Unknown<'_>, challenge: Unknown<'_>) -> napi::Result<(String, String)> {
    let amt = boundary::decode(env, amt, &Site::argument("smartcar", "amt"))?;
    Ok((amt, boundary::decode(env, challenge, &Site::argument("smartcar", "challenge"))?))
}

/// The answer to a VERIFY challenge: hex HMAC-SHA256 of `challenge` keyed with the AMT.
/// @throws {Error} with `code` `invalid_argument` when either is not a string.
#[napi(namespace = "smartcar")]
pub fn challenge(
    env: &Env,
    #[napi(ts_arg_type = "string")] amt: Unknown<'_>,
    #[napi(ts_arg_type = "string")] challenge: Unknown<'_>,
) -> napi::Result<String> {
    guard(env, || texts(env, amt, challenge).map(|(amt, text)| core::challenge(&amt, &text)))
}

/// The JSON body to return (HTTP 200) for a VERIFY event: `{"challenge":"<hex>"}`.
/// @throws {Error} with `code` `invalid_argument` when either is not a string.
#[napi(namespace = "smartcar")]
pub fn challenge_reply(
    env: &Env,
    #[napi(ts_arg_type = "string")] amt: Unknown<'_>,
    #[napi(ts_arg_type = "string")] challenge: Unknown<'_>,
) -> napi::Result<String> {
    guard(env, || texts(env, amt, challenge).map(|(amt, text)| core::challenge_reply(&amt, &text)))
}
