//! SmartcarClient against a scripted server on 127.0.0.1: token refresh, odometer reads, retries, errors, sync.

mod mock_http;

use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use base64::Engine;
use fleetgate::client::{
    ClientError, HttpConfig, SmartcarClient, SyncOptions, Tokens, UnitSystem, Vehicle, Version, SOURCE,
};
use fleetgate::odometer::input::Naming;
use fleetgate::odometer::{check, meter_entry, Ident, RawValue, Reading, Status, SyncKind};
use fleetgate::retry::{Backoff, Jitter};
use fleetgate::smartcar::parse_event;
use mock_http::{Request, Response, Server};
use serde_json::json;

const SECRET: &str = "client-secret-s3cr3t";
const NOW: i64 = 1_700_000_000;
const DATA_AGE: &str = "2023-11-14T21:00:00.000Z";
const DATA_AGE_MS: i64 = 1_699_995_600_000;

/// A config whose delays are recorded instead of slept.
fn config(attempts: u32, timeout_s: f64) -> (HttpConfig, Arc<Mutex<Vec<Duration>>>) {
    let backoff = Backoff::new(Jitter::Constant, 1_000, 5_000_000, attempts, None, 7).unwrap();
    let mut config = HttpConfig::new(timeout_s, Some(backoff)).unwrap();
    let slept: Arc<Mutex<Vec<Duration>>> = Arc::default();
    let record = slept.clone();
    config.sleeper = Arc::new(move |d| record.lock().unwrap().push(d));
    (config, slept)
}

fn client(server: &Server, attempts: u32) -> (SmartcarClient, Arc<Mutex<Vec<Duration>>>) {
    let (config, slept) = config(attempts, 2.0);
    (SmartcarClient::new("client-id", SECRET, &server.url, &server.url, config).unwrap(), slept)
}

fn token_answer(access: &str, refresh: &str) -> Response {
    Response::json(
        200,
        &format!(
            r#"{{"access_token":"{access}","token_type":"Bearer","expires_in":7200,"refresh_token":"{refresh}"}}"#
        ),
    )
}

