//! The booking areas from Rust: validates the sample request, quotes it in both modes and shows availability.
//! Run: `cargo run -p fleetgate-examples --bin booking-demo`.
//!
//! The sample is JSON, as a Rust service would receive it: the typed inputs (`BookingRules`, `Rule`,
//! `RateCardOptions`, `Booking`) are read with `fleetgate::boundary::decode` at each area's site, so a bad file
//! gets the same codes as a binding caller.

use fleetgate::availability::{self, Booking};
use fleetgate::booking::{self, BookingError};
use fleetgate::boundary::{decode, Value};
use fleetgate::instant::TimeZone;
use fleetgate::pricing::{self, Mode, QuoteOptions, RateCard, RateCardOptions, Rule};
use serde_json::{json, Value as Json};

fn main() {
    let text = include_str!("../data/rental-sample.json");
    let sample: Json = serde_json::from_str(text).unwrap_or_default();
    println!("== Rust: fleetgate booking, pricing, availability ==");
    if let Err(e) = run(&sample) {
        println!("the sample was rejected: {e}");
    }
}

fn run(sample: &Json) -> Result<(), Box<dyn std::error::Error>> {
    let given = |v: &Json| Value::from(v.clone());
    let options = json!({"rules": sample["rules"], "now": sample["now"]});
    let options = booking::decode_options(given(&options), &booking::site::OPTIONS)?;
    let clock = || std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let now = options.now_or(clock);
    let cleaned = booking::validate(&sample["request"], &options.rules, now)?;
    let (start, end) = (cleaned.start, cleaned.end);
    let shown = serde_json::to_value(&cleaned)?;
    println!("validate(sample request) -> {} .. {}", shown["start"], shown["end"]);
    if let Err(BookingError::ValidationFailed { errors }) =
        booking::validate(&sample["bad_request"], &options.rules, now)
    {
        println!("sample errors = {}", serde_json::to_string(&errors)?);
    }
    let card = &sample["rate_card"];
    let rules: Vec<Rule> = decode(given(&card["rules"]), &pricing::site::RULES)?;
    let card_options = json!({"currency": card["currency"], "list_price": card["list_price"]});
    let card_options: RateCardOptions = decode(given(&card_options), &pricing::site::CARD_OPTIONS)?;
    let card = RateCard::with_options(rules, card_options)?;
    for mode in [Mode::Odoo, Mode::Best] {
        let quote =
            card.quote(start, end, &QuoteOptions { mode, pricelist: None, tz: TimeZone(options.rules.time_zone) })?;
        println!(
            "sample quote {} = {}",
            serde_json::to_string(&mode)?.trim_matches('"'),
            serde_json::to_string(&quote)?
        );
    }
    let bookings: Vec<Booking> = decode(given(&sample["bookings"]["7"]), &availability::site::BOOKINGS)?;
    let timeline = availability::timeline(2, &bookings, start, end)?;
    println!("sample timeline = {}", serde_json::to_string(&timeline)?);
    Ok(())
}
