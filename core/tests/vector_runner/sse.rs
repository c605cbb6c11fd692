//! Loader of `tests/vectors/sse.json`.

use fleetgate::sse::{self, Decoder, Event};
use serde_json::{json, Value as Json};

use crate::{body_arg, code, Outcome};

fn decoded(decoder: &mut Decoder, chunks: &[Vec<u8>]) -> Json {
    let events: Vec<Event> = chunks.iter().flat_map(|c| decoder.feed(c)).collect();
    let events: Vec<Json> = events.iter().map(|e| json!({"event": e.event, "data": e.data, "id": e.id})).collect();
    json!({"events": events, "last_event_id": decoder.last_event_id(), "retry": decoder.retry_ms()})
}

pub fn load(function: &str, args: &[Json]) -> Outcome {
    let text = |i: usize| args[i].as_str();
    match function {
        "encode" => {
            sse::encode(text(0).expect("data"), text(1), text(2), args[3].as_u64()).map(Json::from).map_err(code)
        }
        "comment" => Ok(Json::from(sse::comment(text(0).expect("text")))),
        "decode" | "decode_text" => {
            let chunks: Vec<Vec<u8>> = args[0].as_array().expect("chunks").iter().map(body_arg).collect();
            Ok(decoded(&mut Decoder::new(), &chunks))
        }
        "roundtrip" => {
            let wire = sse::encode(text(0).expect("data"), text(1), text(2), None).map_err(code)?;
            Ok(decoded(&mut Decoder::new(), &[wire.into_bytes()]))
        }
        "reconnect" => {
            let chunks: Vec<Vec<u8>> = args[0].as_array().expect("chunks").iter().map(body_arg).collect();
            let mut decoder = Decoder::new();
            chunks.iter().for_each(|c| drop(decoder.feed(c)));
            let mut backoff = crate::retry::backoff(&args[1]).map_err(code)?;
            let attempts = args[2].as_array().expect("attempts");
            let next = |a: &Json| match decoder.reconnect(&mut backoff, a.as_u64().expect("attempt") as u32) {
                Some((delay, id)) => json!([delay as f64 / 1e6, id]),
                None => Json::Null,
            };
            Ok(attempts.iter().map(next).collect())
        }
        other => panic!("unknown sse function {other}"),
    }
}