fn odometer_answer(distance: &str) -> Response {
    Response::json(200, &format!(r#"{{"distance":{distance}}}"#))
        .header("SC-Unit-System", "metric")
        .header("SC-Data-Age", DATA_AGE)
}

/// Token endpoint and v2 odometer endpoint answering normally.
fn smartcar_server(distance: &'static str) -> Server {
    Server::start(move |r: &Request, _| match r.path.as_str() {
        "/oauth/token" => token_answer("new-access", "new-refresh"),
        _ if r.header("authorization") == Some("Bearer new-access")
            || r.header("authorization") == Some("Bearer old-access") =>
        {
            odometer_answer(distance)
        }
        _ => Response::json(401, r#"{"type":"AUTHENTICATION","description":"bad token"}"#),
    })
}

fn vehicle(expires_at: i64) -> Vehicle {
    Vehicle {
        id: Ident::Int(7),
        smartcar_vehicle_id: "veh-1".into(),
        car_id: Ident::Text("car-42".into()),
        tokens: Tokens { access_token: "old-access".into(), refresh_token: "old-refresh".into(), expires_at },
    }
}

#[test]
fn refresh_sends_basic_auth_and_form_and_tracks_expiry() {
    let server = smartcar_server("1");
    let (client, _) = client(&server, 1);
    let tokens = client.refresh_token("old-refresh", NOW).unwrap();
    assert_eq!(tokens.access_token, "new-access");
    assert_eq!(tokens.refresh_token, "new-refresh");
    assert_eq!(tokens.expires_at, NOW + 7200);
    let sent = &server.requests("/oauth/token")[0];
    assert_eq!(sent.method, "POST");
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("client-id:{SECRET}"));
    assert_eq!(sent.header("authorization"), Some(format!("Basic {basic}").as_str()));
    assert_eq!(sent.header("content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(sent.body, b"grant_type=refresh_token&refresh_token=old-refresh");
}

#[test]
fn expired_tokens_are_refreshed_once_under_concurrent_syncs() {
    let server = Server::start(|r: &Request, _| match r.path.as_str() {
        // Slow, so the concurrent syncs overlap while the first refresh is in flight.
        "/oauth/token" => token_answer("new-access", "new-refresh").delayed(Duration::from_millis(300)),
        _ if r.header("authorization") == Some("Bearer new-access") => odometer_answer("104.32"),
        _ => Response::json(401, r#"{"type":"AUTHENTICATION"}"#),
    });
    let (client, _) = client(&server, 1);
    let client = Arc::new(client);
    let handles: Vec<_> = (0..6)
        .map(|_| {
            let client = client.clone();
            thread::spawn(move || client.sync_vehicle(&vehicle(NOW - 10), &[], &SyncOptions::default(), NOW).unwrap())
        })
        .collect();
    let outcomes: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(server.requests("/oauth/token").len(), 1);
    assert_eq!(server.requests("/v2.0/vehicles/veh-1/odometer").len(), 6);
    for outcome in &outcomes {
        assert!(outcome.refreshed);
        assert_eq!(outcome.tokens.refresh_token, "new-refresh");
        assert_eq!(outcome.verdict.status, Status::Accept);
    }
}

#[test]
fn tokens_valid_beyond_the_margin_are_not_refreshed_and_near_expiry_ones_are() {
    let server = smartcar_server("10");
    let (client, _) = client(&server, 1);
    let fresh = client.sync_vehicle(&vehicle(NOW + 301), &[], &SyncOptions::default(), NOW).unwrap();
    assert!(!fresh.refreshed);
    assert_eq!(fresh.tokens.access_token, "old-access");
    assert_eq!(server.requests("/oauth/token").len(), 0);
    let near = client.sync_vehicle(&vehicle(NOW + 300), &[], &SyncOptions::default(), NOW).unwrap();
    assert!(near.refreshed);
    assert_eq!(server.requests("/oauth/token").len(), 1);
}

#[test]
fn v2_odometer_sends_and_honours_the_unit_system_and_uses_data_age() {
    let server = Server::start(|r: &Request, _| {
        let system = r.header("sc-unit-system").unwrap_or("none").to_owned();
        Response::json(200, r#"{"distance": 100}"#).header("SC-Unit-System", &system).header("SC-Data-Age", DATA_AGE)
    });
    let (client, _) = client(&server, 1);
    let read = client.odometer("veh-1", "tok", UnitSystem::Imperial, Version::V2).unwrap();
    assert_eq!(server.requests("/v2.0/vehicles/veh-1/odometer")[0].header("sc-unit-system"), Some("imperial"));
    assert_eq!((read.value.as_str(), read.unit.as_str(), read.metres), ("100", "miles", Some(160_934)));
    assert_eq!(read.reading_time_ms, DATA_AGE_MS);
    let metric = client.odometer("veh-1", "tok", UnitSystem::Metric, Version::V2).unwrap();
    assert_eq!(metric.reading_time_ms, DATA_AGE_MS);
    assert_eq!((metric.unit.as_str(), metric.metres), ("km", Some(100_000)));
}

#[test]
fn the_answers_unit_system_wins_over_the_requested_one() {
    let server = Server::start(|_, _| {
        // Digits finer than a millisecond are cut, as the webhook's oemUpdatedAt has none.
        Response::json(200, r#"{"distance": 62.5}"#)
            .header("SC-Unit-System", "imperial")
            .header("SC-Data-Age", "2023-11-14T21:00:00.000999Z")
    });
    let (client, _) = client(&server, 1);
    let read = client.odometer("veh-1", "tok", UnitSystem::Metric, Version::V2).unwrap();
    assert_eq!((read.unit.as_str(), read.metres), ("miles", Some(100_584)));
    assert_eq!(read.reading_time_ms, DATA_AGE_MS);
}

#[test]
fn v3_signal_read() {
    let server = Server::start(|_, _| {
        Response::json(
            200,
            r#"{"code":"odometer-traveleddistance","body":{"unit":"km","value":104.320},"meta":{"oemUpdatedAt":1699995600000}}"#,
        )
    });
    let (client, _) = client(&server, 1);
    let read = client.odometer("veh-1", "tok", UnitSystem::Metric, Version::V3).unwrap();
    assert_eq!(server.requests("/v3/vehicles/veh-1/signals/odometer-traveleddistance").len(), 1);
    assert_eq!((read.value.as_str(), read.unit.as_str(), read.metres), ("104.320", "km", Some(104_320)));
    assert_eq!(read.reading_time_ms, DATA_AGE_MS);
}

#[test]
fn rate_limited_then_success_honours_retry_after() {
    let server = Server::start(|_, seen| {
        if seen == 0 {
            Response::json(429, r#"{"type":"RATE_LIMIT"}"#).header("Retry-After", "2")
        } else {
            odometer_answer("5")
        }
    });
    let (client, slept) = client(&server, 3);
    let read = client.odometer("veh-1", "tok", UnitSystem::Metric, Version::V2).unwrap();
    assert_eq!(read.metres, Some(5_000));
    assert_eq!(*slept.lock().unwrap(), vec![Duration::from_secs(2)]);
}

#[test]
fn rate_limited_until_attempts_run_out() {
    let server = Server::start(|_, _| Response::json(429, "{}").header("Retry-After", "3"));
    let (client, slept) = client(&server, 2);
    let err = client.odometer("veh-1", "tok", UnitSystem::Metric, Version::V2).unwrap_err();
    assert_eq!(err, ClientError::RateLimited { retry_after_s: Some(3) });
    assert_eq!(err.code(), "rate_limited");
    assert_eq!(server.requests("/v2.0/vehicles/veh-1/odometer").len(), 2);
    assert_eq!(slept.lock().unwrap().len(), 1);
}

#[test]
fn service_unavailable_then_success() {
    let server = Server::start(|_, seen| if seen == 0 { Response::json(503, "oops") } else { odometer_answer("7") });
    let (client, slept) = client(&server, 3);
    assert_eq!(client.odometer("veh-1", "tok", UnitSystem::Metric, Version::V2).unwrap().metres, Some(7_000));
    assert_eq!(*slept.lock().unwrap(), vec![Duration::from_micros(1_000)]);
}

#[test]
fn timeouts_are_retried_then_reported() {
    let server = Server::start(|_, _| odometer_answer("1").delayed(Duration::from_millis(1500)));
    let (config, _) = config(2, 0.2);
    let client = SmartcarClient::new("client-id", SECRET, &server.url, &server.url, config).unwrap();
    let err = client.odometer("veh-1", "tok", UnitSystem::Metric, Version::V2).unwrap_err();
    assert_eq!(err, ClientError::Timeout { attempts: 2 });
    assert_eq!(server.requests("/v2.0/vehicles/veh-1/odometer").len(), 2);
}

#[test]
fn malformed_answers_are_invalid_response() {
    let server = Server::start(|r: &Request, _| match r.path.as_str() {
        "/oauth/token" => Response::json(200, r#"{"access_token": "#),
        "/v2.0/vehicles/bad/odometer" => Response::json(200, r#"{"distance": "12"}"#).header("SC-Data-Age", DATA_AGE),
        "/v2.0/vehicles/noage/odometer" => Response::json(200, r#"{"distance": 12}"#),
        _ => Response::json(200, "not json"),
    });
    let (client, _) = client(&server, 1);
    let codes: Vec<_> = [
        client.refresh_token("rt", NOW).unwrap_err(),
        client.odometer("veh-1", "tok", UnitSystem::Metric, Version::V2).unwrap_err(),
        client.odometer("bad", "tok", UnitSystem::Metric, Version::V2).unwrap_err(),
        client.odometer("noage", "tok", UnitSystem::Metric, Version::V2).unwrap_err(),
    ]
    .iter()
    .map(|e| e.code())
    .collect();
    assert_eq!(codes, ["invalid_response"; 4]);
}

#[test]
fn wrong_credentials_are_unauthorized_and_never_leak_secrets() {
    // The server echoes the refresh token in its description: the error must not repeat it.
    let server = Server::start(|_, _| {
        Response::json(401, r#"{"error":"invalid_client","error_description":"bad secret for old-refresh"}"#)
    });
    let (client, _) = client(&server, 3);
    let err = client.refresh_token("old-refresh", NOW).unwrap_err();
    assert_eq!(err.code(), "unauthorized");
    assert_eq!(server.requests("/oauth/token").len(), 1, "a 401 is never retried");
    let text = format!("{err} {err:?}");
    assert!(text.contains("invalid_client") && text.contains("[redacted]"), "{text}");
    for secret in [SECRET, "old-refresh"] {
        assert!(!text.contains(secret), "{text}");
    }
    let debug = format!("{client:?} {:?}", vehicle(0));
    for secret in [SECRET, "old-refresh", "old-access"] {
        assert!(!debug.contains(secret), "{debug}");
    }
}

#[test]
fn invalid_grant_is_unauthorized_and_other_errors_are_upstream() {
    let server = Server::start(|r: &Request, _| match r.path.as_str() {
        "/oauth/token" => Response::json(400, r#"{"error":"invalid_grant"}"#),
        _ => Response::json(409, r#"{"type":"VEHICLE_STATE","code":"ASLEEP","description":"asleep"}"#),
    });
    let (client, _) = client(&server, 3);
    assert_eq!(client.refresh_token("rt", NOW).unwrap_err().code(), "unauthorized");
    let err = client.odometer("veh-1", "tok", UnitSystem::Metric, Version::V2).unwrap_err();
    assert_eq!(err, ClientError::Upstream { status: 409, detail: Some("VEHICLE_STATE: ASLEEP: asleep".into()) });
}

#[test]
fn bad_arguments_are_invalid_argument() {
    let (config, _) = config(1, 1.0);
    let err = SmartcarClient::new("id", SECRET, "ftp://x", "http://127.0.0.1:1", config.clone()).unwrap_err();
    assert_eq!((err.code(), err.to_string().contains("auth_base_url")), ("invalid_argument", true));
    assert_eq!(HttpConfig::new(0.0, None).unwrap_err().code(), "invalid_argument");
    let client = SmartcarClient::new("id", SECRET, "http://127.0.0.1:1", "http://127.0.0.1:1", config).unwrap();
    assert_eq!(
        client.odometer("a/b", "tok", UnitSystem::Metric, Version::V2).unwrap_err().code(),
        "invalid_path_segment"
    );
    assert_eq!(Version::from_number(4).unwrap_err().code(), "invalid_argument");
    let row = json!({"id": 1, "smartcar_vehicle_id": "v", "car_id": 2, "access_token": "a", "refresh_token": "r"});
    let err = Vehicle::from_json(&row, Naming::Snake).unwrap_err();
    assert_eq!(err.to_string(), "invalid vehicle.expires_at: must be integer unix seconds or an RFC 3339 instant");
}

#[test]
fn vehicle_from_json_in_both_namings() {
    let snake = json!({"id": 1, "smartcar_vehicle_id": "v", "car_id": "c", "access_token": "a",
        "refresh_token": "r", "expires_at": "2023-11-14T22:13:20Z"});
    let camel = json!({"id": 1, "smartcarVehicleId": "v", "carId": "c", "accessToken": "a",
        "refreshToken": "r", "expiresAt": NOW});
    let a = Vehicle::from_json(&snake, Naming::Snake).unwrap();
    assert_eq!(a, Vehicle::from_json(&camel, Naming::Camel).unwrap());
    assert_eq!(a.tokens.expires_at, NOW);
    assert_eq!(Vehicle::from_json(&camel, Naming::Snake).unwrap_err().code(), "invalid_argument");
}

/// The webhook path's reading, as the app builds it from a parsed Smartcar delivery.
fn webhook_reading(value: &str) -> Reading {
    let body = format!(
        r#"{{"eventId":"evt-1","eventType":"VEHICLE_STATE","data":{{"vehicle":{{"id":"veh-1"}},"signals":[
        {{"code":"odometer-traveleddistance","body":{{"unit":"kilometers","value":{value}}},"meta":{{"oemUpdatedAt":{DATA_AGE_MS}}}}}]}},
        "meta":{{"deliveryId":"d1"}}}}"#
    );
    let parsed = &parse_event(body.as_bytes()).unwrap().readings[0];
    let mut reading = Reading::new(
        RawValue::Text(parsed.raw_value.clone()),
        Some(parsed.raw_unit.clone()),
        parsed.read_at_ms.unwrap(),
    );
    reading.event_id = parsed.event_id.clone();
    reading.source = Some(SOURCE.into());
    reading
}

#[test]
fn manual_sync_after_webhook_is_a_duplicate_and_vice_versa() {
    let server = smartcar_server("104.32");
    let (client, _) = client(&server, 1);
    let options = SyncOptions::default();
    let webhook = webhook_reading("104.32");
    let webhook_verdict = check(&[], &webhook, &options.policy);
    assert_eq!(webhook_verdict.status, Status::Accept);
    let webhook_entry = meter_entry(
        &webhook_verdict,
        &webhook,
        Ident::Text("car-42".into()),
        Ident::Int(7),
        "manual",
        SyncKind::Webhook,
    )
    .unwrap();

    // Webhook first, then "Sync Now": duplicate of the webhook's reading, no entry.
    let mut stored = webhook.clone();
    stored.id = Some(Ident::Int(501));
    let second = client.sync_vehicle(&vehicle(NOW + 3600), &[stored], &options, NOW).unwrap();
    assert_eq!(second.verdict.status, Status::Duplicate);
    assert_eq!(second.duplicate_of, Some(Ident::Int(501)));
    assert!(second.meter_entry.is_none());

    // "Sync Now" first: accepted with the same row as the webhook's; then the webhook is the duplicate.
    let first = client.sync_vehicle(&vehicle(NOW + 3600), &[], &options, NOW).unwrap();
    let entry = first.meter_entry.clone().unwrap();
    assert_eq!(
        (&entry.car_id, entry.odometer_reading, &entry.entry_date, &entry.source_type, &entry.source_id, entry.metres),
        (
            &webhook_entry.car_id,
            webhook_entry.odometer_reading,
            &webhook_entry.entry_date,
            &webhook_entry.source_type,
            &webhook_entry.source_id,
            webhook_entry.metres
        )
    );
    assert_eq!(entry.notes, "Automatically synced from Smartcar (manual sync)");
    assert_eq!(check(std::slice::from_ref(&first.reading), &webhook, &options.policy).status, Status::Duplicate);
    let log = first.to_json();
    assert_eq!(log["sync_log"]["status"], "accept");
    assert_eq!(log["sync_log"]["reading_time"], "2023-11-14T21:00:00Z");
    assert_eq!(log["meter_entry"]["odometer_reading"], 104.32);
    assert_eq!(log["tokens"]["refreshed"], false);
    assert!(!log["sync_log"].to_string().contains("old-access"));
}

#[test]
fn sync_with_a_lower_reading_is_void_and_stores_nothing() {
    let server = smartcar_server("50");
    let (client, _) = client(&server, 1);
    let mut earlier = Reading::new(RawValue::Integer(100), Some("km".into()), DATA_AGE_MS - 3_600_000);
    earlier.source = Some(SOURCE.into());
    let outcome = client.sync_vehicle(&vehicle(NOW + 3600), &[earlier], &SyncOptions::default(), NOW).unwrap();
    assert_eq!(outcome.verdict.status, Status::Void);
    assert_eq!(outcome.to_json()["verdict"]["reason"], "out_of_sequence");
    assert!(outcome.meter_entry.is_none());
}

#[test]
fn different_refresh_tokens_refresh_in_parallel_and_a_used_one_is_served_from_memory() {
    // Each token request waits until both are in flight: serialised refreshes would time out instead.
    let both = Arc::new(std::sync::Barrier::new(2));
    let server = Server::start(move |r: &Request, _| {
        both.wait();
        let token = String::from_utf8_lossy(&r.body).rsplit('=').next().unwrap_or_default().to_owned();
        token_answer(&format!("access-for-{token}"), &format!("next-{token}"))
    });
    let (client, _) = client(&server, 1);
    let client = Arc::new(client);
    let handles: Vec<_> = ["rt-a", "rt-b"]
        .into_iter()
        .map(|token| {
            let client = client.clone();
            thread::spawn(move || client.refresh_token(token, NOW).unwrap())
        })
        .collect();
    let got: Vec<Tokens> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(got[0].refresh_token, "next-rt-a");
    assert_eq!(got[1].refresh_token, "next-rt-b");
    assert_eq!(client.refresh_token("rt-a", NOW + 60).unwrap(), got[0]);
    assert_eq!(server.requests("/oauth/token").len(), 2);
}

#[test]
fn unreachable_servers_are_retried_for_reads_but_a_refresh_is_never_repeated() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let (config, slept) = config(3, 1.0);
    let client = SmartcarClient::new("client-id", SECRET, &url, &url, config).unwrap();
    let read = client.odometer("veh-1", "tok", UnitSystem::Metric, Version::V2).unwrap_err();
    assert!(matches!(read, ClientError::ConnectionFailed { attempts: 3, .. }), "{read:?}");
    assert_eq!(slept.lock().unwrap().len(), 2);
    let refresh = client.refresh_token("rt", NOW).unwrap_err();
    assert!(matches!(refresh, ClientError::ConnectionFailed { attempts: 1, .. }), "{refresh:?}");
    assert_eq!(refresh.code(), "connection_failed");
}

/// Token endpoint answering `new-access`, odometer accepting only `accepted` (`None`: every token refused with
/// `status`).
fn refusing_server(accepted: Option<&'static str>, status: u16) -> Server {
    Server::start(move |r: &Request, _| match r.path.as_str() {
        "/oauth/token" => token_answer("new-access", "new-refresh"),
        _ if accepted.is_some_and(|a| r.header("authorization") == Some(format!("Bearer {a}").as_str())) => {
            odometer_answer("104.32")
        }
        _ => Response::json(status, r#"{"type":"AUTHENTICATION","description":"token refused"}"#),
    })
}

#[test]
fn a_401_on_an_unexpired_token_refreshes_once_and_retries_once() {
    let server = refusing_server(Some("new-access"), 401);
    let (client, _) = client(&server, 3);
    let outcome = client.sync_vehicle(&vehicle(NOW + 3600), &[], &SyncOptions::default(), NOW).unwrap();
    assert_eq!(server.requests("/oauth/token").len(), 1, "one refresh");
    let reads = server.requests("/v2.0/vehicles/veh-1/odometer");
    let auth: Vec<_> = reads.iter().map(|r| r.header("authorization").unwrap_or_default().to_owned()).collect();
    assert_eq!(auth, ["Bearer old-access", "Bearer new-access"], "the read, then one retry with the new token");
    assert_eq!(server.total(), 3);
    assert!(outcome.refreshed);
    assert_eq!(
        (outcome.tokens.access_token.as_str(), outcome.tokens.refresh_token.as_str(), outcome.tokens.expires_at),
        ("new-access", "new-refresh", NOW + 7200)
    );
    assert_eq!(outcome.to_json()["tokens"]["refreshed"], true);
    assert_eq!(outcome.to_json()["sync_log"]["token_refreshed"], true);
    assert_eq!(outcome.verdict.status, Status::Accept);
    // The client keeps the tokens it got, like every refresh: a sync retried with the old row exchanges nothing.
    let again = client.sync_vehicle(&vehicle(NOW + 3600), &[], &SyncOptions::default(), NOW).unwrap();
    assert_eq!(again.tokens.refresh_token, "new-refresh");
    assert_eq!(server.requests("/oauth/token").len(), 1);
}

#[test]
fn a_second_401_is_the_error_after_exactly_one_refresh_and_one_retry() {
    let server = refusing_server(None, 401);
    let (client, slept) = client(&server, 3);
    let err = client.sync_vehicle(&vehicle(NOW + 3600), &[], &SyncOptions::default(), NOW).unwrap_err();
    assert!(matches!(err, ClientError::Unauthorized { status: 401, .. }), "{err:?}");
    assert_eq!(err.code(), "unauthorized");
    assert_eq!(server.requests("/oauth/token").len(), 1);
    assert_eq!(server.requests("/v2.0/vehicles/veh-1/odometer").len(), 2);
    assert_eq!(server.total(), 3);
    assert!(slept.lock().unwrap().is_empty(), "a 401 is not a retryable failure of the backoff");
}

#[test]
fn no_second_refresh_when_the_tokens_were_just_refreshed_nor_after_a_403() {
    // Expired tokens are refreshed before the read: a 401 then is the error, with no second refresh.
    let server = refusing_server(None, 401);
    let (refreshing, _) = client(&server, 3);
    let err = refreshing.sync_vehicle(&vehicle(NOW - 10), &[], &SyncOptions::default(), NOW).unwrap_err();
    assert_eq!(err.code(), "unauthorized");
    assert_eq!(server.requests("/oauth/token").len(), 1);
    assert_eq!(server.requests("/v2.0/vehicles/veh-1/odometer").len(), 1);
    // A 403 is a permission the token lacks, not a stale token: no refresh, no retry.
    let server = refusing_server(None, 403);
    let (forbidden, _) = client(&server, 3);
    let err = forbidden.sync_vehicle(&vehicle(NOW + 3600), &[], &SyncOptions::default(), NOW).unwrap_err();
    assert!(matches!(err, ClientError::Unauthorized { status: 403, .. }), "{err:?}");
    assert_eq!(server.total(), 1);
}

#[test]
fn a_refresh_refused_after_a_401_is_the_error_and_nothing_is_retried() {
    let server = Server::start(|r: &Request, _| match r.path.as_str() {
        "/oauth/token" => Response::json(400, r#"{"error":"invalid_grant"}"#),
        _ => Response::json(401, r#"{"type":"AUTHENTICATION"}"#),
    });
    let (client, _) = client(&server, 3);
    let err = client.sync_vehicle(&vehicle(NOW + 3600), &[], &SyncOptions::default(), NOW).unwrap_err();
    assert_eq!(err, ClientError::Unauthorized { status: 400, detail: Some("invalid_grant".into()) });
    assert_eq!(server.requests("/oauth/token").len(), 1);
    assert_eq!(server.requests("/v2.0/vehicles/veh-1/odometer").len(), 1);
}
