//! Booking validation: `[request, rules, now]` (a validate vector's arguments), decoded through the boundary as
//! every binding does. Errors are collected, and a request that validates validates again, unchanged, once
//! cleaned.
#![no_main]

use fleetgate::booking::{self, site};
use fleetgate::boundary::Value;
use fleetgate_fuzz::json_args;
use libfuzzer_sys::fuzz_target;
use serde_json::Value as Json;

fuzz_target!(|data: &[u8]| {
    let Some(args) = json_args(data) else { return };
    let get = |i: usize| args.get(i).cloned().unwrap_or(Json::Null);
    let Ok(request) = Value::from(get(0)).into_json(&site::REQUEST) else { return };
    let options = Value::Map(vec![("rules".into(), Value::from(get(1))), ("now".into(), Value::from(get(2)))]);
    let Ok(options) = booking::decode_options(options, &site::OPTIONS) else { return };
    let now = options.now_or(|| 1_700_000_000);
    if let Ok(cleaned) = booking::validate(&request, &options.rules, now) {
        // The cleaned request (its input fields; the derived ones such as `start` are not input) is valid again
        // and cleans to itself.
        let fields =
            ["vehicle_id", "customer_name", "customer_email", "customer_phone", "date_from", "date_to", "notes"];
        let mut input = serde_json::to_value(&cleaned).expect("a clean booking serializes");
        if let Some(map) = input.as_object_mut() {
            map.retain(|k, v| fields.contains(&k.as_str()) && !v.is_null());
        }
        let again = booking::validate(&input, &options.rules, now).expect("a cleaned request stays valid");
        assert_eq!(again, cleaned);
    }
});
