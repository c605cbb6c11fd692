//! Smartcar webhook bodies (every envelope version): parse, check the invariants of the event's fields, turn
//! readings into odometer readings and judge them.
#![no_main]

use fleetgate::odometer::{check, check_batch, Policy, Reading};
use fleetgate::smartcar::{parse_event, MAX_EPOCH_MS, ODOMETER_SIGNAL};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(event) = parse_event(data) else { return };
    // Every field serializes (the shape every binding hands out).
    let json = serde_json::to_value(&event).expect("an event serializes");
    assert!(json.get("triggers").is_some_and(|t| t.is_array()));
    if !event.legacy {
        assert!(event.readings.iter().all(|r| Some(&r.vehicle_id) == event.vehicle_id.as_ref()));
        // Each current-format reading is an odometer signal kept in `signals`, and no failed signal is a reading.
        let odometer = event.signals.iter().filter(|s| s.code.eq_ignore_ascii_case(ODOMETER_SIGNAL));
        assert!(odometer.filter(|s| s.status.as_deref() != Some("ERROR")).count() == event.readings.len());
        assert!(event.signals.iter().all(|s| s.error.is_none() || s.status.as_deref() == Some("ERROR")));
    }
    for trigger in &event.triggers {
        assert!(!trigger.trigger_type.is_empty());
        assert!(trigger.source == "data.triggers" || trigger.source == "triggers");
    }
    let instants = [event.delivered_at_ms, event.event_based.as_ref().and_then(|b| b.event_time_ms)];
    assert!(instants.iter().flatten().all(|ms| (0..=MAX_EPOCH_MS).contains(ms)));
    let readings: Vec<Reading> = event.readings.iter().filter_map(|r| Reading::from_smartcar(r, Some(0))).collect();
    let policy = Policy::default();
    let verdicts = check_batch(&readings, &policy);
    assert_eq!(verdicts.len(), readings.len());
    for r in &readings {
        let _ = check(&readings, r, &policy);
    }
});
