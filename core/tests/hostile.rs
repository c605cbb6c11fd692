//! Hostile input (issue 12): every case measured through the bindings, as a core test. Each one must end in a
//! fleetgate error or a correct answer, in bounded memory and without quadratic work; none may panic (a panic
//! here is the `internal_error`, or the abort, the bindings reported).
//!
//! Release and debug builds must behave alike (overflow checks are off in release, so an unchecked operation
//! would wrap there instead of panicking): run this file in both,
//! `cargo test -p fleetgate --test hostile` and `cargo test --release -p fleetgate --test hostile`.

use base64::Engine as _;
use fleetgate::odometer::{
    check, check_batch, check_columns, Columns, Policy, RawValue, Reading, Status, UnitColumn, MAX_WINDOW_S,
};
use fleetgate::pricing::{Mode, QuoteOptions, RateCard, BEST_MODE_MAX_STEPS};
use fleetgate::ratelimit::{Algorithm, Limiter, Quota};
use fleetgate::sse::{Decoder, DEFAULT_MAX_BUFFER};
use fleetgate::webhook::{TimeCheck, Verifier, DEFAULT_MAX_BUFFERED_BODY, MAX_HEADERS, MAX_HEADER_BYTES};
use serde_json::json;

/// `Limiter(limit=2**40, period=2**40/1e6, algorithm="sliding_log").check("k", cost=2**40)` aborted the process
/// trying to allocate 8 TiB (one log entry per unit of cost).
#[test]
fn sliding_log_cost_never_allocates_per_unit() {
    let quota = Quota::new(1 << 40, 1 << 40, None).unwrap();
    let mut limiter = Limiter::new(quota, Algorithm::SlidingLog).unwrap();
    let now = 1_700_000_000_000_000;
    let first = limiter.check("k", now, 1 << 40).unwrap();
    assert!(first.allowed);
    assert_eq!(first.remaining, 0);
    let second = limiter.check("k", now + 1, 1).unwrap();
    assert!(!second.allowed);
    assert_eq!(second.retry_after_us, (1 << 40) - 1);
    // Above the limit is an error, never a silent truncation.
    assert_eq!(limiter.check("k", now, (1 << 40) + 1).unwrap_err().code(), "invalid_cost");
    assert_eq!(limiter.check("k", now, u64::MAX).unwrap_err().code(), "invalid_cost");
    // Once the window has passed, the whole limit is available again.
    assert!(limiter.check("k", now + (1 << 40), 1 << 40).unwrap().allowed);
}

fn reading(km: f64, time_ms: i64, id: Option<String>) -> Reading {
    let mut r = Reading::new(RawValue::Number(km), Some("km".into()), time_ms);
    r.event_id = id;
    r
}

/// `check_batch_columns` over readings that share one reading time was quadratic (10,000 readings 0.73 s,
/// 40,000 readings 10.4 s). Here 200,000 of them: seconds if quadratic in a debug build, never minutes.
#[test]
fn one_reading_time_for_all_is_n_log_n_and_correct() {
    let n = 200_000;
    let values: Vec<f64> = (0..n).map(|i| 10_000.0 + ((i * 7919) % 1000) as f64).collect();
    let times = vec![1_700_000_000_000; n];
    let texts: Vec<String> = (0..n).map(|i| format!("evt-{i}")).collect();
    let ids: Vec<Option<&str>> = texts.iter().map(|t| Some(t.as_str())).collect();
    let columns = Columns {
        values: &values,
        units: UnitColumn::Same("km"),
        times_ms: &times,
        event_ids: Some(&ids),
        sources: None,
    };
    let verdicts = check_columns(&columns, &Policy::default()).unwrap();
    // One instant, one source: the first in the documented order (event id "evt-0") is accepted and every other
    // reading is a duplicate of it (the same (source, reading time)).
    assert_eq!(verdicts[0].status, Status::Accept);
    assert!(verdicts[1..].iter().all(|v| v.status == Status::Duplicate && v.duplicate_of == Some(0)));
}

/// Event ids crafted to collide, or just to be long and share a prefix, cost comparisons, never quadratic work.
#[test]
fn adversarial_event_ids_stay_n_log_n() {
    let n = 50_000;
    let prefix = "x".repeat(1000);
    let readings: Vec<Reading> = (0..n)
        .map(|i| reading(10_000.0 + i as f64, i as i64 * 600_000, Some(format!("{prefix}{}", i % (n / 2)))))
        .collect();
    let verdicts = check_batch(&readings, &Policy::default());
    // Each id appears twice: the second reading of each is a duplicate of the first.
    for (i, v) in verdicts.iter().enumerate() {
        if i < n / 2 {
            assert_eq!(v.status, Status::Accept, "{i}");
        } else {
            assert_eq!((v.status, v.duplicate_of), (Status::Duplicate, Some(i - n / 2)), "{i}");
        }
    }
}

