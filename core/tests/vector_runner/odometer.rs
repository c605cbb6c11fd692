//! Loader of `tests/vectors/odometer.json`: the vectors' JSON arguments go through the same decoders every binding
//! uses (`fleetgate::odometer::input`), verdicts come back in their shared JSON shape.

use fleetgate::boundary::{decode, Site, Value};
use fleetgate::odometer::input::{decode_policy, decode_reading, decode_readings, reading_site, POLICY_SITE};
use fleetgate::odometer::{check_batch_checked, check_checked, MeterEntryOptions, OdometerError, Policy};
use serde_json::Value as Json;

use crate::{code, float_arg, Outcome};

/// A vector argument as a host value: `{"$float": ...}` is that float, and whole numbers are integers (as the
/// bindings' walk makes them).
fn value(arg: &Json) -> Value {
    match arg {
        Json::Object(o) if o.contains_key("$float") => Value::Float(float_arg(arg).expect("$float")),
        Json::Object(o) => Value::Map(o.iter().map(|(k, v)| (k.clone(), value(v))).collect()),
        Json::Array(items) => Value::List(items.iter().map(value).collect()),
        Json::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => Value::Int(i),
            (None, Some(f)) if f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_992.0 => Value::Int(f as i64),
            (None, f) => Value::Float(f.unwrap_or(f64::NAN)),
        },
        other => Value::from(other.clone()),
    }
}

fn json<T: serde::Serialize>(v: &T) -> Json {
    serde_json::to_value(v).expect("serialisable")
}

fn run(function: &str, args: &[Json]) -> Result<Json, OdometerError> {
    let policy = |arg: &Json| decode_policy(value(arg), &POLICY_SITE);
    match function {
        "check" => {
            let history = decode_readings(value(&args[0]), &reading_site("history"))?;
            let candidate = decode_reading(value(&args[1]), &reading_site("candidate"))?;
            Ok(json(&check_checked(&history, candidate, &policy(&args[2])?)))
        }
        "check_batch" => {
            let all = decode_readings(value(&args[0]), &reading_site("readings"))?;
            Ok(json(&check_batch_checked(all, &policy(&args[1])?)))
        }
        "meter_entry" => {
            let history = decode_readings(value(&args[0]), &reading_site("history"))?;
            let candidate = decode_reading(value(&args[1]), &reading_site("candidate"))?;
            let checked = check_checked(&history, candidate, &Policy::default());
            let mut options = value(&args[4]);
            if let Value::Map(entries) = &mut options {
                entries.push(("car_id".into(), value(&args[2])));
                entries.push(("source_id".into(), value(&args[3])));
            }
            let options: MeterEntryOptions = decode(options, &Site::options("odometer"))?;
            Ok(json(&checked.meter_entry(&options, fleetgate::boundary::Keys::Snake)?))
        }
        other => panic!("unknown odometer function {other}"),
    }
}

pub fn load(function: &str, args: &[Json]) -> Outcome {
    run(function, args).map_err(code)
}
