//! Availability over bookings: `[bookings, from, to]` or `[stock, bookings, from, to]` (the vectors' arguments),
//! decoded through the boundary at the bindings' sites. A prepared `Bookings` over the same list must give the free
//! functions' answers.
#![no_main]

use fleetgate::availability::{self, site, Booking, Bookings};
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
        let free = availability::unavailable(&bookings, start, end);
        if let Ok(prepared) = Bookings::new(bookings) {
            assert_eq!(prepared.unavailable(start, end), free);
        }
    }
    let (Ok(bookings), Some((start, end))) = (decode::<Vec<Booking>>(get(1), &site::BOOKINGS), window(2)) else {
        return;
    };
    let Ok(prepared) = Bookings::new(bookings.clone()) else { return }; // only beyond MAX_BOOKINGS
    if let Ok(stock) = decode::<u32>(get(0), &site::STOCK) {
        let available = availability::available(stock, &bookings, start, end);
        assert_eq!(prepared.available(stock, start, end), available);
        let timeline = availability::timeline(stock, &bookings, start, end);
        if let Ok(segments) = &timeline {
            assert!(segments.windows(2).all(|w| w[0].end == w[1].start), "segments tile the window");
        }
        assert_eq!(prepared.timeline(stock, start, end), timeline);
    }
    if let Ok(units) = decode::<Vec<String>>(get(0), &site::UNITS) {
        let free = availability::free_units(&units, &bookings, start, end);
        assert_eq!(prepared.free_units(&units, start, end), free);
    }
});
