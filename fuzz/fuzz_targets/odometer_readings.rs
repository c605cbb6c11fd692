//! Odometer readings as objects: `[readings, policy]` (a check_batch vector's arguments), decoded through the
//! boundary at the bindings' sites (`odometer::input`), then judged as a batch and one at a time.
#![no_main]

use fleetgate::boundary::Value;
use fleetgate::odometer::input::{decode_policy, decode_readings, reading_site, POLICY_SITE};
use fleetgate::odometer::{check, check_batch};
use fleetgate_fuzz::json_args;
use libfuzzer_sys::fuzz_target;
use serde_json::Value as Json;

fuzz_target!(|data: &[u8]| {
    let Some(args) = json_args(data) else { return };
    let get = |i: usize| Value::from(args.get(i).cloned().unwrap_or(Json::Null));
    let Ok(policy) = decode_policy(get(1), &POLICY_SITE) else { return };
    let Ok(readings) = decode_readings(get(0), &reading_site("readings")) else { return };
    let verdicts = check_batch(&readings, &policy);
    assert_eq!(verdicts.len(), readings.len());
    for (r, v) in readings.iter().zip(&verdicts) {
        if let Some(j) = v.duplicate_of {
            assert!(j < readings.len());
        }
        let _ = check(&readings, r, &policy);
    }
});
