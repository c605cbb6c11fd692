//! `smartcar`: wraps `fleetgate::smartcar` (VERIFY reply, event parsing into odometer readings).

use fleetgate::boundary::Site;
use fleetgate::smartcar as core;
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

use crate::boundary;
use crate::webhook::{set, set_opt, with_body};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** One odometer reading of a Smartcar event (what the odometer sync consumes). */
export interface OdometerReading {
  /** Smartcar's vehicle id. */
  vehicleId: string;
  /** The idempotency key (`eventId`; legacy: the vehicle's `requestId`). */
  eventId?: string;
  /** `meta.deliveryId` (changes per attempt). */
  deliveryId?: string;
  /** The distance exactly as its JSON number was written, e.g. `"104.320"`. */
  rawValue: string;
  /** The unit as delivered (legacy: the unit system, `"metric"` by default). */
  rawUnit: string;
  /** The distance in whole metres (exact conversion). */
  metres: number;
  /** When the car recorded it (`oemUpdatedAt`), unix milliseconds. */
  readAtMs?: number;
  /** When Smartcar fetched it (`fetchedAt` / `retrievedAt`), unix milliseconds. */
  fetchedAtMs?: number;
}
/** An error a VEHICLE_ERROR event reports, or a signal that failed. */
export interface VehicleIssue {
  /** The error's `type`. */
  errorType?: string;
  /** The error's `code`. */
  code?: string;
  /** `ERROR` or `RESOLVED` (VEHICLE_ERROR); absent for a failed signal. */
  state?: string;
  /** The description. */
  description?: string;
  /** The failed signal's code. */
  signal?: string;
}
/** A parsed Smartcar delivery. */
export interface SmartcarEvent {
  /** `VERIFY`, `VEHICLE_STATE`, `VEHICLE_ERROR` or legacy `verify`, `schedule`, ... */
  eventType: string;
  /** Whether the body is the legacy v2 envelope. */
  legacy: boolean;
  /** `eventId`. */
  eventId?: string;
  /** The webhook's id. */
  webhookId?: string;
  /** `meta.deliveryId`. */
  deliveryId?: string;
  /** `meta.deliveredAt` exactly as delivered. */
  deliveredAt?: string;
  /** `LIVE` / `TEST` (legacy `live` / `test` / `simulated`). */
  mode?: string;
  /** The vehicle the event is about. */
  vehicleId?: string;
  /** The VERIFY challenge. */
  challenge?: string;
  /** The odometer readings the event carries. */
  readings: OdometerReading[];
  /** Errors reported by the event and failed signals. */
  issues: VehicleIssue[];
}
"#;

/// The AMT and the challenge, each a string (`invalid_argument` otherwise).
fn texts(amt: &JsValue, challenge: &JsValue) -> Result<(String, String), JsValue> {
    let amt = boundary::decode(amt, &Site::argument("smartcar", "amt"))?;
    Ok((amt, boundary::decode(challenge, &Site::argument("smartcar", "challenge"))?))
}

/// Smartcar webhooks: event parsing into odometer readings, and the VERIFY reply.
#[wasm_bindgen(js_name = "smartcar")]
pub struct Smartcar;

fn event_object(e: core::Event) -> JsValue {
    let readings: Array = e
        .readings
        .into_iter()
        .map(|r| {
            let o = Object::new();
            set(&o, "vehicleId", r.vehicle_id);
            set_opt(&o, "eventId", r.event_id);
            set_opt(&o, "deliveryId", r.delivery_id);
            set(&o, "rawValue", r.raw_value);
            set(&o, "rawUnit", r.raw_unit);
            set(&o, "metres", r.metres as f64);
            set_opt(&o, "readAtMs", r.read_at_ms.map(|v| v as f64));
            set_opt(&o, "fetchedAtMs", r.fetched_at_ms.map(|v| v as f64));
            JsValue::from(o)
        })
        .collect();
    let issues: Array = e
        .issues
        .into_iter()
        .map(|i| {
            let o = Object::new();
            set_opt(&o, "errorType", i.error_type);
            set_opt(&o, "code", i.code);
            set_opt(&o, "state", i.state);
            set_opt(&o, "description", i.description);
            set_opt(&o, "signal", i.signal);
            JsValue::from(o)
        })
        .collect();
    let o = Object::new();
    set(&o, "eventType", e.event_type);
    set(&o, "legacy", e.legacy);
    set_opt(&o, "eventId", e.event_id);
    set_opt(&o, "webhookId", e.webhook_id);
    set_opt(&o, "deliveryId", e.delivery_id);
    set_opt(&o, "deliveredAt", e.delivered_at);
    set_opt(&o, "mode", e.mode);
    set_opt(&o, "vehicleId", e.vehicle_id);
    set_opt(&o, "challenge", e.challenge);
    set(&o, "readings", readings);
    set(&o, "issues", issues);
    o.into()
}

#[wasm_bindgen(js_class = "smartcar")]
impl Smartcar {
    /// Parses the raw body of a Smartcar delivery (current and legacy v2 envelopes): a `Uint8Array`, an
    /// `ArrayBuffer` or its text.
    /// @throws {Error} with `code` `invalid_payload` (`details.field` names the field) or `body_not_bytes`.
    #[wasm_bindgen(js_name = "parseEvent", unchecked_return_type = "SmartcarEvent")]
    pub fn parse_event(#[wasm_bindgen(unchecked_param_type = "BodyInput")] body: JsValue) -> Result<JsValue, JsValue> {
        with_body(&body, core::parse_event).map(event_object)
    }

    /// The answer to a VERIFY challenge: hex HMAC-SHA256 of `challenge` keyed with the AMT.
    /// @throws {Error} with `code` `invalid_argument` when either is not a string.
    pub fn challenge(
        #[wasm_bindgen(unchecked_param_type = "string")] amt: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] challenge: JsValue,
    ) -> Result<String, JsValue> {
        texts(&amt, &challenge).map(|(amt, text)| core::challenge(&amt, &text))
    }

    /// The JSON body to return (HTTP 200) for a VERIFY event: `{"challenge":"<hex>"}`.
    /// @throws {Error} with `code` `invalid_argument` when either is not a string.
    #[wasm_bindgen(js_name = "challengeReply")]
    pub fn challenge_reply(
        #[wasm_bindgen(unchecked_param_type = "string")] amt: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] challenge: JsValue,
    ) -> Result<String, JsValue> {
        texts(&amt, &challenge).map(|(amt, text)| core::challenge_reply(&amt, &text))
    }
}
