//! Runs the language-neutral vectors in `tests/vectors/*.json` against the Rust core.
//!
//! The harness is generic: a vector file is `{"area", "cases": [{"id", "fn", "args", "expect" | "error"}]}`, and
//! each area adds one loader that calls the core for a case and returns its result as JSON or its error code.
//! Cases marked `dynamic_only` exercise values a static type system cannot pass (bool, null, ...) and are
//! skipped here; the Python and JS runners execute them.
//!
//! One file per area in this folder holds its loader; a new area adds `mod <area>;` and one `#[test]` below, and
//! `every_vector_file_has_a_runner` fails until it does.

mod availability;
mod bad_input;
mod booking;
mod odometer;
mod odoo;
mod odoo_rental;
mod pricing;
mod ratelimit;
mod retry;
mod smartcar;
mod sse;
mod units;
mod webhooks;

use std::path::PathBuf;

use fleetgate::ErrorCode;
use serde_json::Value as Json;

/// What a loader produced for one case: a JSON result or a stable error code.
pub type Outcome = Result<Json, String>;

pub fn code<E: ErrorCode>(e: E) -> String {
    e.code().to_owned()
}

/// Loads `tests/vectors/<area>.json`, runs every case through `load`, and fails listing every mismatch.
fn run_vectors(area: &str, load: impl Fn(&str, &[Json]) -> Outcome) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors").join(format!("{area}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let file: Json = serde_json::from_str(&text).expect("vector file is JSON");
    let cases = file["cases"].as_array().expect("cases array");
    let (mut ran, mut skipped, mut failures) = (0, 0, Vec::new());
    for case in cases {
        let id = case["id"].as_str().expect("case id");
        if case["dynamic_only"].as_bool() == Some(true) {
            skipped += 1;
            continue;
        }
        ran += 1;
        let args = case["args"].as_array().expect("args array");
        let got = load(case["fn"].as_str().expect("fn"), args);
        let want: Outcome = match (case.get("expect"), case.get("error")) {
            (Some(v), None) => Ok(v.clone()),
            (None, Some(code)) => Err(code.as_str().expect("error code").to_owned()),
            _ => panic!("case {id} needs exactly one of expect / error"),
        };
        if !same(&got, &want) {
            failures.push(format!("{id}: expected {want:?}, got {got:?}"));
        }
    }
    println!("{area}: {ran} cases ran, {skipped} dynamic-only skipped, {} failed", failures.len());
    assert!(ran > 0, "{area}: no case ran");
    assert!(failures.is_empty(), "{area} vectors failed:\n{}", failures.join("\n"));
}

/// Equal outcomes; numbers compare by kind: integers exactly, floats bit for bit (they are correctly rounded).
fn same(got: &Outcome, want: &Outcome) -> bool {
    match (got, want) {
        (Ok(Json::Number(g)), Ok(Json::Number(w))) => match (g.as_i64(), w.as_i64()) {
            (Some(g), Some(w)) => g == w,
            _ => g.as_f64().map(f64::to_bits) == w.as_f64().map(f64::to_bits),
        },
        _ => got == want,
    }
}

/// A float argument: a JSON number or `{"$float": "nan" | "inf" | "-inf"}`.
pub fn float_arg(arg: &Json) -> Option<f64> {
    match arg {
        Json::Number(n) => n.as_f64(),
        Json::Object(o) => match o.get("$float").and_then(Json::as_str) {
            Some("nan") => Some(f64::NAN),
            Some("inf") => Some(f64::INFINITY),
            Some("-inf") => Some(f64::NEG_INFINITY),
            _ => None,
        },
        _ => None,
    }
}

/// A body argument: a JSON string (its UTF-8), `{"$bytes_hex": "..."}` or `{"$repeat": {"text", "times"}}`.
pub fn body_arg(arg: &Json) -> Vec<u8> {
    match arg {
        Json::String(s) => s.as_bytes().to_vec(),
        Json::Object(o) if o.contains_key("$bytes_hex") => {
            let hex = o["$bytes_hex"].as_str().expect("hex string");
            (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex digit")).collect()
        }
        Json::Object(o) if o.contains_key("$repeat") => {
            let spec = &o["$repeat"];
            let text = spec["text"].as_str().expect("repeat text");
            text.repeat(usize::try_from(spec["times"].as_u64().expect("repeat times")).expect("fits")).into_bytes()
        }
        other => panic!("not a body argument: {other}"),
    }
}

/// The areas that have a loader here; each must have a vector file and each vector file must be listed.
const AREAS: &[&str] = &[
    "availability",
    "bad_input",
    "booking",
    "client_key",
    "odometer",
    "odoo",
    "odoo_rental",
    "pricing",
    "ratelimit",
    "retry",
    "smartcar",
    "sse",
    "units",
    "webhooks",
];

#[test]
fn every_vector_file_has_a_runner() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("vectors folder")
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".json").map(str::to_owned))
        .collect();
    files.sort();
    let mut areas: Vec<String> = AREAS.iter().map(|a| (*a).to_owned()).collect();
    areas.sort();
    assert_eq!(files, areas, "every tests/vectors/<area>.json needs a loader in tests/vector_runner/");
}

#[test]
fn odometer_vectors() {
    run_vectors("odometer", odometer::load);
}

#[test]
fn units_vectors() {
    run_vectors("units", units::load);
}

#[test]
fn pricing_vectors() {
    run_vectors("pricing", pricing::load);
}

#[test]
fn booking_vectors() {
    run_vectors("booking", booking::load);
}

#[test]
fn availability_vectors() {
    run_vectors("availability", availability::load);
}

#[test]
fn webhooks_vectors() {
    run_vectors("webhooks", webhooks::load);
}

#[test]
fn smartcar_vectors() {
    run_vectors("smartcar", smartcar::load);
}

#[test]
fn ratelimit_vectors() {
    run_vectors("ratelimit", ratelimit::load);
}

#[test]
fn client_key_vectors() {
    run_vectors("client_key", ratelimit::load_client_key);
}

#[test]
fn retry_vectors() {
    run_vectors("retry", retry::load);
}

#[test]
fn sse_vectors() {
    run_vectors("sse", sse::load);
}

#[test]
fn odoo_vectors() {
    run_vectors("odoo", odoo::load);
}

#[test]
fn odoo_rental_vectors() {
    run_vectors("odoo_rental", odoo_rental::load);
}
