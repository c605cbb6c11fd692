//! Loader of `tests/vectors/availability.json`.

use fleetgate::availability as av;
use serde_json::Value as Json;

use crate::{code, Outcome};

/// `unavailable`: `[bookings, from, to]`; `available` / `timeline`: `[stock, bookings, from, to]`;
/// `free_units`: `[units, bookings, from, to]`.
pub fn load(function: &str, args: &[Json]) -> Outcome {
    match function {
        "unavailable" => av::unavailable_json(&args[0], &args[1], &args[2]),
        "available" => av::available_json(&args[0], &args[1], &args[2], &args[3]),
        "timeline" => av::timeline_json(&args[0], &args[1], &args[2], &args[3]),
        "free_units" => av::free_units_json(&args[0], &args[1], &args[2], &args[3]),
        other => panic!("unknown availability function {other}"),
    }
    .map_err(code)
}
