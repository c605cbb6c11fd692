//! Unit tests of the odometer rules' edges; the shared vectors cover the documented cases.

use super::input::{decode_reading, reading_site};
use super::*;
use crate::boundary::Keys;

fn km(value: f64, seconds: i64) -> Reading {
    Reading::new(RawValue::Number(value), Some("km".into()), seconds * 1000)
}

#[test]
fn rollover_is_suspected_near_capacity() {
    let policy = Policy { meter_digits: Some(6), ..Policy::default() };
    let history = vec![km(999_000.0, 0)];
    let verdict = check(&history, &km(12.0, 86_400), &policy);
    assert_eq!(verdict.reason, Some(Reason::RolloverSuspected));
}

#[test]
fn unit_swap_is_recognised() {
    // 1000 km then 1000 km a day later reported as 621.371 "km" (really miles).
    let history = vec![km(1000.0, 0)];
    let verdict = check(&history, &km(621.4, 86_400), &Policy::default());
    assert_eq!(verdict.reason, Some(Reason::UnitMismatch));
}

#[test]
fn void_history_never_bounds() {
    let mut bogus = km(5000.0, 100);
    bogus.status = Some(Status::Void);
    let verdict = check(&[km(1000.0, 0), bogus], &km(1001.0, 86_400), &Policy::default());
    assert_eq!(verdict.status, Status::Accept);
}

#[test]
fn speed_floor_applies() {
    // 4 km in one second: with the 60 s floor that is 240 km/h, allowed; 5 km is 300 km/h.
    let policy = Policy::default();
    assert_eq!(check(&[km(1000.0, 0)], &km(1004.0, 1), &policy).status, Status::Accept);
    assert_eq!(check(&[km(1000.0, 0)], &km(1005.0, 1), &policy).reason, Some(Reason::ExceedsMaxRate));
}

#[test]
fn policy_validation() {
    assert!(Policy::default().validate().is_ok());
    let bad = Policy { max_speed_kmh: f64::NAN, ..Policy::default() };
    assert_eq!(bad.validate().unwrap_err().code(), "invalid_policy");
    let bad = Policy { meter_digits: Some(0), ..Policy::default() };
    assert_eq!(bad.validate().unwrap_err().code(), "invalid_policy");
}

#[test]
fn columns_must_line_up() {
    let columns = Columns {
        values: &[1.0, 2.0],
        units: batch::UnitColumn::Same("km"),
        times_ms: &[0],
        event_ids: None,
        sources: None,
    };
    assert!(check_columns(&columns, &Policy::default()).is_none());
    let units = UnitsInput::Each(vec!["km".into()]);
    let given = ColumnsInput { values: &[1.0, 2.0], units: &units, times: &[0.0, 1.0], event_ids: None, sources: None };
    let err = check_columns_input(&given, &Policy::default(), crate::boundary::Keys::Camel).unwrap_err();
    assert_eq!((err.code(), err.path()), ("invalid_reading", "units"));
    let units = UnitsInput::One("km".into());
    let given = ColumnsInput { values: &[1.0], units: &units, times: &[0.0001], event_ids: None, sources: None };
    let err = check_columns_input(&given, &Policy::default(), crate::boundary::Keys::Snake).unwrap_err();
    assert_eq!((err.code(), err.path()), ("invalid_time", "times[0]"));
}

