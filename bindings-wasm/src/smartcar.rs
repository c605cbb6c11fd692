//! `smartcar`: wraps `fleetgate::smartcar` (VERIFY reply, event parsing: every field, odometer readings).

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
/** A signal a Smartcar issue concerns (`{code, name, group}`, or only `code` for a bare code). */
export interface SmartcarSignalRef {
  /** The signal's code. */
  code?: string;
  /** The signal's name. */
  name?: string;
  /** The signal's group. */
  group?: string;
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
  /** `suggestedUserMessage`: the text Smartcar suggests showing the vehicle's owner. */
  suggestedUserMessage?: string;
  /** `docURL`: Smartcar's page about the error. */
  docUrl?: string;
  /** `resolution.type` (or `resolution` when it is a string), e.g. `RETRY_LATER`, `CONTACT_SUPPORT`. */
  resolution?: string;
  /** `resolution.url` (e.g. a re-authentication link). */
  resolutionUrl?: string;
  /** The signals the error concerns. */
  signals: SmartcarSignalRef[];
}
/** The `status.error` of a failed Smartcar signal. */
export interface SmartcarSignalError {
  /** The error's `type`. */
  errorType?: string;
  /** The error's `code`. */
  code?: string;
  /** The error's `description`. */
  description?: string;
}
/** One entry of `data.signals` (every signal, not only the odometer). */
export interface SmartcarSignal {
  /** The signal's code, e.g. `odometer-traveleddistance`. */
  code: string;
  /** The signal's name (`TraveledDistance`). */
  name?: string;
  /** The signal's group (`Odometer`). */
  group?: string;
  /** The signal's body exactly as delivered (a JSON object); absent for a failed signal. */
  body?: Record<string, unknown>;
  /** `status.value` (`SUCCESS`, `ERROR`). */
  status?: string;
  /** `meta.oemUpdatedAt`: when the car recorded it, unix milliseconds. */
  oemUpdatedAtMs?: number;
  /** `meta.fetchedAt` / `meta.retrievedAt`: when Smartcar fetched it, unix milliseconds. */
  fetchedAtMs?: number;
  /** The error of a failed signal. */
  error?: SmartcarSignalError;
}
/** Why a Smartcar delivery was sent, from `data.triggers` or the top-level `triggers`. */
export interface SmartcarTrigger {
  /** `SIGNAL_UPDATED`, `FIRST_DELIVERY`, or another type as delivered. */
  triggerType: string;
  /** The signal's code (for `signal: "Group.Name"`, the lowercase `group-name`). */
  code?: string;
  /** The signal's name. */
  name?: string;
  /** The signal's group. */
  group?: string;
  /** Where it came from: `data.triggers` or `triggers` (top level). */
  source: 'data.triggers' | 'triggers';
}
/** The vehicle a Smartcar event describes (`data.vehicle`). */
export interface SmartcarVehicle {
  /** Smartcar's vehicle id. */
  id: string;
  /** The make. */
  make?: string;
  /** The model. */
  model?: string;
  /** The model year. */
  year?: number;
  /** The VIN. */
  vin?: string;
  /** The vehicle's mode (`live`, `simulated`). */
  mode?: string;
  /** `powertrainType` (`BEV`, `ICE`, ...). */
  powertrainType?: string;
}
/** The legacy `eventBased` payload's event. */
export interface SmartcarEventBased {
  /** `payload.eventType`. */
  eventType?: string;
  /** `payload.eventTime` exactly as given. */
  eventTime?: string;
  /** `payload.eventTime` in unix milliseconds, when it can be read. */
  eventTimeMs?: number;
}
/** A parsed Smartcar delivery: every field of both envelopes. */
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
  /** `meta.version`, or the legacy envelope's `version` (see docs/smartcar.md). */
  version?: string;
  /** `meta.webhookName`. */
  webhookName?: string;
  /** `meta.deliveredAt` in unix milliseconds, when it can be read. */
  deliveredAtMs?: number;
  /** `meta.signalCount`. */
  signalCount?: number;
  /** `meta.sequence`. */
  sequence?: number;
  /** `data.user.id`. */
  userId?: string;
  /** `data.user.externalId`. */
  userExternalId?: string;
  /** `data.vehicle`. */
  vehicle?: SmartcarVehicle;
  /** `data.triggers` then the top-level `triggers`. */
  triggers: SmartcarTrigger[];
  /** Every entry of `data.signals`. */
  signals: SmartcarSignal[];
  /** The legacy `eventBased` payload's type and time. */
  eventBased?: SmartcarEventBased;
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

