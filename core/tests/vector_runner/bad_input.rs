//! The Rust runner of `tests/vectors/bad_input.json`: a case's `rust` entry names a core type and a value; the
//! value is decoded at that type's site (the site every binding uses) and must fail with the case's code and path.
//! Cases without a `rust` entry are host-only (a JS `undefined`, a Python int beyond 64 bits, ...) and are counted
//! as such.

use std::path::PathBuf;

use fleetgate::boundary::{decode, ArgError, Site, Value};
use fleetgate::odometer::{input as odometer_input, OdometerError};
use serde_json::Value as Json;

/// One row per core type the vectors decode: its name in the file, and the decode at its binding site.
type Decoder = fn(Value) -> Result<(), ArgError>;

fn decoders() -> Vec<(&'static str, Decoder)> {
    use fleetgate::availability::{self, Booking};
    use fleetgate::instant::Instant;
    use fleetgate::webhook as wh;
    use fleetgate::{booking, pricing};
    vec![
        ("sse::EncodeOptions", |v| decode::<fleetgate::sse::EncodeOptions>(v, &Site::options("sse")).map(drop)),
        ("webhook::BodyOptions", |v| decode::<wh::BodyOptions>(v, &Site::options("webhook")).map(drop)),
        ("webhook::TimedOptions", |v| decode::<wh::TimedOptions>(v, &Site::options("webhook")).map(drop)),
        ("webhook::OdooOptions", |v| decode::<wh::OdooOptions>(v, &Site::options("webhook")).map(drop)),
        ("webhook::HmacOptions", |v| decode::<wh::HmacOptions>(v, &Site::options("webhook")).map(drop)),
        ("webhook::VerifyOptions", |v| decode::<wh::VerifyOptions>(v, &Site::options("webhook")).map(drop)),
        ("webhook::SignOptions", |v| decode::<wh::SignOptions>(v, &Site::options("webhook")).map(drop)),
        ("webhook::Secrets", |v| {
            decode::<wh::Secrets>(v, &Site::coded("webhook", "invalid_secret", "secret")).map(drop)
        }),
        // booking, pricing, availability: each argument at its area's site (`<area>::site`).
        ("booking::ValidateOptions", |v| booking::decode_options(v, &booking::site::OPTIONS).map(drop)),
        ("pricing::Rules", |v| decode::<Vec<pricing::Rule>>(v, &pricing::site::RULES).map(drop)),
        ("pricing::RateCardOptions", |v| decode::<pricing::RateCardOptions>(v, &pricing::site::CARD_OPTIONS).map(drop)),
        ("pricing::QuoteOptions", |v| decode::<pricing::QuoteOptions>(v, &pricing::site::OPTIONS).map(drop)),
        ("pricing::LateFeeOptions", |v| decode::<pricing::LateFeeOptions>(v, &pricing::site::OPTIONS).map(drop)),
        ("pricing::Start", |v| decode::<Instant>(v, &pricing::site::START).map(drop)),
        ("availability::Bookings", |v| decode::<Vec<Booking>>(v, &availability::site::BOOKINGS).map(drop)),
        ("availability::Stock", |v| decode::<u32>(v, &availability::site::STOCK).map(drop)),
        ("availability::Units", |v| decode::<Vec<String>>(v, &availability::site::UNITS).map(drop)),
        ("availability::Start", |v| decode::<Instant>(v, &availability::site::START).map(drop)),
        // odometer: the decoders every binding calls (odometer::input), their errors as ArgError
        ("odometer::Policy", |v| {
            odometer_input::decode_policy(v, &odometer_input::POLICY_SITE)
                .map(drop)
                .map_err(OdometerError::into_arg_error)
        }),
        ("odometer::Reading", |v| {
            odometer_input::decode_reading(v, &odometer_input::reading_site("candidate"))
                .map(drop)
                .map_err(OdometerError::into_arg_error)
        }),
        ("odometer::SmartcarReading", |v| {
            let site = &fleetgate::odometer::SMARTCAR_READING_SITE;
            let given = fleetgate::odometer::decode_smartcar_reading(v, site).map_err(OdometerError::into_arg_error)?;
            let options = fleetgate::odometer::FromSmartcarOptions::default();
            fleetgate::odometer::reading_from_smartcar(given, &options, || 0, fleetgate::boundary::Keys::Snake)
                .map(drop)
                .map_err(OdometerError::into_arg_error)
        }),
        ("odometer::FromSmartcarOptions", |v| {
            fleetgate::odometer::decode_from_smartcar_options(v, &Site::options("odometer"))
                .map(drop)
                .map_err(OdometerError::into_arg_error)
        }),
        ("odometer::Readings", |v| {
            odometer_input::decode_readings(v, &odometer_input::reading_site("history"))
                .map(drop)
                .map_err(OdometerError::into_arg_error)
        }),
        ("sse::DecoderOptions", |v| decode::<fleetgate::sse::DecoderOptions>(v, &Site::options("sse")).map(drop)),
        ("ratelimit::LimiterOptions", |v| {
            decode::<fleetgate::ratelimit::LimiterOptions>(v, &Site::options("ratelimit")).map(drop)
        }),
        ("ratelimit::CheckOptions", |v| {
            decode::<fleetgate::ratelimit::CheckOptions>(v, &Site::options("ratelimit")).map(drop)
        }),
        ("ratelimit::StepOptions", |v| {
            decode::<fleetgate::ratelimit::StepOptions>(v, &Site::options("ratelimit")).map(drop)
        }),
        ("ratelimit::ClientKeyOptions", |v| {
            decode::<fleetgate::ratelimit::ClientKeyOptions>(v, &Site::options("ratelimit")).map(drop)
        }),
        ("retry::BackoffOptions", |v| decode::<fleetgate::retry::BackoffOptions>(v, &Site::options("retry")).map(drop)),
        ("odoo::ParseOptions", |v| {
            decode::<fleetgate::odoo::ParseOptions>(v, &fleetgate::odoo::OPTIONS_SITE).map(drop)
        }),
    ]
}

#[test]
fn bad_input_vectors() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/bad_input.json");
    let file: Json = serde_json::from_str(&std::fs::read_to_string(&path).expect("bad_input.json")).expect("JSON");
    let table = decoders();
    let (mut ran, mut host_only, mut failures) = (0, 0, Vec::new());
    for case in file["cases"].as_array().expect("cases") {
        let id = case["id"].as_str().expect("id");
        let Some(rust) = case.get("rust") else {
            host_only += 1;
            continue;
        };
        let name = rust["decode"].as_str().expect("rust.decode");
        let Some((_, decoder)) = table.iter().find(|(n, _)| *n == name) else {
            failures.push(format!("{id}: no decoder row for {name} in tests/vector_runner/bad_input.rs"));
            continue;
        };
        ran += 1;
        match decoder(Value::from(rust["value"].clone())) {
            Ok(()) => failures.push(format!("{id}: expected {}, decoded fine", case["error"])),
            Err(err) => {
                if err.code != case["error"].as_str().expect("error") {
                    failures.push(format!("{id}: expected {}, got {} ({err})", case["error"], err.code));
                } else if let Some(want) = case.get("path").and_then(Json::as_str) {
                    if err.path != want {
                        failures.push(format!("{id}: expected path {want}, got {} ({err})", err.path));
                    }
                }
            }
        }
    }
    println!("bad_input: {ran} cases ran, {host_only} host-only skipped, {} failed", failures.len());
    assert!(ran > 0, "bad_input: no case ran");
    assert!(failures.is_empty(), "bad_input vectors failed:\n{}", failures.join("\n"));
}
