//! Runs the language-neutral vectors in `tests/vectors/*.json` against the Rust core.
//!
//! The harness is generic: a vector file is `{"area", "cases": [{"id", "fn", "args", "expect" | "error"}]}`, and
//! each area adds one loader that calls the core for a case and returns its result as JSON or its error code.
//! Cases marked `dynamic_only` exercise values a static type system cannot pass (bool, null, ...) and are
//! skipped here; the Python and JS runners execute them.

use std::path::PathBuf;

use fleetgate::units::{self, Value};
use fleetgate::ErrorCode;
use serde_json::Value as Json;

/// What a loader produced for one case: a JSON result or a stable error code.
type Outcome = Result<Json, String>;

fn code<E: ErrorCode>(e: E) -> String {
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
fn float_arg(arg: &Json) -> Option<f64> {
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

/// Calls `f` with the argument as a units value: JSON integers as exact decimal text (as Python passes ints),
/// other numbers as floats, strings as strings.
fn with_units_value<T>(arg: &Json, f: impl FnOnce(Value<'_>) -> T) -> T {
    match arg {
        Json::Number(n) if n.is_i64() || n.is_u64() => f(Value::Text(&n.to_string())),
        Json::String(s) => f(Value::Text(s)),
        other => f(Value::Number(float_arg(other).expect("numeric argument"))),
    }
}

fn load_units(function: &str, args: &[Json]) -> Outcome {
    let unit = |i: usize| args[i].as_str().expect("unit argument").to_owned();
    let float = |r: Result<f64, units::UnitsError>| r.map(Json::from).map_err(code);
    match function {
        "to_metres" => with_units_value(&args[0], |v| units::to_metres(v, &unit(1))).map(Json::from).map_err(code),
        "from_metres" => {
            let metres = match &args[0] {
                Json::Number(n) if n.is_i64() => Ok(n.as_i64().unwrap_or_default()),
                other => units::metres_from_f64(float_arg(other).expect("numeric argument")),
            };
            float(metres.and_then(|m| units::from_metres(m, &unit(1))))
        }
        "convert" => float(with_units_value(&args[0], |v| units::convert(v, &unit(1), &unit(2)))),
        other => panic!("unknown units function {other}"),
    }
}

#[test]
fn units_vectors() {
    run_vectors("units", load_units);
}
