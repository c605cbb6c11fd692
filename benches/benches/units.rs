//! Unit conversion throughput: `cargo bench -p fleetgate-benches --bench units`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use fleetgate::units::{self, Unit};

fn conversions(c: &mut Criterion) {
    let mut group = c.benchmark_group("units");
    group.throughput(Throughput::Elements(1));
    group.bench_function("to_metres/f64_mi", |b| b.iter(|| Unit::Miles.to_metres(black_box(104_321.7))));
    group.bench_function("to_metres/str_mi", |b| b.iter(|| Unit::Miles.to_metres(black_box("104,321.7"))));
    group.bench_function("to_metres/by_name_km", |b| {
        b.iter(|| units::to_metres(black_box(104_321.7), black_box("kilometers")))
    });
    group.bench_function("from_metres/mi", |b| b.iter(|| Unit::Miles.from_metres(black_box(167_890_123))));
    group
        .bench_function("convert/mi_to_km", |b| b.iter(|| Unit::Miles.convert(black_box(104_321.7), Unit::Kilometres)));
    group
        .bench_function("convert/km_to_mi", |b| b.iter(|| Unit::Kilometres.convert(black_box(104_321.7), Unit::Miles)));
    // The naive float formula users would otherwise write (inexact; here for scale only).
    group.bench_function("naive_f64_multiply", |b| b.iter(|| (black_box(104_321.7_f64) * 1609.344).round() as i64));
    group.finish();
}

criterion_group!(benches, conversions);
criterion_main!(benches);
