//! Stock Odoo rental route replies (JSON-RPC `/rental/product/constraints` and `/rental/product/availabilities`),
//! as the bytes a client or a browser received: both readers, and what they produce.
#![no_main]

use fleetgate::boundary::Value;
use fleetgate::odoo::rental::{availabilities, constraints, reply_json};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(reply) = reply_json(Value::Bytes(data.to_vec())) else { return };
    if let Ok(c) = constraints(&reply, None) {
        let view = c.view();
        assert!(view.forbidden_weekdays.len() <= 7);
        let _ = c.booking_rules(fleetgate::booking::BookingRules::default());
    }
    if let Ok(a) = availabilities(&reply, None) {
        assert!(a.segments.windows(2).all(|w| w[0].end <= w[1].start));
        assert!(a.segments.iter().all(|s| s.start < s.end));
        assert!(i64::from(a.padding_hours) * 3600 >= a.padding_seconds);
    }
});
