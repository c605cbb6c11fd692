//! The `/api/smartcar/webhook` logic, independent of HTTP: raw body and headers in, status and JSON out.
//!
//! VERIFY challenges are answered without a signature (Smartcar sends them unsigned); every other delivery must
//! carry a valid `SC-Signature` over the raw body. Each odometer reading is judged against the vehicle's history
//! (`fleetgate::odometer::check`), logged with its verdict, and stored as a meter entry only when accepted.

use fleetgate::odometer::{check, meter_entry, Ident, Policy, Reading, Status, SyncKind, DEFAULT_SOURCE_TYPE};
use fleetgate::smartcar::{challenge_reply, parse_event};
use fleetgate::webhook::{TimeCheck, Verifier};
use serde_json::{json, Value};

use crate::store::Store;

/// An HTTP answer: status code and JSON body.
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The JSON body.
    pub body: String,
}

fn answer(status: u16, body: Value) -> Answer {
    Answer { status, body: body.to_string() }
}

/// The receiver: the app's store, the verifier for its application management token, and the odometer policy.
pub struct Receiver {
    /// The app's database.
    pub store: Store,
    amt: String,
    verifier: Verifier,
    policy: Policy,
}

impl Receiver {
    /// A receiver for the Smartcar application whose management token is `amt`.
    pub fn new(store: Store, amt: &str) -> Result<Self, fleetgate::webhook::WebhookError> {
        Ok(Receiver { store, amt: amt.to_owned(), verifier: Verifier::smartcar(&[amt])?, policy: Policy::default() })
    }

    /// Handles one delivery received at `now_ms` (unix milliseconds).
    pub fn handle(&self, headers: &[(String, String)], body: &[u8], now_ms: i64) -> Answer {
        let event = match parse_event(body) {
            Ok(event) => event,
            Err(e) => return answer(400, json!({"error": e.code(), "message": e.to_string()})),
        };
        if event.event_type.eq_ignore_ascii_case("verify") {
            return match &event.challenge {
                Some(challenge) => Answer { status: 200, body: challenge_reply(&self.amt, challenge) },
                None => answer(400, json!({"error": "invalid_payload", "message": "VERIFY without a challenge"})),
            };
        }
        if let Err(e) = self.verifier.verify(headers, body, TimeCheck::Skip) {
            return answer(401, json!({"error": e.code(), "message": e.to_string()}));
        }
        let mut results = Vec::new();
        for delivered in &event.readings {
            results.push(match self.record(delivered, now_ms) {
                Ok(result) => result,
                Err(e) => json!({"vehicle_id": delivered.vehicle_id, "status": "error", "message": e.to_string()}),
            });
        }
        answer(200, json!({"event_id": event.event_id, "readings": results}))
    }

    /// Judges, logs and (when accepted) stores one reading.
    fn record(&self, delivered: &fleetgate::smartcar::OdometerReading, now_ms: i64) -> rusqlite::Result<Value> {
        let Some(vehicle) = self.store.vehicle(&delivered.vehicle_id)? else {
            return Ok(json!({"vehicle_id": delivered.vehicle_id, "status": "ignored", "reason": "unknown_vehicle"}));
        };
        let Some(reading) = Reading::from_smartcar(delivered, Some(now_ms)) else {
            return Ok(json!({"vehicle_id": delivered.vehicle_id, "status": "ignored", "reason": "no_reading_time"}));
        };
        let history = self.store.history(&vehicle)?;
        let verdict = check(&history, &reading, &self.policy);
        self.store.log_reading(&vehicle, &reading, &verdict)?;
        let entry = meter_entry(
            &verdict,
            &reading,
            Ident::Int(vehicle.car_id),
            Ident::Int(vehicle.id),
            DEFAULT_SOURCE_TYPE,
            SyncKind::Webhook,
        );
        let entry_id = entry.as_ref().map(|e| self.store.insert_entry(e)).transpose()?;
        let duplicate_of = verdict.duplicate_of.and_then(|i| history.get(i)).and_then(Reading::ident);
        Ok(json!({
            "vehicle_id": delivered.vehicle_id,
            "event_id": reading.event_id,
            "status": verdict.status.as_str(),
            "reason": verdict.reason.map(|r| r.code()),
            "metres": verdict.metres,
            "allowed_range_m": verdict.allowed_range_m.map(|(lo, hi)| json!([lo, hi])),
            "duplicate_of": duplicate_of.map(|i| i.to_string()),
            "meter_entry_id": entry_id,
            "stored": verdict.status == Status::Accept,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::delivery;

    const AMT: &str = "test-application-management-token-42";

    fn receiver() -> Receiver {
        let store = Store::open(":memory:").expect("in-memory database");
        store.link_vehicle("veh-1", 17).expect("link");
        Receiver::new(store, AMT).expect("verifier")
    }

    fn signed(body: &str, amt: &str) -> Vec<(String, String)> {
        Verifier::smartcar(&[amt]).expect("verifier").sign(body.as_bytes(), None, None).expect("sign")
    }

    fn status_of(answer: &Answer) -> Value {
        serde_json::from_str::<Value>(&answer.body).expect("JSON")["readings"][0]["status"].clone()
    }

    #[test]
    fn signed_reading_is_stored_and_its_retry_is_not() {
        let r = receiver();
        let body = delivery("e1", "d1", "veh-1", "104.32", "km", 1_717_401_600_000);
        let first = r.handle(&signed(&body, AMT), body.as_bytes(), 1_717_401_630_000);
        assert_eq!((first.status, status_of(&first)), (200, Value::from("accept")));
        let retry = delivery("e1", "d1-again", "veh-1", "104.32", "km", 1_717_401_600_000);
        let second = r.handle(&signed(&retry, AMT), retry.as_bytes(), 1_717_401_655_000);
        assert_eq!((second.status, status_of(&second)), (200, Value::from("duplicate")));
        assert_eq!(r.store.entries().expect("entries").len(), 1);
        assert_eq!(r.store.log().expect("log").len(), 2);
    }

    #[test]
    fn forged_and_unsigned_deliveries_store_nothing() {
        let r = receiver();
        let body = delivery("e1", "d1", "veh-1", "104.32", "km", 1_717_401_600_000);
        let forged = r.handle(&signed(&body, "another-token-entirely-000000"), body.as_bytes(), 0);
        assert_eq!((forged.status, forged.body.contains("invalid_signature")), (401, true));
        let unsigned = r.handle(&[], body.as_bytes(), 0);
        assert_eq!((unsigned.status, unsigned.body.contains("missing_header")), (401, true));
        let tampered = body.replace("104.32", "904.32");
        let altered = r.handle(&signed(&body, AMT), tampered.as_bytes(), 0);
        assert_eq!(altered.status, 401);
        assert!(r.store.log().expect("log").is_empty());
    }

    #[test]
    fn verify_is_answered_without_a_signature_and_bad_json_is_400() {
        let r = receiver();
        let verify = r#"{"eventId":"v","eventType":"VERIFY","data":{"challenge":"abc"},"meta":{"webhookId":"w","deliveryId":"d","deliveredAt":1,"version":"4.0"}}"#;
        let answer = r.handle(&[], verify.as_bytes(), 0);
        assert_eq!(answer.status, 200);
        assert_eq!(answer.body, challenge_reply(AMT, "abc"));
        assert_eq!(r.handle(&[], b"{not json", 0).status, 400);
    }
}
