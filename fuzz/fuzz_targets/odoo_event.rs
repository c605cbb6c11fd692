//! Odoo webhook bodies (booking, inventory and native server-action shapes), and image paths.
#![no_main]

use fleetgate::odoo::{image_url, parse_event};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(event) = parse_event(data) {
        let _ = event.to_json();
        let _ = event.invalidates();
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let (base, path) = text.split_once('\n').unwrap_or(("https://odoo.example", text));
        if let Ok(url) = image_url(base, path) {
            assert!(!url.is_empty());
        }
    }
});