/// `Policy(same_value_window_s=2**62)` overflowed (`internal_error` in debug, wrong verdicts in release).
#[test]
fn huge_policy_values_are_invalid_policy_or_exact() {
    let policy = Policy { same_value_window_s: Some(1 << 62), ..Policy::default() };
    let err = policy.validate().unwrap_err();
    assert_eq!(err.code(), "invalid_policy");
    assert_eq!(fleetgate::ErrorCode::details(&err)["max"], serde_json::json!(MAX_WINDOW_S), "{err}");
    assert!(Policy { same_value_window_s: Some(MAX_WINDOW_S), ..Policy::default() }.validate().is_ok());
    // A Rust caller may skip validate(): every computation on the values is still exact, never wrapping.
    let history = [reading(1000.0, 0, None)];
    let same = reading(1000.0, 365 * 86_400_000, None);
    assert_eq!(check(&history, &same, &policy).status, Status::Duplicate);
    assert_eq!(check_batch(&[history[0].clone(), same], &policy)[1].status, Status::Duplicate);
    for digits in [16, 20, 40, u32::MAX] {
        let odd = Policy { meter_digits: Some(digits), max_speed_kmh: 1e300, ..Policy::default() };
        assert_eq!(check(&history, &reading(1001.0, 1000, None), &odd).status, Status::Accept);
    }
}

/// Reading times anywhere in i64: differences are computed in i128, never wrapped.
#[test]
fn extreme_reading_times_never_overflow() {
    let extremes = [i64::MIN, i64::MIN + 1, -1, 0, 1, i64::MAX - 1, i64::MAX];
    let policy = Policy { same_value_window_s: Some(i64::MAX), ..Policy::default() };
    for p in [Policy::default(), policy] {
        let readings: Vec<Reading> =
            extremes.iter().enumerate().map(|(i, &t)| reading(1000.0 + i as f64, t, None)).collect();
        let verdicts = check_batch(&readings, &p);
        // A kilometre apart over ~2^63 ms is a plausible speed; in time order the values increase.
        assert!(verdicts.iter().all(|v| v.status == Status::Accept), "{verdicts:?}");
        for r in &readings {
            assert_eq!(check(&readings, r, &p).status, Status::Duplicate);
        }
        // The wrong way round: each later reading is lower, so void (out of sequence, or a unit swap: over such
        // spans the value read in the other unit would fit), bounded by the first.
        let backwards: Vec<Reading> =
            extremes.iter().enumerate().map(|(i, &t)| reading(2000.0 - i as f64, t, None)).collect();
        let verdicts = check_batch(&backwards, &p);
        assert_eq!(verdicts[0].status, Status::Accept);
        for v in &verdicts[1..] {
            assert_eq!((v.status, v.allowed_range_m), (Status::Void, Some((2_000_000, None))), "{v:?}");
        }
    }
}

/// `sse.Decoder().feed()` kept 300 MiB without a newline. Now the default limit (1 MiB) ends it.
#[test]
fn sse_buffer_is_bounded() {
    let mut decoder = Decoder::new();
    assert_eq!(decoder.max_buffer(), DEFAULT_MAX_BUFFER);
    let chunk = vec![b'a'; 64 * 1024];
    let mut fed = 0;
    let err = loop {
        match decoder.try_feed(&chunk) {
            Ok(events) => assert!(events.is_empty()),
            Err(e) => break e,
        }
        fed += chunk.len();
        assert!(fed <= DEFAULT_MAX_BUFFER, "the decoder kept more than its limit");
    };
    assert_eq!(err.code(), "buffer_overflow");
    assert!(decoder.overflowed());
    // Poisoned: every later call fails the same way, even with a well-formed event.
    assert_eq!(decoder.try_feed(b"data: x\n\n").unwrap_err().code(), "buffer_overflow");
    assert!(decoder.feed(b"data: x\n\n").is_empty());

    // Many data lines and no blank line count too.
    let mut decoder = Decoder::new().with_max_buffer(1000);
    let lines = b"data: 0123456789\n".repeat(100);
    assert_eq!(decoder.try_feed(&lines).unwrap_err().code(), "buffer_overflow");

    // Events completed before the overflow in the same chunk are still delivered; the next call reports it.
    let mut decoder = Decoder::new().with_max_buffer(64);
    let mut wire = b"data: first\n\n".to_vec();
    wire.extend(vec![b'x'; 100]);
    let events = decoder.try_feed(&wire).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].data, "first");
    assert!(decoder.overflowed());
    assert!(decoder.try_feed(b"\n").is_err());

    // Within the limit nothing changes, however the stream is cut.
    let mut decoder = Decoder::new().with_max_buffer(64);
    let mut got = Vec::new();
    for byte in b"id: 7\nevent: e\ndata: hello\r\n\r\n".chunks(1) {
        got.extend(decoder.try_feed(byte).unwrap());
    }
    assert_eq!((got.len(), got[0].data.as_str(), decoder.last_event_id()), (1, "hello", "7"));
}

