//! Odometer batch validation: `cargo bench -p fleetgate-benches --bench odometer`.
//! A million readings of one vehicle (shuffled, with retries, glitches and sentinels), through the object API
//! (`check_batch`) and the columnar API (`check_columns`); and the hostile shape where every reading shares one
//! reading time, at the same n (its ratio to the shuffled case is recorded in benches/README.md).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use fleetgate::odometer::{check_batch, check_columns, Columns, Policy, RawValue, Reading, UnitColumn};
use fleetgate_benches::odometer_columns;

const N: usize = 1_000_000;

fn batch(c: &mut Criterion) {
    let data = odometer_columns(N, 42);
    let times_ms: Vec<i64> = data.times.iter().map(|t| (*t as i64) * 1000).collect();
    let ids: Vec<Option<&str>> = data.event_ids.iter().map(|s| Some(s.as_str())).collect();
    let readings: Vec<Reading> = (0..N)
        .map(|i| {
            let mut r = Reading::new(RawValue::Number(data.values[i]), Some("km".into()), times_ms[i]);
            r.event_id = Some(data.event_ids[i].clone());
            r
        })
        .collect();
    let policy = Policy::default();

    let mut group = c.benchmark_group("odometer");
    group.sample_size(10);
    group.throughput(Throughput::Elements(N as u64));
    group.bench_function("check_batch/1M_readings", |b| b.iter(|| check_batch(black_box(&readings), &policy)));
    group.bench_function("check_columns/1M_readings", |b| {
        b.iter(|| {
            let columns = Columns {
                values: &data.values,
                units: UnitColumn::Same("km"),
                times_ms: &times_ms,
                event_ids: Some(&ids),
                sources: None,
            };
            check_columns(black_box(&columns), &policy)
        })
    });
    // A backfill exported from a database usually arrives in reading-time order.
    let mut by_time: Vec<usize> = (0..N).collect();
    by_time.sort_by_key(|&i| times_ms[i]);
    let sorted_values: Vec<f64> = by_time.iter().map(|&i| data.values[i]).collect();
    let sorted_times: Vec<i64> = by_time.iter().map(|&i| times_ms[i]).collect();
    let sorted_ids: Vec<Option<&str>> = by_time.iter().map(|&i| ids[i]).collect();
    group.bench_function("check_columns/1M_readings_in_time_order", |b| {
        b.iter(|| {
            let columns = Columns {
                values: &sorted_values,
                units: UnitColumn::Same("km"),
                times_ms: &sorted_times,
                event_ids: Some(&sorted_ids),
                sources: None,
            };
            check_columns(black_box(&columns), &policy)
        })
    });
    // Hostile shape (issue 12): every reading at one reading time, the same n. Must stay O(n log n).
    let one_time = vec![times_ms[0]; N];
    group.bench_function("check_columns/1M_readings_one_time", |b| {
        b.iter(|| {
            let columns = Columns {
                values: &data.values,
                units: UnitColumn::Same("km"),
                times_ms: &one_time,
                event_ids: Some(&ids),
                sources: None,
            };
            check_columns(black_box(&columns), &policy)
        })
    });
    group.finish();
}

criterion_group!(benches, batch);
criterion_main!(benches);