#[test]
fn smartcar_readings_become_odometer_readings() {
    let body = br#"{"eventId":"evt-1","eventType":"VEHICLE_STATE","vehicleId":"veh-1","data":{"vehicle":{"id":"veh-1"},
        "signals":[{"code":"odometer-traveleddistance","name":"TraveledDistance","group":"Odometer",
        "body":{"unit":"kilometers","value":104321.70},"meta":{"oemUpdatedAt":1717200000000,"fetchedAt":1717200001000}}]},
        "meta":{"webhookId":"wh","deliveryId":"d1","deliveredAt":1717200002000,"version":"4.0"}}"#;
    let event = crate::smartcar::parse_event(body).expect("valid event");
    let reading = Reading::from_smartcar(&event.readings[0], Some(1_717_200_003_000)).expect("has a reading time");
    assert_eq!(reading.value, RawValue::Text("104321.70".into()));
    assert_eq!((reading.unit.as_deref(), reading.source.as_deref()), (Some("kilometers"), Some("smartcar")));
    assert_eq!((reading.event_id.as_deref(), reading.reading_time_ms), (Some("evt-1"), 1_717_200_000_000));
    assert_eq!(check(&[], &reading, &Policy::default()).metres, Some(104_321_700));
}

mod inputs {
    use super::super::input::{decode_policy, decode_reading, decode_readings, reading_site, POLICY_SITE};
    use super::super::*;
    use crate::boundary::{Keys, Site, Value};
    use serde_json::json;

    fn v(j: serde_json::Value) -> Value {
        Value::from(j)
    }

    #[test]
    fn policy_bounds_name_the_field_and_the_bound() {
        let err = decode_policy(v(json!({"same_value_window_s": 1_000_000_000_000_i64})), &POLICY_SITE).unwrap_err();
        assert_eq!((err.code(), err.path()), ("invalid_policy", "same_value_window_s"));
        let details = crate::error::ErrorCode::details(&err);
        assert_eq!(details["max"], json!(MAX_WINDOW_S));
        let err = decode_policy(v(json!({"maxSpeedKmh": 250.0001})), &POLICY_SITE.camel()).unwrap_err();
        assert_eq!((err.code(), err.path()), ("invalid_policy", "maxSpeedKmh"));
        assert!(decode_policy(v(json!({"max_speed_kmh": 250.125})), &POLICY_SITE).is_ok());
        let err = decode_policy(v(json!({"max_speed_kmh": "250"})), &POLICY_SITE).unwrap_err();
        assert_eq!((err.code(), err.path()), ("invalid_policy", "max_speed_kmh"));
        let err = decode_policy(v(json!({"colour": 1})), &POLICY_SITE).unwrap_err();
        assert_eq!(err.code(), "invalid_policy");
        assert_eq!(decode_policy(Value::Null, &POLICY_SITE).unwrap(), Policy::default());
    }

    #[test]
    fn reading_problems_carry_their_path() {
        let site = reading_site("history").camel();
        let list =
            json!([{"value": 1, "unit": "km", "readingTime": 0}, {"value": 1, "unit": "km", "readingTime": "noon"}]);
        let err = decode_readings(v(list), &site).unwrap_err();
        assert_eq!((err.code(), err.path()), ("invalid_time", "[1].readingTime"));
        let err = decode_reading(v(json!({"value": 1, "unit": "km"})), &reading_site("candidate")).unwrap_err();
        assert_eq!((err.code(), err.path()), ("invalid_reading", "reading_time"));
        let err =
            decode_reading(v(json!({"value": true, "unit": "km", "reading_time": 0})), &reading_site("c")).unwrap_err();
        assert_eq!((err.code(), err.path()), ("invalid_reading", "value"));
        let err =
            decode_reading(v(json!({"value": 1, "unit": "km", "reading_time": 0, "id": 7.5})), &reading_site("c"))
                .unwrap_err();
        assert_eq!((err.code(), err.path()), ("invalid_reading", "id"));
    }

    #[test]
    fn whole_float_ids_are_integers_and_nan_values_are_void() {
        let given = Value::Map(vec![
            ("value".into(), Value::Float(f64::NAN)),
            ("unit".into(), Value::Str("km".into())),
            ("reading_time".into(), Value::Int(0)),
            ("id".into(), Value::Float(7.0)),
        ]);
        let reading = decode_reading(given, &reading_site("candidate")).unwrap();
        assert_eq!(reading.id, Some(Ident::Int(7)));
        let verdict = check(&[], &reading, &Policy::default());
        assert_eq!((verdict.status, verdict.reason), (Status::Void, Some(Reason::InvalidValue)));
    }

