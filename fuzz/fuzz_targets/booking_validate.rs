//! Booking validation: `[request, rules, now]` (a validate vector's arguments). Errors are collected, and a
//! request that validates validates again, unchanged, once cleaned.
#![no_main]

use fleetgate::booking::validate_json;
use fleetgate_fuzz::json_args;
use libfuzzer_sys::fuzz_target;
use serde_json::Value as Json;

fuzz_target!(|data: &[u8]| {
    let Some(args) = json_args(data) else { return };
    let get = |i: usize| args.get(i).cloned().unwrap_or(Json::Null);
    match validate_json(&get(0), &get(1), &get(2)) {
        Ok(cleaned) => {
            // The cleaned request (its input fields; the derived ones such as `start` are not input) is valid
            // again and cleans to itself.
            let fields =
                ["vehicle_id", "customer_name", "customer_email", "customer_phone", "date_from", "date_to", "notes"];
            let mut input = cleaned.clone();
            if let Some(map) = input.as_object_mut() {
                map.retain(|k, _| fields.contains(&k.as_str()));
            }
            let again = validate_json(&input, &get(1), &get(2)).expect("a cleaned request stays valid");
            assert_eq!(again, cleaned);
        }
        Err(e) => {
            let _ = e.errors_json();
        }
    }
});
