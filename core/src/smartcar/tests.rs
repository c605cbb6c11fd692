//! Unit tests of the Smartcar parser's edges (the cases every binding runs are in tests/vectors/smartcar.json).

use super::*;

fn state(data: &str, extra: &str) -> Result<Event, SmartcarError> {
    parse_event(
        format!(r#"{{"eventId":"e","eventType":"VEHICLE_STATE","vehicleId":"v","data":{data}{extra}}}"#).as_bytes(),
    )
}

fn field(err: SmartcarError) -> String {
    match err {
        SmartcarError::InvalidPayload { field, .. } => field,
    }
}

#[test]
fn triggers_of_both_forms_share_one_shape() {
    let event = state(
        r#"{"triggers":[{"code":"odometer-traveleddistance","name":"TraveledDistance","group":"Odometer"},{"code":"FIRST_DELIVERY"}]}"#,
        r#","triggers":[{"type":"SIGNAL_UPDATED","signal":"Odometer.TraveledDistance"},{"type":"SIGNAL_UPDATED","signal":{"code":"charge-ischarging"}},{"type":"FIRST_DELIVERY"}]"#,
    )
    .unwrap();
    let kinds: Vec<(&str, Option<&str>, &str)> =
        event.triggers.iter().map(|t| (t.trigger_type.as_str(), t.code.as_deref(), t.source.as_str())).collect();
    assert_eq!(
        kinds,
        [
            ("SIGNAL_UPDATED", Some("odometer-traveleddistance"), "data.triggers"),
            ("FIRST_DELIVERY", None, "data.triggers"),
            ("SIGNAL_UPDATED", Some("odometer-traveleddistance"), "triggers"),
            ("SIGNAL_UPDATED", Some("charge-ischarging"), "triggers"),
            ("FIRST_DELIVERY", None, "triggers"),
        ]
    );
    assert_eq!(event.triggers[2].group.as_deref(), Some("Odometer"));
    assert_eq!(event.triggers[2].name.as_deref(), Some("TraveledDistance"));
}

#[test]
fn a_trigger_without_type_or_code_is_refused() {
    assert_eq!(field(state("{}", r#","triggers":[{"signal":{}}]"#).unwrap_err()), "triggers[0]");
    assert_eq!(field(state(r#"{"triggers":[1]}"#, "").unwrap_err()), "data.triggers[0]");
}

#[test]
fn every_signal_is_kept_with_its_body() {
    let event = state(
        r#"{"signals":[{"code":"location-preciselocation","name":"PreciseLocation","group":"Location","body":{"latitude":37.5,"nested":[1,{"a":null}]},"meta":{"retrievedAt":5}}]}"#,
        "",
    )
    .unwrap();
    let signal = &event.signals[0];
    assert_eq!(signal.body.as_ref().unwrap()["nested"], serde_json::json!([1, {"a": null}]));
    assert_eq!((signal.oem_updated_at_ms, signal.fetched_at_ms), (None, Some(5)));
    assert!(event.readings.is_empty());
}

#[test]
fn a_signal_body_must_be_an_object_and_its_meta_instants_are_checked() {
    let bad_body = state(r#"{"signals":[{"code":"x","body":[1]}]}"#, "").unwrap_err();
    assert_eq!(field(bad_body), "data.signals[0].body");
    let huge = state(r#"{"signals":[{"code":"x","body":{"v":1e400}}]}"#, "").unwrap_err();
    assert_eq!(field(huge), "data.signals[0].body");
    let late = state(r#"{"signals":[{"code":"x","meta":{"oemUpdatedAt":253402300800000}}]}"#, "").unwrap_err();
    assert_eq!(field(late), "data.signals[0].meta.oemUpdatedAt");
}

#[test]
fn delivered_at_is_read_in_milliseconds_when_it_can_be() {
    let at = |given: &str| {
        let body = format!(
            r#"{{"eventId":"e","eventType":"VERIFY","data":{{"challenge":"c"}},"meta":{{"deliveredAt":{given}}}}}"#
        );
        let event = parse_event(body.as_bytes()).unwrap();
        (event.delivered_at.unwrap(), event.delivered_at_ms)
    };
    assert_eq!(at("1731000000123"), ("1731000000123".to_owned(), Some(1_731_000_000_123)));
    assert_eq!(at(r#""2025-07-31T19:38:42.332Z""#).1, Some(1_753_990_722_332));
    assert_eq!(at(r#""2025-07-31T21:38:42.332999+02:00""#).1, Some(1_753_990_722_332));
    assert_eq!(at(r#""1731000000123""#).1, Some(1_731_000_000_123));
    for unreadable in [r#""yesterday""#, "1.5", "-1", "253402300800000", r#""1960-01-01T00:00:00Z""#] {
        assert_eq!(at(unreadable).1, None, "{unreadable}");
    }
}

#[test]
fn counts_and_years_are_integers() {
    let year =
        |y: &str| state(&format!(r#"{{"vehicle":{{"id":"v","year":{y}}}}}"#), "").map(|e| e.vehicle.unwrap().year);
    assert_eq!(year("2020").unwrap(), Some(2020));
    assert_eq!(year(r#""2021""#).unwrap(), Some(2021));
    assert_eq!(year("null").unwrap(), None);
    for bad in ["2020.5", r#""20x""#, r#""""#, "-1", "true", "9007199254740992"] {
        assert_eq!(field(year(bad).unwrap_err()), "data.vehicle.year", "{bad}");
    }
}

#[test]
fn issue_variants_are_read_tolerantly() {
    let event = parse_event(
        br#"{"eventId":"e","eventType":"VEHICLE_ERROR","vehicleId":"v","data":{"errors":[
        {"type":"CONNECTED_SERVICES_ACCOUNT","code":"AUTHENTICATION_FAILED","resolution":{"type":"REAUTHENTICATE","url":"https://connect.example.invalid/x"},"docUrl":"d","signals":["odometer-traveleddistance"]},
        {"type":"PERMISSION","code":null,"resolution":"RETRY_LATER"},
        {"resolution":{"type":null}}]}}"#,
    )
    .unwrap();
    let first = &event.issues[0];
    assert_eq!(first.resolution.as_deref(), Some("REAUTHENTICATE"));
    assert_eq!(first.resolution_url.as_deref(), Some("https://connect.example.invalid/x"));
    assert_eq!(first.doc_url.as_deref(), Some("d"));
    assert_eq!(first.signals, [SignalRef { code: Some(ODOMETER_SIGNAL.to_owned()), name: None, group: None }]);
    assert_eq!((event.issues[1].code.as_deref(), event.issues[1].resolution.as_deref()), (None, Some("RETRY_LATER")));
    assert_eq!(event.issues[2].resolution, None);
    let bad = parse_event(
        br#"{"eventId":"e","eventType":"VEHICLE_ERROR","vehicleId":"v","data":{"errors":[{"resolution":5}]}}"#,
    );
    assert_eq!(field(bad.unwrap_err()), "data.errors[0].resolution");
}

#[test]
fn a_failed_odometer_signal_is_a_signal_and_an_issue_not_a_reading() {
    let event = state(
        r#"{"signals":[{"code":"odometer-traveleddistance","status":{"value":"ERROR","error":{"type":"VEHICLE_STATE","code":"ASLEEP","suggestedUserMessage":"Wake it"}}}]}"#,
        "",
    )
    .unwrap();
    assert!(event.readings.is_empty());
    assert_eq!(event.signals[0].error.as_ref().unwrap().code.as_deref(), Some("ASLEEP"));
    assert_eq!(event.issues[0].suggested_user_message.as_deref(), Some("Wake it"));
    assert_eq!(event.issues[0].signal.as_deref(), Some(ODOMETER_SIGNAL));
}
