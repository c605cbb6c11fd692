//! Odoo webhook bodies (booking, inventory and native server-action shapes, with and without a model map), and
//! image paths.
#![no_main]

use fleetgate::odoo::{image_url, parse_event, parse_event_with, Model, ParseOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(event) = parse_event(data) {
        let _ = event.to_json();
        let _ = event.invalidates();
    }
    let options = ParseOptions {
        model_map: [("atlas.equipment".to_owned(), Model::FleetVehicle), ("atlas.booking".to_owned(), Model::SaleOrder)]
            .into(),
    };
    if let Ok(event) = parse_event_with(data, &options) {
        let json = event.to_json();
        assert!(json["type"].is_string());
        for cache in event.invalidates() {
            assert!(!cache.view().cache.is_empty());
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let (base, path) = text.split_once('\n').unwrap_or(("https://odoo.example", text));
        if let Ok(url) = image_url(base, path) {
            assert!(!url.is_empty());
        }
    }
});
