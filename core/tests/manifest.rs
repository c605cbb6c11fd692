//! `core/areas.json` is the list of areas; the core's registration points must follow it: a `pub mod` per area in
//! `src/lib.rs`, a binding file per area in each binding, and every area of `error::CODES` listed.

use std::path::PathBuf;

use serde_json::Value as Json;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn areas() -> Vec<Json> {
    let text = std::fs::read_to_string(root().join("core/areas.json")).expect("core/areas.json");
    let manifest: Json = serde_json::from_str(&text).expect("JSON");
    manifest["areas"].as_array().expect("areas").clone()
}

#[test]
fn every_area_is_registered_in_core_and_has_its_binding_files() {
    let lib = std::fs::read_to_string(root().join("core/src/lib.rs")).expect("lib.rs");
    let mut missing = Vec::new();
    for area in areas() {
        let core = area["core"].as_str().expect("core");
        if !lib.contains(&format!("pub mod {core};")) {
            missing.push(format!("core/src/lib.rs: pub mod {core};"));
        }
        for binding in ["bindings-python", "bindings-node", "bindings-wasm"] {
            let file = root().join(binding).join("src").join(format!("{core}.rs"));
            let wasm_without_http = binding == "bindings-wasm" && core == "client";
            if !wasm_without_http && !file.exists() {
                missing.push(file.display().to_string());
            }
        }
    }
    assert!(missing.is_empty(), "areas.json lists areas whose registration is missing: {missing:?}");
}

#[test]
fn every_error_area_is_in_the_manifest() {
    let names: Vec<String> = areas().iter().map(|a| a["area"].as_str().expect("area").to_owned()).collect();
    for info in fleetgate::error::CODES {
        if info.area != "any" && info.area != "internal" {
            assert!(names.iter().any(|n| n == info.area), "error area {} is not in core/areas.json", info.area);
        }
    }
}
