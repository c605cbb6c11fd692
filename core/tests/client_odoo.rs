//! OdooClient against a scripted server on 127.0.0.1: image URLs, availability, bookings and their retries.

mod mock_http;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use fleetgate::booking::BookingRules;
use fleetgate::client::{HttpConfig, OdooClient};
use fleetgate::retry::{Backoff, Jitter};
use mock_http::{Request, Response, Server};
use serde_json::json;

const NOW: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z

fn client(server: &Server) -> (OdooClient, Arc<Mutex<Vec<Duration>>>) {
    let backoff = Backoff::new(Jitter::Constant, 1_000, 5_000_000, 3, None, 1).unwrap();
    let mut config = HttpConfig::new(2.0, Some(backoff)).unwrap();
    let slept: Arc<Mutex<Vec<Duration>>> = Arc::default();
    let record = slept.clone();
    config.sleeper = Arc::new(move |d| record.lock().unwrap().push(d));
    (OdooClient::new(&format!("{}/", server.url), BookingRules::default(), config).unwrap(), slept)
}

fn booking() -> serde_json::Value {
    json!({"vehicle_id": 3, "customer_name": "Ada Lovelace", "customer_email": "ada@example.com",
        "customer_phone": "+32 470 12 34 56", "date_from": "2026-02-01", "date_to": "2026-02-03"})
}

#[test]
fn vehicle_list_and_detail_get_absolute_image_urls() {
    let server = Server::start(|r: &Request, _| match r.path.as_str() {
        "/api/fleet/vehicles" => Response::json(
            200,
            r#"{"vehicles":[{"id":1,"image_url":"/web/image/fleet.vehicle/1/image_1920","images":["a.png","https://cdn.test/b.png"]},
                {"id":2,"image_url":null}],"count":2}"#,
        ),
        "/api/fleet/vehicles/1" => {
            Response::json(200, r#"{"id":1,"thumbnail_url":"//cdn.test/t.png","image":"/img/1.png"}"#)
        }
        _ => Response::json(404, r#"{"error":"not found"}"#),
    });
    let (client, _) = client(&server);
    let list = client.vehicles().unwrap();
    let base = &server.url;
    assert_eq!(
        list,
        json!({"vehicles":[{"id":1,"image_url":format!("{base}/web/image/fleet.vehicle/1/image_1920"),
            "images":[format!("{base}/a.png"),"https://cdn.test/b.png"]},{"id":2,"image_url":null}],"count":2})
    );
    let one = client.vehicle("1").unwrap();
    assert_eq!(one, json!({"id":1,"thumbnail_url":"//cdn.test/t.png","image":format!("{base}/img/1.png")}));
    let missing = client.vehicle("9").unwrap_err();
    assert_eq!(
        (missing.code(), missing.to_string()),
        ("upstream_error", "the upstream answered HTTP 404: not found".into())
    );
}

