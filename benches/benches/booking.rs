//! Booking areas: quotes (Odoo mode and best mode, a week and a year), availability over 10,000 bookings and one
//! request validation. `cargo bench -p fleetgate-benches --bench booking`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use fleetgate::availability::{self, Booking, Bookings};
use fleetgate::booking::{self, BookingRules};
use fleetgate::boundary::{decode, Value};
use fleetgate::instant::{Instant, TimeZone};
use fleetgate::pricing::{self, Mode, QuoteOptions, RateCard, Rule};
use serde_json::json;

/// 2024-02-01T10:00:00Z.
const START: i64 = 1_706_781_600;
const WEEK: i64 = 7 * 86_400;
const YEAR: i64 = 366 * 86_400;

fn card() -> RateCard {
    let rules = json!([
        {"unit": "hour", "duration": 1, "price": "15.00"},
        {"unit": "day", "duration": 1, "price": "65.00"},
        {"unit": "week", "duration": 1, "price": "290.00"},
        {"unit": "month", "duration": 1, "price": "950.00"},
    ]);
    let rules: Vec<Rule> = decode(Value::from(rules), &pricing::site::RULES).expect("valid rules");
    RateCard::new(rules, Default::default(), None, Default::default()).expect("valid card")
}

/// 10,000 bookings of 1 to 72 hours, a few hours apart, over about two years, 1 to 3 units each.
pub fn ten_thousand_bookings() -> Vec<Booking> {
    (0..10_000i64)
        .map(|i| {
            let start = START + i * 6_700 % (2 * YEAR) + (i % 7) * 3600;
            Booking {
                start,
                end: start + 3600 * (1 + i * 37 % 72),
                quantity: 1 + (i % 3) as u32,
                padding_hours: (i % 2) as u32,
                unit: None,
            }
        })
        .collect()
}

fn quotes(c: &mut Criterion) {
    let card = card();
    let tz: chrono_tz::Tz = "Europe/Brussels".parse().expect("zone");
    let mut group = c.benchmark_group("pricing");
    for (name, length) in [("week", WEEK), ("year", YEAR)] {
        for (mode_name, mode) in [("odoo", Mode::Odoo), ("best", Mode::Best)] {
            let options = QuoteOptions { mode, pricelist: None, tz: TimeZone(tz) };
            group.bench_function(format!("quote/{mode_name}/{name}"), |b| {
                b.iter(|| card.quote(black_box(START), black_box(START + length), &options))
            });
        }
    }
    // What a binding does per call: decode the instants and the options, quote, serialize the result.
    group.bench_function("quote_decoded/best/year", |b| {
        let (start, end) = (json!("2024-02-01T10:00:00Z"), json!("2025-02-01T10:00:00Z"));
        let options = json!({"mode": "best", "tz": "Europe/Brussels"});
        b.iter(|| {
            let start: Instant = decode(Value::from(black_box(start.clone())), &pricing::site::START).unwrap();
            let end: Instant = decode(Value::from(black_box(end.clone())), &pricing::site::END).unwrap();
            let options: QuoteOptions = decode(Value::from(options.clone()), &pricing::site::OPTIONS).unwrap();
            serde_json::to_value(card.quote(start.0, end.0, &options).unwrap())
        })
    });
    group.finish();
}

fn availability_10k(c: &mut Criterion) {
    let bookings = ten_thousand_bookings();
    let (from, to) = (START, START + 2 * YEAR);
    let mut group = c.benchmark_group("availability");
    group.bench_function("unavailable/10k_bookings", |b| {
        b.iter(|| availability::unavailable(black_box(&bookings), from, to))
    });
    group.bench_function("timeline/10k_bookings", |b| {
        b.iter(|| availability::timeline(5, black_box(&bookings), from, to))
    });
    group.bench_function("unavailable/10k_bookings_one_week_window", |b| {
        b.iter(|| availability::unavailable(black_box(&bookings), from + YEAR, from + YEAR + WEEK))
    });
    // Prepared: built once, then the 100 one-week windows of benches/compare/availability_prepared.*.
    let windows: Vec<(i64, i64)> =
        (0..100).map(|k| from + k * (2 * YEAR - WEEK) / 100).map(|f| (f, f + WEEK)).collect();
    group.bench_function("prepared/build_10k_bookings", |b| b.iter(|| Bookings::new(black_box(bookings.clone()))));
    // What a binding adds before that: its host values, walked into the boundary's `Value`, decoded as bookings.
    let as_given: Vec<serde_json::Value> = bookings
        .iter()
        .map(|b| json!({"start": b.start, "end": b.end, "quantity": b.quantity, "padding_hours": b.padding_hours}))
        .collect();
    let walked = Value::from(serde_json::Value::Array(as_given));
    group.bench_function("prepared/decode_10k_bookings", |b| {
        b.iter(|| decode::<Vec<Booking>>(black_box(walked.clone()), &availability::site::BOOKINGS).unwrap())
    });
    let prepared = Bookings::new(bookings.clone()).expect("valid bookings");
    group.bench_function("prepared/available_100_week_windows", |b| {
        b.iter(|| windows.iter().map(|&(f, t)| prepared.available(5, f, t).unwrap()).sum::<u32>())
    });
    group.bench_function("prepared/timeline_100_week_windows", |b| {
        b.iter(|| windows.iter().map(|&(f, t)| prepared.timeline(5, f, t).unwrap().len()).sum::<usize>())
    });
    group.bench_function("free/available_100_week_windows", |b| {
        b.iter(|| windows.iter().map(|&(f, t)| availability::available(5, &bookings, f, t).unwrap()).sum::<u32>())
    });
    group.finish();
}

fn validation(c: &mut Criterion) {
    let request = json!({
        "vehicle_id": "7", "customer_name": "  Ann   Peeters ", "customer_email": "Ann.Peeters@Example.BE",
        "customer_phone": "0470 12 34 56", "date_from": "2024-02-01", "date_to": "2024-02-08",
    });
    let rules: BookingRules = decode(
        Value::from(json!({"time_zone": "Europe/Brussels", "default_region": "BE"})),
        &fleetgate::boundary::Site::coded("booking", booking::INVALID_BOOKING_RULES, "rules"),
    )
    .expect("valid rules");
    c.bench_function("booking/validate", |b| b.iter(|| booking::validate(black_box(&request), &rules, 1_705_320_000)));
}

criterion_group!(benches, quotes, availability_10k, validation);
criterion_main!(benches);
