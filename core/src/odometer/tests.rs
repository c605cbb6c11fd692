//! Unit tests of the odometer rules' edges; the shared vectors cover the documented cases.

use super::*;

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