/// A JS number for an integer the core bounds to JavaScript's exact range (milliseconds, counts, metres).
fn num(v: i64) -> f64 {
    v as f64
}

fn issue_object(i: core::VehicleIssue) -> JsValue {
    let signals: Array = i
        .signals
        .into_iter()
        .map(|s| {
            let o = Object::new();
            set_opt(&o, "code", s.code);
            set_opt(&o, "name", s.name);
            set_opt(&o, "group", s.group);
            JsValue::from(o)
        })
        .collect();
    let o = Object::new();
    set_opt(&o, "errorType", i.error_type);
    set_opt(&o, "code", i.code);
    set_opt(&o, "state", i.state);
    set_opt(&o, "description", i.description);
    set_opt(&o, "signal", i.signal);
    set_opt(&o, "suggestedUserMessage", i.suggested_user_message);
    set_opt(&o, "docUrl", i.doc_url);
    set_opt(&o, "resolution", i.resolution);
    set_opt(&o, "resolutionUrl", i.resolution_url);
    set(&o, "signals", signals);
    o.into()
}

fn signal_object(s: core::Signal) -> JsValue {
    let o = Object::new();
    set(&o, "code", s.code);
    set_opt(&o, "name", s.name);
    set_opt(&o, "group", s.group);
    set_opt(&o, "body", s.body.map(|b| boundary::to_js(&serde_json::Value::Object(b))));
    set_opt(&o, "status", s.status);
    set_opt(&o, "oemUpdatedAtMs", s.oem_updated_at_ms.map(num));
    set_opt(&o, "fetchedAtMs", s.fetched_at_ms.map(num));
    set_opt(
        &o,
        "error",
        s.error.map(|e| {
            let error = Object::new();
            set_opt(&error, "errorType", e.error_type);
            set_opt(&error, "code", e.code);
            set_opt(&error, "description", e.description);
            JsValue::from(error)
        }),
    );
    o.into()
}

fn trigger_object(t: core::Trigger) -> JsValue {
    let o = Object::new();
    set(&o, "triggerType", t.trigger_type);
    set_opt(&o, "code", t.code);
    set_opt(&o, "name", t.name);
    set_opt(&o, "group", t.group);
    set(&o, "source", t.source);
    o.into()
}

fn vehicle_object(v: core::Vehicle) -> JsValue {
    let o = Object::new();
    set(&o, "id", v.id);
    set_opt(&o, "make", v.make);
    set_opt(&o, "model", v.model);
    set_opt(&o, "year", v.year.map(num));
    set_opt(&o, "vin", v.vin);
    set_opt(&o, "mode", v.mode);
    set_opt(&o, "powertrainType", v.powertrain_type);
    o.into()
}

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
            set(&o, "metres", num(r.metres));
            set_opt(&o, "readAtMs", r.read_at_ms.map(num));
            set_opt(&o, "fetchedAtMs", r.fetched_at_ms.map(num));
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
    set(&o, "issues", e.issues.into_iter().map(issue_object).collect::<Array>());
    set_opt(&o, "version", e.version);
    set_opt(&o, "webhookName", e.webhook_name);
    set_opt(&o, "deliveredAtMs", e.delivered_at_ms.map(num));
    set_opt(&o, "signalCount", e.signal_count.map(num));
    set_opt(&o, "sequence", e.sequence.map(num));
    set_opt(&o, "userId", e.user_id);
    set_opt(&o, "userExternalId", e.user_external_id);
    set_opt(&o, "vehicle", e.vehicle.map(vehicle_object));
    set(&o, "triggers", e.triggers.into_iter().map(trigger_object).collect::<Array>());
    set(&o, "signals", e.signals.into_iter().map(signal_object).collect::<Array>());
    set_opt(
        &o,
        "eventBased",
        e.event_based.map(|b| {
            let based = Object::new();
            set_opt(&based, "eventType", b.event_type);
            set_opt(&based, "eventTime", b.event_time);
            set_opt(&based, "eventTimeMs", b.event_time_ms.map(num));
            JsValue::from(based)
        }),
    );
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
