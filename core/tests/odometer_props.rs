//! Property tests of the odometer batch: monotone accepted readings, agreement with one-at-a-time checks, and
//! independence from input order; the current odometer is the newest reading accepted one at a time.

use fleetgate::odometer::{
    check, check_batch, check_columns, current, Columns, Policy, RawValue, Reading, Status, UnitColumn, Verdict,
};
use proptest::prelude::*;

/// Readings of one vehicle: a mostly increasing odometer with noise, retries (repeated event ids), parked-car
/// repeats, unit mix-ups and occasional garbage, at times that may collide.
fn readings() -> impl Strategy<Value = Vec<Reading>> {
    prop::collection::vec((0i64..400, 0u32..3000, 0u8..10, 0u8..6, any::<bool>(), 0u8..4), 0..60).prop_map(|raw| {
        raw.into_iter()
            .enumerate()
            .map(|(i, (minute, km_tenths, kind, event, src, unit))| {
                let base = 10_000.0 + f64::from(km_tenths) / 10.0 + minute as f64 * 0.5;
                let value = match kind {
                    0 => RawValue::Number(f64::NAN),
                    1 => RawValue::Number(999_999.0),
                    2 => RawValue::Text(format!("{base}")),
                    _ => RawValue::Number(base),
                };
                let mut r = Reading::new(
                    value,
                    Some(["km", "mi", "kilometers", "km"][usize::from(unit)].into()),
                    minute * 60_000,
                );
                r.event_id = (event > 0).then(|| format!("evt-{event}-{}", i % 7));
                r.source = Some(if src { "smartcar" } else { "manual" }.into());
                r
            })
            .collect()
    })
}

/// Checks the readings one at a time in the batch's order, each against the earlier ones with their verdicts.
fn one_at_a_time(readings: &[Reading], policy: &Policy) -> Vec<Verdict> {
    let mut order: Vec<usize> = (0..readings.len()).collect();
    let key = |i: usize| {
        let r = &readings[i];
        let metres = r.metres(policy);
        (r.reading_time_ms, r.event_id.clone(), r.source.clone(), metres.is_none(), metres, i)
    };
    order.sort_by_key(|&i| key(i));
    let mut history: Vec<Reading> = Vec::new();
    let mut positions: Vec<usize> = Vec::new();
    let mut verdicts = vec![None; readings.len()];
    for i in order {
        let mut verdict = check(&history, &readings[i], policy);
        verdict.duplicate_of = verdict.duplicate_of.map(|h| positions[h]);
        let mut entry = readings[i].clone();
        entry.status = Some(verdict.status);
        history.push(entry);
        positions.push(i);
        verdicts[i] = Some(verdict);
    }
    verdicts.into_iter().map(Option::unwrap).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn accepted_readings_never_go_backwards(readings in readings()) {
        let policy = Policy::default();
        let verdicts = check_batch(&readings, &policy);
        let mut accepted: Vec<(i64, i64)> = readings
            .iter()
            .zip(&verdicts)
            .filter(|(_, v)| v.status == Status::Accept)
            .map(|(r, v)| (r.reading_time_ms, v.metres.unwrap()))
            .collect();
        accepted.sort();
        for pair in accepted.windows(2) {
            prop_assert!(pair[0].1 <= pair[1].1, "{:?}", pair);
        }
    }

    #[test]
    fn batch_agrees_with_one_at_a_time(readings in readings(), legacy in any::<bool>()) {
        let policy = Policy { same_value_window_s: legacy.then_some(3600), ..Policy::default() };
        prop_assert_eq!(check_batch(&readings, &policy), one_at_a_time(&readings, &policy));
    }

    #[test]
    fn columns_agree_with_objects(readings in readings(), legacy in any::<bool>()) {
        let policy = Policy { same_value_window_s: legacy.then_some(3600), ..Policy::default() };
        let values: Vec<f64> = readings
            .iter()
            .map(|r| match &r.value {
                RawValue::Number(v) => *v,
                RawValue::Text(t) => t.parse().unwrap(),
                other => panic!("{other:?}"),
            })
            .collect();
        let units: Vec<&str> = readings.iter().map(|r| r.unit.as_deref().unwrap()).collect();
        let times: Vec<i64> = readings.iter().map(|r| r.reading_time_ms).collect();
        let ids: Vec<Option<&str>> = readings.iter().map(|r| r.event_id.as_deref()).collect();
        let sources: Vec<Option<&str>> = readings.iter().map(|r| r.source.as_deref()).collect();
        let columns = Columns {
            values: &values,
            units: UnitColumn::Each(&units),
            times_ms: &times,
            event_ids: Some(&ids),
            sources: Some(&sources),
        };
        prop_assert_eq!(check_columns(&columns, &policy).unwrap(), check_batch(&readings, &policy));
    }

    #[test]
    fn shuffling_changes_no_verdict(readings in readings(), seed in any::<u64>()) {
        let policy = Policy::default();
        let verdicts = check_batch(&readings, &policy);
        // A deterministic shuffle from the seed.
        let mut perm: Vec<usize> = (0..readings.len()).collect();
        let mut state = seed | 1;
        for i in (1..perm.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            perm.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let shuffled: Vec<Reading> = perm.iter().map(|&i| readings[i].clone()).collect();
        let again = check_batch(&shuffled, &policy);
        for (k, &i) in perm.iter().enumerate() {
            let (a, b) = (&verdicts[i], &again[k]);
            prop_assert_eq!((a.status, a.reason, a.metres, a.allowed_range_m), (b.status, b.reason, b.metres, b.allowed_range_m));
            // a duplicate points at a reading with the same content, wherever it now sits
            let same_target = match (a.duplicate_of, b.duplicate_of) {
                (Some(x), Some(y)) => format!("{:?}", readings[x]) == format!("{:?}", shuffled[y]),
                (x, y) => x.is_none() && y.is_none(),
            };
            prop_assert!(same_target);
        }
    }

    #[test]
    fn current_is_the_newest_reading_accepted_one_at_a_time(readings in readings()) {
        let policy = Policy::default();
        let verdicts = one_at_a_time(&readings, &policy);
        let newest = readings
            .iter()
            .zip(&verdicts)
            .filter(|(_, v)| v.status == Status::Accept)
            .filter_map(|(r, v)| Some((r.reading_time_ms, v.metres?)))
            .max();
        let found = current(&readings, &policy);
        prop_assert_eq!(found.as_ref().map(|c| (readings[c.index].reading_time_ms, c.metres)), newest);
        let mut reversed = readings.clone();
        reversed.reverse();
        let again = current(&reversed, &policy);
        prop_assert_eq!(again.map(|c| (reversed[c.index].reading_time_ms, c.metres)), newest);
    }
}