#[test]
fn a_list_of_another_shape_is_invalid_response() {
    let server = Server::start(|_, _| Response::json(200, r#"{"items": []}"#));
    let (client, _) = client(&server);
    assert_eq!(client.vehicles().unwrap_err().code(), "invalid_response");
}

#[test]
fn availability_sends_the_period_and_checks_it() {
    let server = Server::start(|_, _| Response::json(200, r#"{"available": true, "slots": []}"#));
    let (client, _) = client(&server);
    let answer = client.availability("3", "2026-02-01T10:00:00+01:00", "2026-02-03").unwrap();
    assert_eq!(answer, json!({"available": true, "slots": []}));
    let sent = &server.requests("/api/fleet/vehicles/3/availability")[0];
    assert_eq!(sent.header("x-query"), Some("start=2026-02-01T10%3A00%3A00%2B01%3A00&end=2026-02-03"));
    assert_eq!(client.availability("3", "2026-02-03", "2026-02-01").unwrap_err().code(), "invalid_argument");
    assert_eq!(client.availability("3", "tomorrow", "2026-02-01").unwrap_err().code(), "invalid_argument");
    assert_eq!(server.requests("/api/fleet/vehicles/3/availability").len(), 1);
}

#[test]
fn an_invalid_booking_is_refused_before_anything_is_sent() {
    let server = Server::start(|_, _| Response::json(201, r#"{"id": 1}"#));
    let (client, _) = client(&server);
    let mut request = booking();
    request["customer_email"] = json!("not-an-email");
    let err = client.create_booking(&request, None, NOW).unwrap_err();
    assert_eq!(err.code(), "validation_failed");
    assert_eq!(fleetgate::ErrorCode::area(&err), "booking");
    assert!(server.requests("/api/fleet/bookings").is_empty());
}

#[test]
fn a_booking_post_is_not_retried_without_an_idempotency_key() {
    let server =
        Server::start(
            |_, seen| if seen == 0 { Response::json(503, "{}") } else { Response::json(201, r#"{"id": 11}"#) },
        );
    let (client, _) = client(&server);
    assert_eq!(client.create_booking(&booking(), None, NOW).unwrap_err().code(), "upstream_error");
    assert_eq!(server.requests("/api/fleet/bookings").len(), 1);
}

#[test]
fn a_booking_post_with_an_idempotency_key_is_retried_after_retry_after() {
    let server = Server::start(|_, seen| {
        if seen == 0 {
            Response::json(503, "{}").header("Retry-After", "1")
        } else {
            Response::json(201, r#"{"id": 11, "state": "draft"}"#)
        }
    });
    let (client, slept) = client(&server);
    let answer = client.create_booking(&booking(), Some("booking-key-1"), NOW).unwrap();
    assert_eq!(answer, json!({"id": 11, "state": "draft"}));
    let sent = server.requests("/api/fleet/bookings");
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[1].header("idempotency-key"), Some("booking-key-1"));
    let body: serde_json::Value = serde_json::from_slice(&sent[1].body).unwrap();
    assert_eq!(body["customer_email"], "ada@example.com");
    assert_eq!(body["vehicle_id"], 3);
    assert_eq!(*slept.lock().unwrap(), vec![Duration::from_secs(1)]);
    assert_eq!(client.create_booking(&booking(), Some(""), NOW).unwrap_err().code(), "invalid_argument");
}

// --- stock Odoo's website rental routes (JSON-RPC at HTTP 200) ----------------------------------------------

const CONSTRAINTS: &str = r#"{"jsonrpc": "2.0", "id": 1, "result": {
    "renting_unavailabity_days": {"1": false, "2": false, "3": false, "4": false, "5": false, "6": true, "7": true},
    "renting_minimal_time": {"duration": 3, "unit": "day"}, "website_tz": "Europe/Brussels"}}"#;

fn sent_json(request: &Request) -> serde_json::Value {
    serde_json::from_slice(&request.body).expect("the client sends JSON")
}

#[test]
fn rental_constraints_post_a_json_rpc_call_and_become_booking_rules() {
    let server = Server::start(|_, _| Response::json(200, CONSTRAINTS));
    let (client, _) = client(&server);
    let constraints = client.rental_constraints().unwrap();
    let sent = &server.requests("/rental/product/constraints")[0];
    assert_eq!(sent.method, "POST");
    assert_eq!(sent.header("content-type"), Some("application/json"));
    assert_eq!(sent_json(sent), json!({"jsonrpc": "2.0", "method": "call", "params": {}, "id": 1}));
    assert_eq!(
        constraints.booking_rules_json(),
        json!({"forbidden_weekdays": ["sat", "sun"], "min_rental_hours": 72, "time_zone": "Europe/Brussels"})
    );
    let rules = constraints.booking_rules(BookingRules::default());
    assert_eq!(rules.min_rental_minutes, 72 * 60);
    // The next call has the next id; Odoo's reply still says 1: not this call's reply.
    let err = client.rental_constraints().unwrap_err();
    assert_eq!((err.code(), server.requests("/rental/product/constraints").len()), ("invalid_odoo_payload", 2));
    assert_eq!(sent_json(&server.requests("/rental/product/constraints")[1])["id"], json!(2));
}

#[test]
fn rental_availabilities_send_odoo_datetimes_and_read_the_timeline() {
    let server = Server::start(|r: &Request, _| {
        let id = serde_json::from_slice::<serde_json::Value>(&r.body).unwrap()["id"].clone();
        let body = json!({"jsonrpc": "2.0", "id": id, "result": {"preparation_time": 0.5, "renting_availabilities": [
            {"start": "2026-02-01 00:00:00", "end": "2026-02-03 12:00:00", "quantity_available": 2.0},
            {"start": "2026-02-03 12:00:00", "end": "2026-02-10 00:00:00", "quantity_available": 0}]}});
        Response::json(200, &body.to_string())
    });
    let (client, _) = client(&server);
    let start = 1_769_904_000; // 2026-02-01T00:00:00Z
    let got = client.rental_availabilities(42, start, start + 7 * 86_400).unwrap();
    let sent = sent_json(&server.requests("/rental/product/availabilities")[0]);
    assert_eq!(
        sent["params"],
        json!({"product_id": 42, "min_date": "2026-02-01 00:00:00", "max_date": "2026-02-08 00:00:00"})
    );
    assert_eq!((got.padding_seconds, got.padding_hours, got.stock_limited), (1800, 1, true));
    let segments: Vec<(i64, i64, i64)> = got.segments.iter().map(|s| (s.start, s.end, s.quantity_available)).collect();
    assert_eq!(segments, vec![(start, start + 216_000, 2), (start + 216_000, start + 9 * 86_400, 0)]);
    for (product, from, to) in [(0, start, start + 60), (42, start, start), (42, start + 60, start)] {
        assert_eq!(client.rental_availabilities(product, from, to).unwrap_err().code(), "invalid_argument");
    }
    assert_eq!(server.requests("/rental/product/availabilities").len(), 1);
}

#[test]
fn a_json_rpc_error_at_http_200_is_odoo_rpc_error() {
    let server = Server::start(|_, _| {
        Response::json(
            200,
            r#"{"jsonrpc": "2.0", "id": 1, "error": {"code": 200, "message": "Odoo Server Error", "data": {
            "name": "builtins.ValueError", "debug": "Traceback (most recent call last): ...",
            "message": "Expected singleton: product.product()", "arguments": ["Expected singleton"], "context": {}}}}"#,
        )
    });
    let (client, slept) = client(&server);
    let err = client.rental_availabilities(999, NOW, NOW + 3600).unwrap_err();
    assert_eq!(err.code(), "odoo_rpc_error");
    assert_eq!(fleetgate::ErrorCode::area(&err), "odoo");
    let details = fleetgate::ErrorCode::details(&err);
    assert_eq!(details["name"], json!("builtins.ValueError"));
    assert_eq!(details["rpc_code"], json!(200));
    assert_eq!(details["data_message"], json!("Expected singleton: product.product()"));
    assert!(!err.to_string().contains("Traceback"));
    assert!(slept.lock().unwrap().is_empty(), "an answered error is not retried");
}

#[test]
fn rental_route_failures_keep_the_client_codes() {
    // No website_sale_renting: Odoo's 404 page. A 500 is retried (the routes only read), then reported.
    let server = Server::start(|r: &Request, _| match r.path.as_str() {
        "/rental/product/constraints" => Response::json(404, "<html>404: Not Found</html>"),
        _ => Response::json(500, r#"{"message": "boom"}"#),
    });
    let (client, slept) = client(&server);
    assert_eq!(client.rental_constraints().unwrap_err().to_string(), "the upstream answered HTTP 404");
    let err = client.rental_availabilities(1, NOW, NOW + 60).unwrap_err();
    assert_eq!(err.code(), "upstream_error");
    assert_eq!(server.requests("/rental/product/availabilities").len(), 3);
    assert_eq!(slept.lock().unwrap().len(), 2);
}

#[test]
fn malformed_and_oversized_rental_replies() {
    let server = Server::start(|r: &Request, _| match r.path.as_str() {
        "/rental/product/constraints" => Response::json(
            200,
            r#"{"jsonrpc": "2.0", "id": 1, "result": {"renting_minimal_time": {"duration": 1, "unit": "fortnight"}}}"#,
        ),
        _ => Response::json(
            200,
            &format!(r#"{{"jsonrpc": "2.0", "result": {{"preparation_time": 0, "pad": "{}"}}}}"#, "x".repeat(4096)),
        ),
    });
    let (odoo, _) = client(&server);
    let err = odoo.rental_constraints().unwrap_err();
    assert_eq!(err.code(), "invalid_odoo_payload");
    let locs: Vec<String> = fleetgate::ErrorCode::details(&err)["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["loc"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(locs, ["result.renting_unavailabity_days", "result.renting_minimal_time.unit"]);
    let backoff = Backoff::new(Jitter::Constant, 1_000, 5_000_000, 1, None, 1).unwrap();
    let config = HttpConfig::new(2.0, Some(backoff)).unwrap().with_max_response_bytes(1024);
    let small = OdooClient::new(&server.url, BookingRules::default(), config).unwrap();
    assert_eq!(small.rental_availabilities(1, NOW, NOW + 60).unwrap_err().code(), "response_too_large");
    let not_json = Server::start(|_, _| Response::json(200, "<html>login</html>"));
    let (html, _) = client(&not_json);
    assert_eq!(html.rental_constraints().unwrap_err().code(), "invalid_response");
}
