//! Odometer readings as objects: `[readings, policy]` (a check_batch vector's arguments), read with the bindings'
//! shared rules (`odometer::input`), then judged as a batch and one at a time.
#![no_main]

use fleetgate::odometer::input::{policy_from, reading_from, Naming, Scalar};
use fleetgate::odometer::{check, check_batch, Policy, Reading};
use fleetgate_fuzz::json_args;
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value as Json};

fn scalar(value: Option<&Json>) -> Scalar {
    match value {
        None | Some(Json::Null) => Scalar::Absent,
        Some(Json::Number(n)) => {
            n.as_i64().map(Scalar::Int).unwrap_or_else(|| Scalar::Number(n.as_f64().unwrap_or(f64::NAN)))
        }
        Some(Json::String(s)) => Scalar::Text(s.clone()),
        Some(other) => Scalar::Other(if other.is_array() { "list" } else { "object" }.to_owned()),
    }
}

fn keys(map: &Map<String, Json>) -> Vec<String> {
    map.keys().cloned().collect()
}

fuzz_target!(|data: &[u8]| {
    let Some(args) = json_args(data) else { return };
    let policy = match args.get(1).and_then(Json::as_object) {
        Some(p) => match policy_from(Naming::Snake, &keys(p), |k| scalar(p.get(k))) {
            Ok(policy) => policy,
            Err(_) => return,
        },
        None => Policy::default(),
    };
    let Some(list) = args.first().and_then(Json::as_array) else { return };
    let readings: Vec<Reading> = list
        .iter()
        .filter_map(Json::as_object)
        .filter_map(|o| reading_from(Naming::Snake, &keys(o), |k| scalar(o.get(k))).ok())
        .collect();
    let verdicts = check_batch(&readings, &policy);
    assert_eq!(verdicts.len(), readings.len());
    for (r, v) in readings.iter().zip(&verdicts) {
        if let Some(j) = v.duplicate_of {
            assert!(j < readings.len());
        }
        let _ = check(&readings, r, &policy);
    }
});
