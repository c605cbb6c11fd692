//! Loader of `tests/vectors/smartcar.json` (shapes documented in `tests/vectors/reference/smartcar.py`).

use fleetgate::smartcar::{self, Event};
use serde_json::{json, Value as Json};

use crate::{body_arg, code, Outcome};

fn event_json(e: Event) -> Json {
    let readings: Vec<Json> = e
        .readings
        .into_iter()
        .map(|r| {
            json!({"vehicle_id": r.vehicle_id, "event_id": r.event_id, "delivery_id": r.delivery_id,
                   "raw_value": r.raw_value, "raw_unit": r.raw_unit, "metres": r.metres,
                   "read_at_ms": r.read_at_ms, "fetched_at_ms": r.fetched_at_ms})
        })
        .collect();
    let issues: Vec<Json> = e
        .issues
        .into_iter()
        .map(|i| {
            json!({"error_type": i.error_type, "code": i.code, "state": i.state,
                   "description": i.description, "signal": i.signal})
        })
        .collect();
    json!({"event_type": e.event_type, "legacy": e.legacy, "event_id": e.event_id, "webhook_id": e.webhook_id,
           "delivery_id": e.delivery_id, "delivered_at": e.delivered_at, "mode": e.mode, "vehicle_id": e.vehicle_id,
           "challenge": e.challenge, "readings": readings, "issues": issues})
}

pub fn load(function: &str, args: &[Json]) -> Outcome {
    match function {
        "parse_event" => smartcar::parse_event(&body_arg(&args[0])).map(event_json).map_err(code),
        "challenge_reply" => {
            Ok(json!(smartcar::challenge_reply(args[0].as_str().expect("amt"), args[1].as_str().expect("challenge"))))
        }
        other => panic!("unknown smartcar function {other}"),
    }
}
