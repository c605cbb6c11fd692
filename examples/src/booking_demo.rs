//! The booking areas from Rust: validates the sample request, quotes it in both modes and shows availability.
//! Run: `cargo run -p fleetgate-examples --bin booking-demo`.

use fleetgate::{availability, booking, pricing};
use serde_json::Value as Json;

fn main() {
    let text = include_str!("../data/rental-sample.json");
    let sample: Json = serde_json::from_str(text).unwrap_or_default();
    println!("== Rust: fleetgate booking, pricing, availability ==");
    let cleaned = match booking::validate_json(&sample["request"], &sample["rules"], &sample["now"]) {
        Ok(cleaned) => cleaned,
        Err(e) => return println!("the sample request was rejected: {e}"),
    };
    println!("validate(sample request) -> {} .. {}", cleaned["start"], cleaned["end"]);
    if let Err(e) = booking::validate_json(&sample["bad_request"], &sample["rules"], &sample["now"]) {
        println!("sample errors = {}", e.errors_json());
    }
    let rate_card = &sample["rate_card"];
    let card = match pricing::RateCard::from_json(
        &rate_card["rules"],
        &rate_card["currency"],
        Some(&rate_card["list_price"]),
        None,
    ) {
        Ok(card) => card,
        Err(e) => return println!("the sample rate card was rejected: {e}"),
    };
    let tz = &sample["rules"]["time_zone"];
    for mode in ["odoo", "best"] {
        match card.quote_json(&cleaned["start"], &cleaned["end"], &mode.into(), &Json::Null, tz) {
            Ok(quote) => println!("sample quote {mode} = {quote}"),
            Err(e) => println!("quote failed: {e}"),
        }
    }
    match availability::timeline_json(&2.into(), &sample["bookings"]["7"], &cleaned["start"], &cleaned["end"]) {
        Ok(timeline) => println!("sample timeline = {timeline}"),
        Err(e) => println!("timeline failed: {e}"),
    }
}
