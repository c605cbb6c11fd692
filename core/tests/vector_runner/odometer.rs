//! Loader of `tests/vectors/odometer.json`: the vectors' JSON arguments go through the same decoders every binding
//! uses (`fleetgate::odometer::input`), verdicts come back in their shared JSON shape.

use fleetgate::boundary::{decode, Keys, Site, Value};
use fleetgate::odometer::input::{decode_policy, decode_reading, decode_readings, reading_site, POLICY_SITE};
use fleetgate::odometer::{
    check_batch_checked, check_checked, check_columns_input, current, decode_from_smartcar_options,
    decode_smartcar_reading, reading_from_smartcar, ColumnsInput, MeterEntryOptions, OdometerError, Policy, Reading,
    UnitsInput, REASON_CODES, SMARTCAR_READING_SITE, STATUS_CODES,
};
use fleetgate::smartcar::parse_event;
use serde_json::{json, Value as Json};

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

/// The readings of the Smartcar body `body` through `reading_from_smartcar`, each passed as the core serialises
/// `smartcar::OdometerReading` (the shape the bindings hand out), with `options`.
fn smartcar_readings(body: &Json, options: &Json) -> Result<Vec<Reading>, OdometerError> {
    let event = parse_event(body.as_str().expect("a body").as_bytes()).expect("a valid Smartcar body");
    let options = decode_from_smartcar_options(value(options), &Site::options("odometer"))?;
    let no_clock = || panic!("the vectors give the received time");
    event
        .readings
        .iter()
        .map(|r| {
            let given = decode_smartcar_reading(value(&json(r)), &SMARTCAR_READING_SITE)?;
            reading_from_smartcar(given, &options, no_clock, Keys::Snake)
        })
        .collect()
}

fn entry_options(options: &Json, car_id: &Json, source_id: &Json) -> Result<MeterEntryOptions, OdometerError> {
    let mut options = value(options);
    if let Value::Map(entries) = &mut options {
        entries.push(("car_id".into(), value(car_id)));
        entries.push(("source_id".into(), value(source_id)));
    }
    Ok(decode(options, &Site::options("odometer"))?)
}

fn column<T: serde::de::DeserializeOwned>(arg: &Json) -> Result<T, OdometerError> {
    Ok(decode(value(arg), &reading_site("columns"))?)
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
            let options = entry_options(&args[4], &args[2], &args[3])?;
            Ok(json(&checked.meter_entry(&options, Keys::Snake)?))
        }
        "current" => {
            let history = decode_readings(value(&args[0]), &reading_site("history"))?;
            Ok(json(&current(&history, &policy(&args[1])?)))
        }
        "reading_from_smartcar" => {
            let readings = smartcar_readings(&args[0], &args[1])?;
            Ok(Json::Array(readings.iter().map(|r| r.to_input_json(Keys::Snake)).collect()))
        }
        "smartcar_meter_entry" => {
            let history = decode_readings(value(&args[1]), &reading_site("history"))?;
            let options = entry_options(&args[4], &args[2], &args[3])?;
            let mut out = Vec::new();
            for reading in smartcar_readings(&args[0], &args[5])? {
                // The reading goes to check exactly as reading_from_smartcar hands it to a binding's caller.
                let given = decode_reading(value(&reading.to_input_json(Keys::Snake)), &reading_site("candidate"))?;
                let checked = check_checked(&history, given, &Policy::default());
                let entry = checked.meter_entry(&options, Keys::Snake)?;
                out.push(json!({"verdict": json(&checked), "meter_entry": json(&entry)}));
            }
            Ok(Json::Array(out))
        }
        "check_batch_columns" => {
            let values: Vec<f64> = column(&args[0])?;
            let units: UnitsInput = column(&args[1])?;
            let times: Vec<f64> = column(&args[2])?;
            let event_ids: Option<Vec<Option<String>>> = column(&args[3])?;
            let sources: Option<Vec<Option<String>>> = column(&args[4])?;
            let given = ColumnsInput {
                values: &values,
                units: &units,
                times: &times,
                event_ids: event_ids.as_deref(),
                sources: sources.as_deref(),
            };
            let verdicts = check_columns_input(&given, &policy(&args[5])?, Keys::Snake)?;
            let reason = |v: &fleetgate::odometer::Verdict| match v.reason_index() {
                0 => Json::Null,
                i => json!(REASON_CODES[usize::from(i)]),
            };
            Ok(json!({
                "status": verdicts.iter().map(|v| STATUS_CODES[usize::from(v.status_index())]).collect::<Vec<_>>(),
                "reason": verdicts.iter().map(reason).collect::<Vec<_>>(),
                "metres": verdicts.iter().map(|v| v.metres).collect::<Vec<_>>(),
                "duplicate_of": verdicts.iter().map(|v| usize::try_from(v.duplicate_index()).ok()).collect::<Vec<_>>(),
            }))
        }
        other => panic!("unknown odometer function {other}"),
    }
}

pub fn load(function: &str, args: &[Json]) -> Outcome {
    run(function, args).map_err(code)
}
