//! `fleetgate::odoo::rental` (stock Odoo's website rental routes) through its public API: the conversions of
//! the two replies (every problem collected), the booking rules, the JSON-RPC requests. The shared cases are in
//! `tests/vectors/odoo_rental.json`; these check what the vectors cannot see (Rust types, problem locations).

use chrono::Weekday;
use fleetgate::booking::BookingRules;
use fleetgate::odoo::rental::{availabilities, availabilities_request, constraints, constraints_request, RentalError};
use serde_json::{json, Value as Json};

fn reply(result: Json) -> Json {
    json!({"jsonrpc": "2.0", "id": 7, "result": result})
}

fn problems(err: RentalError) -> Vec<(String, &'static str)> {
    match err {
        RentalError::InvalidPayload { problems } => problems.into_iter().map(|p| (p.loc, p.code)).collect(),
        other => panic!("not a payload error: {other:?}"),
    }
}

#[test]
fn constraints_become_booking_rules() {
    let days = json!({"1": false, "2": false, "3": false, "4": false, "5": false, "6": true, "7": true});
    let got = constraints(
        &reply(json!({"renting_unavailabity_days": days, "renting_minimal_time": {"duration": 2, "unit": "week"},
            "website_tz": "Europe/Brussels"})),
        Some(&json!(7)),
    )
    .unwrap();
    assert_eq!(got.forbidden_weekdays, vec![Weekday::Sat, Weekday::Sun]);
    let rules = got.booking_rules(BookingRules::default());
    assert_eq!(rules.min_rental_minutes, 2 * 7 * 24 * 60);
    assert_eq!(rules.time_zone.name(), "Europe/Brussels");
    assert_eq!(rules.max_rental_minutes, BookingRules::default().max_rental_minutes);
    assert_eq!(
        got.booking_rules_json(),
        json!({"forbidden_weekdays": ["sat", "sun"], "min_rental_hours": 336, "time_zone": "Europe/Brussels"})
    );
    // The JSON form is what booking.validate decodes: the same rules.
    let decoded: BookingRules = fleetgate::boundary::decode(
        fleetgate::boundary::Value::from(got.booking_rules_json()),
        &fleetgate::booking::site::RULES,
    )
    .unwrap();
    assert_eq!(decoded, rules);
}

#[test]
fn every_problem_of_the_constraints_is_listed() {
    let err = constraints(
        &reply(json!({"renting_unavailabity_days": {"0": true, "2": "yes"},
            "renting_minimal_time": {"duration": -1, "unit": "year"}, "website_tz": "Mars/Olympus"})),
        None,
    )
    .unwrap_err();
    assert_eq!(
        problems(err),
        vec![
            ("result.renting_unavailabity_days.0".into(), "unknown_weekday"),
            ("result.renting_unavailabity_days.2".into(), "wrong_type"),
            ("result.renting_minimal_time.duration".into(), "out_of_range"),
            ("result.renting_minimal_time.unit".into(), "unknown_unit"),
            ("result.website_tz".into(), "unknown_time_zone"),
        ]
    );
    let months = json!({"renting_unavailabity_days": {}, "renting_minimal_time": {"duration": 200, "unit": "month"}});
    assert_eq!(problems(constraints(&reply(months), None).unwrap_err())[0].1, "out_of_range");
}

#[test]
fn rpc_errors_and_envelopes() {
    let error = json!({"jsonrpc": "2.0", "id": 1, "error": {"code": 200, "message": "Odoo Server Error",
        "data": {"name": "odoo.exceptions.AccessError", "message": "No access", "debug": "Traceback ..."}}});
    let err = constraints(&error, Some(&json!(1))).unwrap_err();
    assert_eq!(err.code(), "odoo_rpc_error");
    assert_eq!(err.to_string(), "Odoo answered a JSON-RPC error 200 (odoo.exceptions.AccessError): No access");
    assert!(!serde_json::to_string(&err).unwrap().contains("Traceback"));
    let other_id = json!({"jsonrpc": "2.0", "id": 2, "result": {}});
    assert_eq!(problems(constraints(&other_id, Some(&json!(1))).unwrap_err()), vec![("id".into(), "id_mismatch")]);
    assert_eq!(problems(constraints(&json!({"jsonrpc": "1.0"}), None).unwrap_err()).len(), 2);
    assert_eq!(problems(constraints(&json!([]), None).unwrap_err())[0].1, "wrong_type");
    assert_eq!(problems(constraints(&reply(json!([])), None).unwrap_err())[0].0, "result");
}

#[test]
fn availabilities_are_a_checked_sorted_timeline() {
    let got = availabilities(
        &reply(json!({"preparation_time": 1.5, "renting_availabilities": [
            {"start": "2024-02-02 00:00:00", "end": "2024-02-03 00:00:00", "quantity_available": 1.0},
            {"start": "2024-02-01 08:00:00", "end": "2024-02-02 00:00:00", "quantity_available": 2},
        ]})),
        None,
    )
    .unwrap();
    assert_eq!((got.padding_seconds, got.padding_hours, got.stock_limited), (5400, 2, true));
    let starts: Vec<i64> = got.segments.iter().map(|s| s.start).collect();
    assert_eq!(starts, vec![1_706_774_400, 1_706_832_000]);
    assert_eq!(got.segments[0].quantity_available, 2);
    let untracked = availabilities(&reply(json!({"preparation_time": 0})), None).unwrap();
    assert_eq!((untracked.stock_limited, untracked.segments.len(), untracked.padding_hours), (false, 0, 0));
}

#[test]
fn bad_segments_are_listed() {
    let err = availabilities(
        &reply(json!({"preparation_time": -1, "renting_availabilities": [
            {"start": "2024-02-01T08:00:00Z", "end": "2024-02-02 00:00:00", "quantity_available": 1.5},
            {"start": "2024-02-02 00:00:00", "end": "2024-02-02 00:00:00", "quantity_available": 1},
        ]})),
        None,
    )
    .unwrap_err();
    assert_eq!(
        problems(err),
        vec![
            ("result.preparation_time".into(), "out_of_range"),
            ("result.renting_availabilities[0].start".into(), "invalid_datetime"),
            ("result.renting_availabilities[0].quantity_available".into(), "fractional_quantity"),
            ("result.renting_availabilities[1]".into(), "empty_segment"),
        ]
    );
    let overlap = availabilities(
        &reply(json!({"preparation_time": 0, "renting_availabilities": [
            {"start": "2024-02-01 00:00:00", "end": "2024-02-03 00:00:00", "quantity_available": 1},
            {"start": "2024-02-02 00:00:00", "end": "2024-02-04 00:00:00", "quantity_available": 1},
        ]})),
        None,
    )
    .unwrap_err();
    assert_eq!(problems(overlap), vec![("result.renting_availabilities[1]".into(), "overlapping_segments")]);
}

#[test]
fn requests_are_json_rpc_calls_with_odoo_datetimes() {
    assert_eq!(
        availabilities_request(3, 12, 1_706_774_400, 1_706_860_800),
        json!({"jsonrpc": "2.0", "method": "call", "id": 3,
            "params": {"product_id": 12, "min_date": "2024-02-01 08:00:00", "max_date": "2024-02-02 08:00:00"}})
    );
    assert_eq!(constraints_request(1)["params"], json!({}));
}
