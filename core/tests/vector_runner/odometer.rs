//! Loader of `tests/vectors/odometer.json`: JSON readings and policies to core types, verdicts back to the JSON shape
//! every binding returns.

use fleetgate::odometer::{
    check, check_batch, meter_entry, Ident, OdometerError, Policy, RawValue, Reading, Status, SyncKind, TimeInput,
    Verdict,
};
use serde_json::{Map, Value as Json};

use crate::{code, float_arg, Outcome};

fn wrong(field: &str, problem: &str) -> OdometerError {
    OdometerError::InvalidReading { field: field.to_owned(), problem: problem.to_owned() }
}

fn ident(v: &Json) -> Option<Ident> {
    match v {
        Json::Number(n) => n.as_i64().map(Ident::Int),
        Json::String(s) => Some(Ident::Text(s.clone())),
        _ => None,
    }
}

fn text(obj: &Map<String, Json>, key: &str) -> Option<String> {
    obj.get(key).and_then(Json::as_str).map(str::to_owned)
}

fn time_input(v: &Json) -> Result<TimeInput<'_>, OdometerError> {
    match v {
        Json::Number(n) if n.is_i64() => Ok(TimeInput::Seconds(n.as_i64().unwrap_or_default())),
        Json::Number(n) => Ok(TimeInput::FractionalSeconds(n.as_f64().unwrap_or(f64::NAN))),
        Json::String(s) => Ok(TimeInput::Rfc3339(s)),
        _ => Err(wrong("reading_time", "must be unix seconds or an RFC 3339 string")),
    }
}

fn reading(v: &Json) -> Result<Reading, OdometerError> {
    let obj = v.as_object().ok_or_else(|| wrong("reading", "must be an object"))?;
    let value = match obj.get("value") {
        None => None,
        Some(Json::String(s)) => Some(RawValue::Text(s.clone())),
        Some(Json::Number(n)) if n.is_i64() => Some(RawValue::Integer(n.as_i64().unwrap_or_default())),
        Some(n @ (Json::Number(_) | Json::Object(_))) => {
            Some(RawValue::Number(float_arg(n).ok_or_else(|| wrong("value", "must be a number"))?))
        }
        Some(_) => return Err(wrong("value", "must be a number or a decimal string")),
    };
    let metres = match obj.get("metres") {
        None => None,
        Some(m) => Some(m.as_i64().ok_or_else(|| wrong("metres", "must be a whole number"))?),
    };
    let time = obj.get("reading_time").map(time_input).transpose()?.map(TimeInput::to_millis).transpose()?;
    let mut r = Reading::build(value, metres, text(obj, "unit"), time)?;
    r.event_id = text(obj, "event_id");
    r.source = text(obj, "source");
    r.id = obj.get("id").and_then(ident);
    r.status = text(obj, "status").and_then(|s| Status::parse(&s));
    r.received_time_ms = obj.get("received_time").map(time_input).transpose()?.map(TimeInput::to_millis).transpose()?;
    Ok(r)
}

fn readings(v: &Json) -> Result<Vec<Reading>, OdometerError> {
    v.as_array().expect("list of readings").iter().map(reading).collect()
}

fn policy(v: &Json) -> Result<Policy, OdometerError> {
    let mut p = Policy::default();
    if let Some(obj) = v.as_object() {
        if let Some(x) = obj.get("max_speed_kmh") {
            p.max_speed_kmh = x.as_f64().unwrap_or(f64::NAN);
        }
        if let Some(x) = obj.get("min_elapsed_s") {
            p.min_elapsed_s = x.as_i64().unwrap_or(-1);
        }
        if let Some(x) = obj.get("meter_digits") {
            p.meter_digits = x.as_u64().map(|d| u32::try_from(d).unwrap_or(u32::MAX));
        }
        if let Some(x) = obj.get("tolerance_m") {
            p.tolerance_m = x.as_i64().unwrap_or(-1);
        }
        if let Some(x) = obj.get("same_value_window_s") {
            p.same_value_window_s = x.as_i64();
        }
    }
    p.validate()?;
    Ok(p)
}

/// The verdict's JSON shape, with `duplicate_of` resolved to the matching reading's id.
fn verdict_json(v: &Verdict, pool: &[Reading]) -> Json {
    v.to_json(v.duplicate_of.and_then(|i| pool[i].ident()).as_ref())
}

fn run(function: &str, args: &[Json]) -> Result<Json, OdometerError> {
    match function {
        "check" => {
            let (history, candidate, policy) = (readings(&args[0])?, reading(&args[1])?, policy(&args[2])?);
            Ok(verdict_json(&check(&history, &candidate, &policy), &history))
        }
        "check_batch" => {
            let (all, policy) = (readings(&args[0])?, policy(&args[1])?);
            Ok(Json::Array(check_batch(&all, &policy).iter().map(|v| verdict_json(v, &all)).collect()))
        }
        "meter_entry" => {
            let (history, candidate) = (readings(&args[0])?, reading(&args[1])?);
            let verdict = check(&history, &candidate, &Policy::default());
            let options = args[4].as_object().cloned().unwrap_or_default();
            let source_type = text(&options, "source_type").unwrap_or_else(|| "manual".to_owned());
            let sync = SyncKind::parse(&text(&options, "sync").unwrap_or_else(|| "webhook".to_owned())).expect("sync");
            let (car, source) = (ident(&args[2]).expect("car id"), ident(&args[3]).expect("source id"));
            Ok(match meter_entry(&verdict, &candidate, car, source, &source_type, sync) {
                None => Json::Null,
                Some(e) => e.to_json(),
            })
        }
        other => panic!("unknown odometer function {other}"),
    }
}

pub fn load(function: &str, args: &[Json]) -> Outcome {
    run(function, args).map_err(code)
}
