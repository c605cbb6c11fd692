//! Loader of `tests/vectors/smartcar.json` (shapes documented in `tests/vectors/reference/smartcar.py`).

use fleetgate::smartcar;
use serde_json::{json, Value as Json};

use crate::{body_arg, code, Outcome};

pub fn load(function: &str, args: &[Json]) -> Outcome {
    match function {
        // The event's serde shape is what every binding hands out (Python reads it as is, JS in camelCase).
        "parse_event" => smartcar::parse_event(&body_arg(&args[0]))
            .map(|event| serde_json::to_value(event).expect("an event serializes"))
            .map_err(code),
        "challenge_reply" => {
            Ok(json!(smartcar::challenge_reply(args[0].as_str().expect("amt"), args[1].as_str().expect("challenge"))))
        }
        other => panic!("unknown smartcar function {other}"),
    }
}