    #[test]
    fn meter_entries_come_from_checked_verdicts_of_the_same_reading() {
        let reading = super::km(1000.0, 0);
        let checked = check_checked(&[], reading.clone(), &Policy::default());
        let options = |extra: serde_json::Value| -> MeterEntryOptions {
            let mut o = json!({"car_id": 17, "source_id": 3});
            o.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
            crate::boundary::decode(v(o), &Site::options("odometer")).unwrap()
        };
        let entry = checked.meter_entry(&options(json!({})), Keys::Snake).unwrap().unwrap();
        assert_eq!(
            (entry.source_type.as_str(), entry.notes.as_str()),
            ("manual", "Automatically synced from Smartcar")
        );
        let entry = checked.meter_entry(&options(json!({"sync": "manual"})), Keys::Snake).unwrap().unwrap();
        assert!(entry.notes.ends_with("(manual sync)"));
        let other = decode_reading(v(json!({"value": 1001, "unit": "km", "reading_time": 0})), &reading_site("r"));
        assert_eq!(checked.require_reading(&other.unwrap()).unwrap_err().code(), "invalid_argument");
        assert!(checked.require_reading(&reading).is_ok());
        let missing: MeterEntryOptions =
            crate::boundary::decode(v(json!({"car_id": 1})), &Site::options("odometer")).unwrap();
        let err = checked.meter_entry(&missing, Keys::Camel).unwrap_err();
        assert_eq!((err.code(), err.path()), ("invalid_option", "sourceId"));
    }
}

#[test]
fn current_does_not_depend_on_the_order_of_the_history() {
    let mut history = vec![km(1000.0, 0), km(1100.0, 7200), km(900.0, 9000), km(1100.0, 7200), km(1150.0, 9600)];
    for (i, r) in history.iter_mut().enumerate() {
        r.id = Some(Ident::Int(i as i64));
    }
    history[3].source = Some("manual".into()); // same time and value, another source: both accepted
    let found = current(&history, &Policy::default()).expect("an accepted reading");
    assert_eq!((found.index, found.metres), (4, 1_150_000));
    let mut reversed = history.clone();
    reversed.reverse();
    let again = current(&reversed, &Policy::default()).unwrap();
    assert_eq!((reversed[again.index].id.clone(), again.metres), (Some(Ident::Int(4)), 1_150_000));
    // Without the newest one, two accepted readings share the latest time: the first in history order wins.
    history.pop();
    assert_eq!(current(&history, &Policy::default()).unwrap().index, 1);
    history.swap(1, 3);
    assert_eq!(current(&history, &Policy::default()).unwrap().index, 1);
    assert_eq!(current(&[], &Policy::default()), None);
}

#[test]
fn a_smartcar_reading_round_trips_through_the_input_shape() {
    let given = SmartcarReadingInput {
        event_id: Some("evt-1".into()),
        raw_value: Some(input::ValueInput::Text("104.320".into())),
        raw_unit: Some("kilometers".into()),
        read_at_ms: Some(1_717_200_000_250),
        ..SmartcarReadingInput::default()
    };
    let reading =
        reading_from_smartcar(given, &FromSmartcarOptions::default(), || 1_717_200_001_000, Keys::Camel).unwrap();
    assert_eq!(reading.received_time_ms, Some(1_717_200_001_000), "the clock when no received time is given");
    let shape = reading.to_input_json(Keys::Camel);
    assert_eq!(shape["readingTime"], "2024-06-01T00:00:00.250Z");
    let back = decode_reading(crate::boundary::Value::from(shape), &reading_site("r").camel()).unwrap();
    assert_eq!(back, reading);
    assert_eq!(delivery::smartcar_value("1.5e2"), RawValue::Number(150.0));
}
