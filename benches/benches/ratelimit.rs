//! Rate-limiter decisions per second, fleetgate next to the `governor` crate in the same run:
//! `cargo bench -p fleetgate-benches --bench ratelimit`.
//!
//! Both limit 10 requests per hour per key (GCRA). "one key" checks the same key again and again (after the first
//! 10, every decision is a denial); "1M keys" cycles through one million distinct keys (the map holds them all).
//! fleetgate takes `now` as an input: `explicit_now` passes a counter, `system_clock` reads `SystemTime::now()`
//! per call as a server would; governor reads its own (quanta) clock.

use std::hint::black_box;
use std::num::NonZeroU32;
use std::time::{SystemTime, UNIX_EPOCH};

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use fleetgate::ratelimit::{Algorithm, Limiter, Quota};
use governor::{DefaultKeyedRateLimiter, RateLimiter};

const T0: i64 = 1_763_700_000_000_000;
const MANY: usize = 1_000_000;

fn fleetgate_limiter(algorithm: Algorithm) -> Limiter {
    Limiter::new(Quota::new(10, 3_600_000_000, None).expect("quota"), algorithm).expect("limiter")
}

fn governor_limiter() -> DefaultKeyedRateLimiter<String> {
    RateLimiter::keyed(governor::Quota::per_hour(NonZeroU32::new(10).expect("10 > 0")))
}

fn clock_us() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_micros() as i64)
}

fn one_key(c: &mut Criterion) {
    let mut group = c.benchmark_group("ratelimit/one_key");
    group.throughput(Throughput::Elements(1));
    let key = "203.0.113.7".to_owned();
    let mut gcra = fleetgate_limiter(Algorithm::Gcra);
    let mut now = T0;
    group.bench_function("fleetgate_gcra/explicit_now", |b| {
        b.iter(|| {
            now += 1;
            gcra.check(black_box(&key), now, 1).map(|d| d.allowed)
        })
    });
    let mut gcra = fleetgate_limiter(Algorithm::Gcra);
    group.bench_function("fleetgate_gcra/system_clock", |b| {
        b.iter(|| gcra.check(black_box(&key), clock_us(), 1).map(|d| d.allowed))
    });
    let mut log = fleetgate_limiter(Algorithm::SlidingLog);
    let mut now = T0;
    group.bench_function("fleetgate_sliding_log/explicit_now", |b| {
        b.iter(|| {
            now += 1;
            log.check(black_box(&key), now, 1).map(|d| d.allowed)
        })
    });
    // The pure step over one integer of state, no map and no key: what a caller storing state itself pays.
    let quota = Quota::new(10, 3_600_000_000, None).expect("quota");
    let (mut state, mut now) = (0, T0);
    group.bench_function("fleetgate_gcra_step/no_map", |b| {
        b.iter(|| {
            now += 1;
            let (decision, next) = fleetgate::ratelimit::gcra_step(&quota, black_box(state), now, 1).expect("valid");
            state = next;
            decision.allowed
        })
    });
    let governor = governor_limiter();
    group.bench_function("governor_keyed", |b| b.iter(|| governor.check_key(black_box(&key)).is_ok()));
    group.finish();
}

fn million_keys(c: &mut Criterion) {
    let mut group = c.benchmark_group("ratelimit/1M_keys");
    group.throughput(Throughput::Elements(1));
    let keys: Vec<String> = (0..MANY).map(|i| format!("10.{}.{}.{}", i >> 16, (i >> 8) & 255, i & 255)).collect();
    let mut gcra = fleetgate_limiter(Algorithm::Gcra);
    let (mut i, mut now) = (0usize, T0);
    group.bench_function("fleetgate_gcra/explicit_now", |b| {
        b.iter(|| {
            i = (i + 1) % MANY;
            now += 1;
            gcra.check(black_box(&keys[i]), now, 1).map(|d| d.allowed)
        })
    });
    let mut gcra = fleetgate_limiter(Algorithm::Gcra);
    let mut i = 0usize;
    group.bench_function("fleetgate_gcra/system_clock", |b| {
        b.iter(|| {
            i = (i + 1) % MANY;
            gcra.check(black_box(&keys[i]), clock_us(), 1).map(|d| d.allowed)
        })
    });
    let governor = governor_limiter();
    let mut i = 0usize;
    group.bench_function("governor_keyed", |b| {
        b.iter(|| {
            i = (i + 1) % MANY;
            governor.check_key(black_box(&keys[i])).is_ok()
        })
    });
    // Filling an empty limiter with one million new keys, for both (allocation and growth included).
    group.throughput(Throughput::Elements(MANY as u64));
    group.sample_size(10);
    group.bench_function("fill/fleetgate_gcra", |b| {
        b.iter_batched(
            || fleetgate_limiter(Algorithm::Gcra),
            |mut limiter| keys.iter().filter(|k| limiter.check(k, T0, 1).is_ok_and(|d| d.allowed)).count(),
            BatchSize::LargeInput,
        )
    });
    group.bench_function("fill/governor_keyed", |b| {
        b.iter_batched(
            governor_limiter,
            |limiter| keys.iter().filter(|k| limiter.check_key(k).is_ok()).count(),
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, one_key, million_keys);
criterion_main!(benches);
