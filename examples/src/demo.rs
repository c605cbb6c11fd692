//! The Rust part of the demo: what fleetgate's core does, printed for a person to read.
//! Run with `cargo run -p fleetgate-examples --bin demo` (or the README's demo command, which runs every language).

use fleetgate::units;

fn main() {
    println!("== Rust: fleetgate::units ==");
    for (value, unit) in [("12,345.6", "mi"), ("999999", "mi"), ("0.0025", "km")] {
        match units::to_metres(value, unit) {
            Ok(m) => println!("to_metres({value:?}, {unit:?}) = {m} m"),
            Err(e) => println!("to_metres({value:?}, {unit:?}) -> {} ({e})", e.code()),
        }
    }
    let naive = (999_999.0_f64 * 1.60934 * 1000.0).round() as i64;
    let exact = units::to_metres(999_999.0, "mi").unwrap_or_default();
    println!("999,999 mi: exact {exact} m, the x1.60934 approximation {naive} m ({} m short)", exact - naive);
    match units::convert(1.0, "mi", "km") {
        Ok(km) => println!("convert(1, \"mi\", \"km\") = {km}"),
        Err(e) => println!("convert failed: {e}"),
    }
    if let Err(e) = units::to_metres("abc", "km") {
        println!("to_metres(\"abc\", \"km\") -> error {}: {e}", e.code());
    }
}
