//! fleetgate's rate limiting, retries, SSE and Odoo events from Rust.

use fleetgate::odoo;
use fleetgate::ratelimit::{client_key, Algorithm, Limiter, Quota, TrustedProxies};
use fleetgate::retry::{parse_retry_after, Backoff, Jitter};
use fleetgate::sse;

const HOUR_US: i64 = 3_600_000_000;
const NOW_US: i64 = 1_763_700_000_000_000;

/// Requests that arrive as fast as the limiter allows within one rolling hour: how many are admitted?
fn admitted_in_a_rolling_hour(algorithm: Algorithm) -> usize {
    let mut limiter = match Quota::new(10, HOUR_US, None).and_then(|q| Limiter::new(q, algorithm)) {
        Ok(limiter) => limiter,
        Err(e) => panic!("quota: {e}"),
    };
    (0..3600).filter(|s| limiter.check("client", NOW_US + s * 1_000_000, 1).is_ok_and(|d| d.allowed)).count()
}

fn main() {
    println!("== Rust: fleetgate::ratelimit / retry / sse / odoo ==");
    println!(
        "GCRA 10/hour: {} admitted in a rolling hour; sliding log: {}",
        admitted_in_a_rolling_hour(Algorithm::Gcra),
        admitted_in_a_rolling_hour(Algorithm::SlidingLog)
    );

    let spoofed = [("X-Forwarded-For", "1.2.3.4")];
    match client_key("203.0.113.7", &spoofed, &TrustedProxies::default(), 56) {
        Ok(key) => println!("spoofed X-Forwarded-For, no trusted proxy -> {key}"),
        Err(e) => println!("client_key failed: {e}"),
    }

    if let Ok(backoff) = Backoff::new(Jitter::Full, 500_000, 30_000_000, 5, None, 7) {
        println!("full jitter delays (us): {:?}", backoff.delays());
    }
    let date = "Fri, 21 Nov 2025 04:42:00 GMT";
    if let Ok(wait) = parse_retry_after(date, NOW_US) {
        println!("Retry-After {date:?} -> wait {} s", wait / 1_000_000);
    }

    if let Ok(frame) = sse::encode("line 1\nline 2", Some("inventory"), Some("42"), None) {
        println!("sse frame: {frame:?}");
    }
    let body =
        br#"{"event_type": "vehicle.availability_changed", "vehicle_id": 1, "availability_status": "available"}"#;
    match odoo::parse_event(body) {
        Ok(event) => println!("odoo {} invalidates {:?}", event.event_type(), event.invalidates()),
        Err(e) => println!("odoo event rejected: {} ({e})", e.code()),
    }
}
