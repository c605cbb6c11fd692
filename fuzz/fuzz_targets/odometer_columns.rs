//! Odometer readings as columns, from raw bytes: 11 bytes per reading (a value, a time step, an event id and a
//! source drawn from small alphabets so duplicates and equal times are common). The columnar and object APIs must
//! give the same verdicts, and shuffling the input changes none.
#![no_main]

use fleetgate::odometer::{check_batch, check_columns, Columns, Policy, RawValue, Reading, UnitColumn};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let policy = match data.first() {
        Some(b) if b & 1 == 1 => Policy { same_value_window_s: Some(i64::from(*b) * 60), ..Policy::default() },
        Some(b) if b & 2 == 2 => Policy { meter_digits: Some(u32::from(b % 8) + 1), ..Policy::default() },
        _ => Policy::default(),
    };
    let records: Vec<&[u8]> = data.get(1..).unwrap_or_default().chunks_exact(11).collect();
    let mut values = Vec::new();
    let mut times = Vec::new();
    let mut texts = Vec::new();
    let mut sources = Vec::new();
    let mut t: i64 = 0;
    for r in &records {
        let raw = u32::from_le_bytes(r[0..4].try_into().unwrap());
        values.push(match r[4] % 16 {
            0 => f64::NAN,
            1 => -1.0,
            2 => 999_999.0,
            3 => f64::from_bits(u64::from(raw) << 32 | u64::from(raw)),
            _ => f64::from(raw) / 100.0,
        });
        let step = i64::from(i16::from_le_bytes([r[5], r[6]]));
        t = match r[7] % 8 {
            0 => i64::MIN + i64::from(r[5]),
            1 => i64::MAX - i64::from(r[5]),
            _ => t.saturating_add(step * 60_000),
        };
        times.push(t);
        texts.push(format!("e{}", r[8] % 16));
        sources.push(["smartcar", "manual"][usize::from(r[9] & 1)]);
    }
    let ids: Vec<Option<&str>> =
        texts.iter().zip(&records).map(|(s, r)| (r[10] & 1 == 1).then_some(s.as_str())).collect();
    let srcs: Vec<Option<&str>> = sources.iter().zip(&records).map(|(s, r)| (r[10] & 2 == 2).then_some(*s)).collect();
    let columns = Columns {
        values: &values,
        units: UnitColumn::Same("km"),
        times_ms: &times,
        event_ids: Some(&ids),
        sources: Some(&srcs),
    };
    let by_columns = check_columns(&columns, &policy).expect("equal lengths");
    let readings: Vec<Reading> = (0..values.len())
        .map(|i| {
            let mut r = Reading::new(RawValue::Number(values[i]), Some("km".into()), times[i]);
            r.event_id = ids[i].map(str::to_owned);
            r.source = srcs[i].map(str::to_owned);
            r
        })
        .collect();
    assert_eq!(check_batch(&readings, &policy), by_columns);
    // Reversed input: the same verdicts for the same readings. Readings equal in time, event id, source and metres
    // are interchangeable (which of them is the original and which the duplicates follows input order, even when
    // their raw values differ, e.g. 2e-139 and 3e-135 km are both 0 m), so verdicts are compared as a multiset.
    let reversed: Vec<Reading> = readings.iter().rev().cloned().collect();
    let again = check_batch(&reversed, &policy);
    let describe = |rs: &[Reading], vs: &[fleetgate::odometer::Verdict]| {
        let mut out: Vec<String> = rs
            .iter()
            .zip(vs)
            .map(|(r, v)| {
                let target = v.duplicate_of.map(|j| (rs[j].event_id.clone(), rs[j].reading_time_ms));
                // What the rules see of a reading: two readings equal in all of it are interchangeable.
                let seen = (r.reading_time_ms, &r.event_id, &r.source, v.metres);
                format!("{seen:?} {:?} {:?} {:?} {}", v.status, v.reason, v.allowed_range_m, target.is_some())
            })
            .collect();
        out.sort();
        out
    };
    assert_eq!(describe(&readings, &by_columns), describe(&reversed, &again));
});
