//! Availability over bookings: `[bookings, from, to]` or `[stock, bookings, from, to]` (the vectors' arguments).
#![no_main]

use fleetgate::availability::{available_json, free_units_json, timeline_json, unavailable_json};
use fleetgate_fuzz::json_args;
use libfuzzer_sys::fuzz_target;
use serde_json::Value as Json;

fuzz_target!(|data: &[u8]| {
    let Some(args) = json_args(data) else { return };
    let get = |i: usize| args.get(i).cloned().unwrap_or(Json::Null);
    let _ = unavailable_json(&get(0), &get(1), &get(2));
    let _ = available_json(&get(0), &get(1), &get(2), &get(3));
    let _ = timeline_json(&get(0), &get(1), &get(2), &get(3));
    let _ = free_units_json(&get(0), &get(1), &get(2), &get(3));
});
