//! Loader of `tests/vectors/retry.json`.

use fleetgate::ratelimit::micros_from_seconds;
use fleetgate::retry::{self, Backoff, Jitter, RetryError};
use serde_json::Value as Json;

use crate::{code, Outcome};

fn micros(value: &Json) -> i64 {
    micros_from_seconds(value.as_f64().expect("seconds")).expect("seconds in range")
}

pub fn backoff(config: &Json) -> Result<Backoff, RetryError> {
    let max_elapsed = (!config["max_elapsed"].is_null()).then(|| micros(&config["max_elapsed"]));
    Backoff::new(
        Jitter::parse(config["kind"].as_str().expect("kind"))?,
        micros(&config["base"]),
        micros(&config["cap"]),
        config["max_attempts"].as_u64().expect("max_attempts") as u32,
        max_elapsed,
        config["seed"].as_u64().expect("seed"),
    )
}

fn seconds(us: i64) -> Json {
    Json::from(us as f64 / 1e6)
}

pub fn load(function: &str, args: &[Json]) -> Outcome {
    let result = match function {
        "delays" => backoff(&args[0]).map(|b| b.delays().into_iter().map(seconds).collect()),
        "next_delays" => backoff(&args[0]).map(|mut b| {
            let calls = args[1].as_array().expect("calls");
            let next = |c: &Json| {
                let retry_after = (!c[1].is_null()).then(|| micros(&c[1]));
                b.next_delay(c[0].as_u64().expect("attempt") as u32, retry_after).map_or(Json::Null, seconds)
            };
            calls.iter().map(next).collect()
        }),
        "parse_retry_after" => {
            let now = micros(&args[1]);
            retry::parse_retry_after(args[0].as_str().expect("value"), now).map(seconds)
        }
        "is_retryable" => {
            let status = args[0].as_i64();
            retry::is_retryable(status, args[1].as_str().expect("method"), args[2].as_bool().expect("key"))
                .map(Json::from)
        }
        other => panic!("unknown retry function {other}"),
    };
    result.map_err(code)
}
