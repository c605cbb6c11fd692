//! `Retry-After` values (delta-seconds and the three HTTP-date forms) and HTTP dates.
#![no_main]

use fleetgate::retry::{parse_http_date, parse_retry_after, MAX_DELAY_US};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for now_us in [0, 1_763_700_000_000_000, i64::MAX, i64::MIN, -1] {
        if let Ok(delay) = parse_retry_after(text, now_us) {
            assert!((0..=MAX_DELAY_US).contains(&delay), "{delay}");
        }
    }
    for now_s in [0, 1_763_700_000, i64::MAX, i64::MIN] {
        let _ = parse_http_date(text, now_s);
    }
});
