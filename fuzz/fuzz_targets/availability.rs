//! Availability over bookings: `[bookings, from, to]` or `[stock, bookings, from, to]` (the vectors' arguments),
//! decoded through the boundary at the bindings' sites.
#![no_main]

use fleetgate::availability::{self, site, Booking};
use fleetgate::boundary::{decode, Value};
use fleetgate::instant::Instant;
use fleetgate_fuzz::json_args;
use libfuzzer_sys::fuzz_target;
use serde_json::Value as Json;

fuzz_target!(|data: &[u8]| {
    let Some(args) = json_args(data) else { return };
    let get = |i: usize| Value::from(args.get(i).cloned().unwrap_or(Json::Null));
    let window = |at: usize| -> Option<(i64, i64)> {
        let start: Instant = decode(get(at), &site::START).ok()?;
        let end: Instant = decode(get(at + 1), &site::END).ok()?;
        Some((start.0, end.0))
    };
    if let (Ok(bookings), Some((start, end))) = (decode::<Vec<Booking>>(get(0), &site::BOOKINGS), window(1)) {
        let _ = availability::unavailable(&bookings, start, end);
    }
    let (Ok(bookings), Some((start, end))) = (decode::<Vec<Booking>>(get(1), &site::BOOKINGS), window(2)) else {
        return;
    };
    if let Ok(stock) = decode::<u32>(get(0), &site::STOCK) {
        let _ = availability::available(stock, &bookings, start, end);
        if let Ok(segments) = availability::timeline(stock, &bookings, start, end) {
            assert!(segments.windows(2).all(|w| w[0].end == w[1].start), "segments tile the window");
        }
    }
    if let Ok(units) = decode::<Vec<String>>(get(0), &site::UNITS) {
        let _ = availability::free_units(&units, &bookings, start, end);
    }
});
