//! Distance parsing and conversion: `value\nunit` text. A float and its shortest decimal text always give the same
//! metres (the documented rule), and a conversion's result is within range.
#![no_main]

use fleetgate::units::{convert, exact_integer, from_metres, to_metres, Unit};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (value, unit) = text.split_once('\n').unwrap_or((text, "km"));
    let _ = Unit::parse(unit);
    let from_text = to_metres(value, unit);
    let _ = exact_integer(value);
    let _ = convert(value, unit, "mi");
    if let Ok(v) = value.trim().parse::<f64>() {
        let from_float = to_metres(v, unit);
        if v.is_finite() && v >= 0.0 {
            // abs(): -0.0 reads as 0, as documented.
            assert_eq!(from_float, to_metres(v.abs().to_string().as_str(), unit), "{v}");
        }
        let _ = exact_integer(v);
    }
    if let Ok(m) = from_text {
        let back = from_metres(m, unit).expect("metres in range convert back");
        assert!(back.is_finite() && back >= 0.0);
    }
    if data.len() >= 8 {
        let v = f64::from_le_bytes(data[..8].try_into().unwrap());
        let _ = to_metres(v, "mi");
    }
});
