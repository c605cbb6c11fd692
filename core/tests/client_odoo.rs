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