/// Best mode cost hours x rules (5,000 hourly rules over 100 years: about 4 x 10^9 steps). Ordinary cards are
/// now cheap for any period, and a card that would still need too much work is refused up front.
#[test]
fn best_mode_work_is_bounded() {
    let start = fleetgate::instant::parse_rfc3339("2024-01-01T00:00:00Z").unwrap();
    let end = fleetgate::instant::parse_rfc3339("2123-12-31T00:00:00Z").unwrap();
    let best = QuoteOptions { mode: Mode::Best, ..QuoteOptions::default() };
    let odoo = QuoteOptions::default();
    // 5,000 hourly rules, each dearer per hour than the last: only the one-hour rule matters.
    let rules: Vec<_> =
        (1..=5000).map(|d| json!({"unit": "hour", "duration": d, "price": (d * 100 + d * d).to_string()})).collect();
    let cheap = card(json!(rules));
    let quote = cheap.quote(start, end, &best).unwrap();
    assert!(quote.total_minor <= cheap.quote(start, end, &odoo).unwrap().total_minor);
    // 36,523 days = 876,552 hours (Python: (date(2123,12,31) - date(2024,1,1)).days * 24) at 101.00 each (the
    // one-hour rule), the cheapest per hour.
    assert_eq!(quote.total_minor, 876_552 * 10_100);

    // Rules from 4,001 to 5,000 hours, the longest the best value: each stays worth combining, so an exact
    // cover would need a table of the whole period x 1,000 rules. That is refused, naming the bound.
    let rules: Vec<_> = (4001..=5000)
        .map(|d: i64| json!({"unit": "hour", "duration": d, "price": (d * 100_000 - (d - 4000) * (d - 4000)).to_string()}))
        .collect();
    let complex = card(json!(rules));
    let err = complex.quote(start, end, &best).unwrap_err();
    assert_eq!(err.code(), "quote_too_complex");
    assert!(err.to_string().contains(&BEST_MODE_MAX_STEPS.to_string()), "{err}");
    // Odoo mode is one pass over the rules, always available.
    assert!(complex.quote(start, end, &odoo).is_ok());
}

/// A EUR rate card of `rules` (JSON as every binding passes them).
fn card(rules: serde_json::Value) -> RateCard {
    RateCard::with_options(serde_json::from_value(rules).unwrap(), Default::default()).unwrap()
}

/// Smartcar v3 `oemUpdatedAt` accepted any i64 into time subtractions.
#[test]
fn smartcar_instants_are_range_checked() {
    let body = |oem: &str| {
        format!(
            r#"{{"eventId":"e1","eventType":"VEHICLE_STATE","vehicleId":"v1","data":{{"signals":[{{"code":"odometer-traveleddistance","body":{{"unit":"km","value":1}},"meta":{{"oemUpdatedAt":{oem}}}}}]}},"meta":{{"version":"4.0","webhookId":"w","deliveryId":"d","deliveredAt":1}}}}"#
        )
    };
    let ok = fleetgate::smartcar::parse_event(body("1700000000000").as_bytes()).unwrap();
    assert_eq!(ok.readings[0].read_at_ms, Some(1_700_000_000_000));
    assert_eq!(
        fleetgate::smartcar::parse_event(body("253402300799999").as_bytes()).unwrap().readings[0].read_at_ms,
        Some(fleetgate::smartcar::MAX_EPOCH_MS)
    );
    for bad in ["253402300800000", "9223372036854775807", "99999999999999999999", "-1", "1.5"] {
        let err = fleetgate::smartcar::parse_event(body(bad).as_bytes()).unwrap_err();
        assert_eq!(err.code(), "invalid_payload", "{bad}");
    }
}

