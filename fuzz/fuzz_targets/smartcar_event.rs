//! Smartcar webhook bodies (every envelope version): parse, turn readings into odometer readings and judge them.
#![no_main]

use fleetgate::odometer::{check, check_batch, Policy, Reading};
use fleetgate::smartcar::parse_event;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(event) = parse_event(data) else { return };
    let readings: Vec<Reading> = event.readings.iter().filter_map(|r| Reading::from_smartcar(r, Some(0))).collect();
    let policy = Policy::default();
    let verdicts = check_batch(&readings, &policy);
    assert_eq!(verdicts.len(), readings.len());
    for r in &readings {
        let _ = check(&readings, r, &policy);
    }
});
