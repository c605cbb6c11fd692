//! `receiver demo`: a scripted day of Smartcar deliveries (a retry, a late arrival, a unit mix-up, a parked car,
//! a forged request, a VERIFY challenge) posted over HTTP to a receiver on a random local port, then what was stored
//! and why.

use std::sync::Arc;
use std::thread;

use fleetgate::webhook::Verifier;
use serde_json::Value;

use crate::handler::Receiver;
use crate::http;
use crate::store::Store;

/// The application management token of the demo (a made-up one).
const AMT: &str = "demo-application-management-token-0001";
/// 2024-06-03T08:00:00Z in unix milliseconds.
const MORNING_MS: i64 = 1_717_401_600_000;
const HOUR_MS: i64 = 3_600_000;

/// A Smartcar VEHICLE_STATE delivery carrying one odometer signal; `value` is written into the JSON as is.
pub fn delivery(event_id: &str, delivery_id: &str, vehicle: &str, value: &str, unit: &str, oem_ms: i64) -> String {
    format!(
        r#"{{"eventId":"{event_id}","eventType":"VEHICLE_STATE","vehicleId":"{vehicle}","data":{{"user":{{"id":"u1"}},"vehicle":{{"id":"{vehicle}","make":"TESLA","model":"Model 3","year":2022}},"signals":[{{"code":"odometer-traveleddistance","name":"TraveledDistance","group":"Odometer","body":{{"unit":"{unit}","value":{value}}},"meta":{{"oemUpdatedAt":{oem_ms},"fetchedAt":{fetched}}}}}]}},"meta":{{"version":"4.0","webhookId":"wh-1","deliveryId":"{delivery_id}","deliveredAt":{fetched},"mode":"LIVE"}}}}"#,
        fetched = oem_ms + 30_000
    )
}

fn summary(status: u16, body: &str) -> String {
    let Ok(json) = serde_json::from_str::<Value>(body) else { return format!("{status} {body}") };
    if let Some(error) = json.get("error") {
        return format!("{status} refused: {}", error.as_str().unwrap_or_default());
    }
    if json.get("challenge").is_some() {
        return format!("{status} challenge answered");
    }
    let readings = json["readings"].as_array().cloned().unwrap_or_default();
    let parts: Vec<String> = readings
        .iter()
        .map(|r| {
            let why = r["reason"].as_str().map(|s| format!(" ({s})")).unwrap_or_default();
            let dup = r["duplicate_of"].as_str().map(|s| format!(" of logged reading #{s}")).unwrap_or_default();
            format!("{}{why}{dup}", r["status"].as_str().unwrap_or("?"))
        })
        .collect();
    format!("{status} {}", parts.join(", "))
}

/// Runs the scripted day against a receiver using the database at `db`.
pub fn run(db: &str) -> Result<(), String> {
    let store = Store::open(db).map_err(|e| e.to_string())?;
    store.link_vehicle("veh-tesla-1", 17).map_err(|e| e.to_string())?;
    let receiver = Receiver::new(store, AMT).map_err(|e| e.to_string())?;
    let server = Arc::new(http::bind("127.0.0.1:0")?);
    let addr = server.server_addr().to_string();
    let signer = Verifier::smartcar(&[AMT]).map_err(|e| e.to_string())?;
    let forger = Verifier::smartcar(&["somebody-else-s-token-000000000000000"]).map_err(|e| e.to_string())?;
    let at = |hours: i64| MORNING_MS + hours * HOUR_MS;
    let day: Vec<(&str, String, &Verifier)> = vec![
        ("08:00 reading, 50,000.0 km", delivery("e1", "d1", "veh-tesla-1", "50000.0", "kilometers", at(0)), &signer),
        (
            "the same event retried 25 s later",
            delivery("e1", "d1-retry", "veh-tesla-1", "50000.0", "kilometers", at(0)),
            &signer,
        ),
        ("10:00 reading, 50,080.5 km", delivery("e3", "d3", "veh-tesla-1", "50080.5", "kilometers", at(2)), &signer),
        ("09:00 reading arriving late", delivery("e2", "d2", "veh-tesla-1", "50031.2", "kilometers", at(1)), &signer),
        (
            "11:00 reading sent in miles but labelled km",
            delivery("e4", "d4", "veh-tesla-1", "31120.3", "km", at(3)),
            &signer,
        ),
        ("12:00 reading, 50,120.0 km", delivery("e5", "d5", "veh-tesla-1", "50120.0", "kilometers", at(4)), &signer),
        (
            "18:00 parked: same value, six hours later",
            delivery("e6", "d6", "veh-tesla-1", "50120.0", "kilometers", at(10)),
            &signer,
        ),
        (
            "a forged delivery (wrong token)",
            delivery("e7", "d7", "veh-tesla-1", "90000.0", "kilometers", at(11)),
            &forger,
        ),
        (
            "a vehicle this app does not know",
            delivery("e8", "d8", "veh-unknown", "1000.0", "kilometers", at(11)),
            &signer,
        ),
    ];
    // The receiver (and its SQLite connection) lives on the server thread and comes back when it stops.
    let serving = {
        let server = Arc::clone(&server);
        thread::spawn(move || {
            http::serve(&server, &receiver);
            receiver
        })
    };
    {
        println!("receiver on http://{addr}/api/smartcar/webhook");
        let verify = r#"{"eventId":"v1","eventType":"VERIFY","data":{"challenge":"fleetgate-demo-challenge"},"meta":{"webhookId":"wh-1","deliveryId":"dv","deliveredAt":1717401600000,"version":"4.0"}}"#;
        match http::post(&addr, "/api/smartcar/webhook", &[], verify.as_bytes()) {
            Ok((status, body)) => println!("  {:<46} -> {}", "VERIFY challenge (unsigned)", summary(status, &body)),
            Err(e) => println!("  VERIFY failed: {e}"),
        }
        for (what, body, key) in &day {
            let headers = key.sign(body.as_bytes(), None, None).unwrap_or_default();
            match http::post(&addr, "/api/smartcar/webhook", &headers, body.as_bytes()) {
                Ok((status, answer)) => println!("  {what:<46} -> {}", summary(status, &answer)),
                Err(e) => println!("  {what}: {e}"),
            }
        }
        server.unblock();
    }
    let receiver = serving.join().map_err(|_| "the server thread panicked".to_owned())?;
    println!("\nmeter_entries (what the app shows):");
    for e in receiver.store.entries().map_err(|e| e.to_string())? {
        println!("  car {}  {:>10} km  {}  event {}", e.car_id, e.km, e.entry_date, e.event_id.unwrap_or_default());
    }
    println!("\nsync log (every delivered reading, nothing lost):");
    for row in receiver.store.log().map_err(|e| e.to_string())? {
        let (event, unit) = (row.event_id.unwrap_or_default(), row.raw_unit.unwrap_or_default());
        println!("  {event:<4} {:>9} {unit:<10} {:<9} {}", row.raw_value, row.status, row.reason.unwrap_or_default());
    }
    Ok(())
}