/// Webhook headers are bounded in count and length; Ed25519 verification, which must keep the body, is bounded
/// by default.
#[test]
fn webhook_headers_and_buffered_bodies_are_bounded() {
    let github = Verifier::github(&["It's a Secret to Everybody"]).unwrap();
    let mut headers: Vec<(String, String)> = (0..=MAX_HEADERS).map(|i| (format!("x-{i}"), "v".into())).collect();
    let err = github.verify(&headers, b"", TimeCheck::Skip).unwrap_err();
    assert_eq!(err.code(), "too_many_headers");
    headers.truncate(10);
    headers.push(("X-Hub-Signature-256".into(), format!("sha256={}", "0".repeat(MAX_HEADER_BYTES))));
    assert_eq!(github.verify(&headers, b"", TimeCheck::Skip).unwrap_err().code(), "header_too_large");

    let seed = base64::engine::general_purpose::STANDARD.encode([7u8; 32]);
    let ed = Verifier::standard_webhooks(&[&format!("whsk_{seed}")]).unwrap();
    let signature = base64::engine::general_purpose::STANDARD.encode([1u8; 64]);
    let headers = [
        ("webhook-id", "msg_1".to_owned()),
        ("webhook-timestamp", "1700000000".to_owned()),
        ("webhook-signature", format!("v1a,{signature}")),
    ];
    let mut stream = ed.stream(&headers, TimeCheck::Skip).unwrap();
    let chunk = vec![0u8; 1 << 20];
    let mut fed = 0;
    let err = loop {
        if let Err(e) = stream.update(&chunk) {
            break e;
        }
        fed += chunk.len();
        assert!(fed <= DEFAULT_MAX_BUFFERED_BODY);
    };
    assert_eq!(err.code(), "body_too_large");
    // An explicit maximum replaces the default; HMAC schemes stream and have no default bound.
    let mut roomy = ed.clone().with_max_body(DEFAULT_MAX_BUFFERED_BODY * 2).stream(&headers, TimeCheck::Skip).unwrap();
    for _ in 0..(DEFAULT_MAX_BUFFERED_BODY >> 20) + 1 {
        roomy.update(&chunk).unwrap();
    }
    let hub = [("X-Hub-Signature-256", format!("sha256={}", "0".repeat(64)))];
    let mut hmac = github.stream(&hub, TimeCheck::Skip).unwrap();
    for _ in 0..(DEFAULT_MAX_BUFFERED_BODY >> 20) + 1 {
        hmac.update(&chunk).unwrap();
    }
    assert_eq!(hmac.finish().unwrap_err().code(), "invalid_signature");
}

/// Found by fuzzing (retry_after): an HTTP-date with an extreme caller `now` overflowed `date * 10^6 - now`
/// (a panic in debug, a wrapped delay of ~9.2 x 10^18 us in release).
#[test]
fn retry_after_dates_with_extreme_now_never_overflow() {
    use fleetgate::retry::parse_retry_after;
    let date = "Sat Nov  1 00:00:00 0609";
    assert_eq!(parse_retry_after(date, i64::MIN).unwrap_err().code(), "invalid_retry_after");
    assert_eq!(parse_retry_after(date, i64::MAX), Ok(0));
    assert_eq!(parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", 0).unwrap_err().code(), "invalid_retry_after");
    // MAX_DELAY_US (2^53 - 1 us) from the epoch is 2255-06-05T23:47:34.740991Z (Python:
    // datetime.fromtimestamp((2**53 - 1) / 1e6, timezone.utc)): the last whole second before it is accepted.
    assert_eq!(parse_retry_after("Tue, 05 Jun 2255 23:47:34 GMT", 0), Ok(9_007_199_254_000_000));
}

/// Public functions that take raw i64 instants from Rust callers check them (the JSON forms already did).
#[test]
fn raw_instants_from_rust_callers_are_checked() {
    use fleetgate::availability::{unavailable, Booking};
    use fleetgate::pricing::{late_fee, LateFeeOptions};
    let card = card(json!([{"unit": "day", "duration": 1, "price": "60.00"}]));
    for (start, end) in [(i64::MIN, i64::MAX), (0, i64::MAX), (i64::MIN, 0)] {
        for mode in [Mode::Odoo, Mode::Best] {
            let options = QuoteOptions { mode, ..QuoteOptions::default() };
            assert_eq!(card.quote(start, end, &options).unwrap_err().code(), "invalid_quote");
        }
    }
    let rates = LateFeeOptions::new(100.into(), 1000.into());
    assert_eq!(late_fee(i64::MIN, i64::MAX, &rates).unwrap_err().code(), "invalid_quote");
    let booking = Booking { start: i64::MIN + 5, end: 0, quantity: 1, padding_hours: 1, unit: None };
    assert_eq!(booking.blocked(), (i64::MIN, 0));
    assert_eq!(unavailable(&[booking], i64::MIN, i64::MAX), Ok(1));
}
