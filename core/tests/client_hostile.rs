//! Hostile input to the HTTP clients (issue 12): ids that would move the request to another path of the API host
//! (and take the bearer token with them), oversized answers, and out-of-range instants in answers.

mod mock_http;

use std::sync::Arc;

use fleetgate::booking::BookingRules;
use fleetgate::client::{HttpConfig, OdooClient, SmartcarClient, UnitSystem, Version, DEFAULT_MAX_RESPONSE_BYTES};
use fleetgate::retry::{Backoff, Jitter};
use mock_http::{Response, Server};

fn config() -> HttpConfig {
    let backoff = Backoff::new(Jitter::Constant, 1_000, 5_000_000, 2, None, 7).unwrap();
    let mut config = HttpConfig::new(2.0, Some(backoff)).unwrap();
    config.sleeper = Arc::new(|_| {});
    config
}

const HOSTILE_IDS: [&str; 13] =
    ["", ".", "..", "../admin", "a/b", "a\\b", "%2e%2e", "a?b=1", "a#b", "a b", "a\u{0}b", "a\nb", "a\u{7f}"];

#[test]
fn ids_never_leave_their_path_segment() {
    let server = Server::start(|_, _| Response::json(200, r#"{"distance": 1}"#));
    let smartcar = SmartcarClient::new("id", "secret", &server.url, &server.url, config()).unwrap();
    let odoo = OdooClient::new(&server.url, BookingRules::default(), config()).unwrap();
    let long = "x".repeat(257);
    for id in HOSTILE_IDS.iter().copied().chain([long.as_str()]) {
        for version in [Version::V2, Version::V3] {
            let err = smartcar.odometer(id, "token", UnitSystem::Metric, version).unwrap_err();
            assert_eq!(err.code(), "invalid_path_segment", "{id:?}");
            assert!(err.to_string().contains("vehicle_id"), "{err}");
        }
        assert_eq!(odoo.vehicle(id).unwrap_err().code(), "invalid_path_segment", "{id:?}");
        let err = odoo.availability(id, "2026-02-01", "2026-02-03").unwrap_err();
        assert_eq!(err.code(), "invalid_path_segment", "{id:?}");
    }
    // Nothing was sent for any of them.
    assert_eq!(server.total(), 0);
    // Ordinary ids (dots inside, dashes, 256 bytes) still pass.
    let fine = "v".repeat(256);
    for id in ["veh-1", "a.b", "...", "ÿ", fine.as_str()] {
        assert!(smartcar
            .odometer(id, "token", UnitSystem::Metric, Version::V2)
            .is_err_and(|e| e.code() != "invalid_path_segment"));
    }
}

#[test]
fn oversized_answers_are_refused_not_buffered() {
    let big = format!(r#"{{"distance": 1, "pad": "{}"}}"#, "x".repeat(4096));
    let server = Server::start(move |_, _| Response::json(200, &big).header("SC-Data-Age", "2023-11-14T21:00:00.000Z"));
    let small =
        SmartcarClient::new("id", "s", &server.url, &server.url, config().with_max_response_bytes(1024)).unwrap();
    let err = small.odometer("veh-1", "token", UnitSystem::Metric, Version::V2).unwrap_err();
    assert_eq!(err.code(), "response_too_large");
    assert!(err.to_string().contains("1024"));
    // Refused once, not retried: the answer was a success, just too long.
    assert_eq!(server.requests("/v2.0/vehicles/veh-1/odometer").len(), 1);
    // The default limit (8 MiB) reads it.
    assert_eq!(config().max_response_bytes, DEFAULT_MAX_RESPONSE_BYTES);
    let roomy = SmartcarClient::new("id", "s", &server.url, &server.url, config()).unwrap();
    assert_eq!(roomy.odometer("veh-1", "token", UnitSystem::Metric, Version::V2).unwrap().metres, Some(1_000));
}

#[test]
fn oversized_error_answers_are_cut_to_the_limit() {
    let big = format!(r#"{{"error": "{}"}}"#, "x".repeat(4096));
    let server = Server::start(move |_, _| Response::json(404, &big));
    let small = SmartcarClient::new("id", "s", &server.url, &server.url, config().with_max_response_bytes(64)).unwrap();
    // A 404 whose body is cut is still a 404 (its JSON no longer parses, so no detail).
    let err = small.odometer("veh-1", "token", UnitSystem::Metric, Version::V2).unwrap_err();
    assert_eq!((err.code(), err.to_string()), ("upstream_error", "the upstream answered HTTP 404".to_owned()));
}

#[test]
fn out_of_range_signal_times_are_invalid_responses() {
    for oem in ["-1", "253402300800000", "9223372036854775807"] {
        let body = format!(r#"{{"body":{{"unit":"km","value":1}},"meta":{{"oemUpdatedAt":{oem}}}}}"#);
        let server = Server::start(move |_, _| Response::json(200, &body));
        let client = SmartcarClient::new("id", "s", &server.url, &server.url, config()).unwrap();
        let err = client.odometer("veh-1", "token", UnitSystem::Metric, Version::V3).unwrap_err();
        assert_eq!(err.code(), "invalid_response", "{oem}");
    }
}
