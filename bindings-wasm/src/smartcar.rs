//! `smartcar`: wraps `fleetgate::smartcar` (VERIFY reply, event parsing into odometer readings).

use fleetgate::smartcar as core;
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

use crate::errors::to_js_err;
use crate::webhook::{set, set_opt, with_body};

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
    /// Parses the raw body of a Smartcar delivery (current and legacy v2 envelopes) into a plain object with
    /// `readings` (`{vehicleId, eventId, deliveryId, rawValue, rawUnit, metres, readAtMs, fetchedAtMs}`).
    /// @throws {Error} with `code` `invalid_payload` (the message names the field) or `body_not_bytes`.
    #[wasm_bindgen(js_name = "parseEvent")]
    pub fn parse_event(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer | string")] body: JsValue,
    ) -> Result<JsValue, JsValue> {
        let parsed = with_body(&body, |b| Ok(core::parse_event(b))).map_err(to_js_err)?;
        parsed.map(event_object).map_err(to_js_err)
    }

    /// The answer to a VERIFY challenge: hex HMAC-SHA256 of `challenge` keyed with the AMT.
    pub fn challenge(amt: &str, challenge: &str) -> String {
        core::challenge(amt, challenge)
    }

    /// The JSON body to return (HTTP 200) for a VERIFY event: `{"challenge":"<hex>"}`.
    #[wasm_bindgen(js_name = "challengeReply")]
    pub fn challenge_reply(amt: &str, challenge: &str) -> String {
        core::challenge_reply(amt, challenge)
    }
}
