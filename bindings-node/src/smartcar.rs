//! `smartcar` namespace: wraps `fleetgate::smartcar` (VERIFY reply, event parsing into odometer readings).

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
}

/// A parsed Smartcar delivery.
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
        let issues = e
            .issues
            .into_iter()
            .map(|i| VehicleIssue {
                error_type: i.error_type,
                code: i.code,
                state: i.state,
                description: i.description,
                signal: i.signal,
            })
            .collect();
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
            issues,
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
