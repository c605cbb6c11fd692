//! Times `check_columns` on the benches' million shuffled readings (the same generator as
//! `benches/src/lib.rs`), for profiling with `perf`/`valgrind` without criterion around it:
//! `cargo run --release -p fleetgate --example odometer_batch_profile [runs] [one_time]`.
//! Prints the fastest run; benches/README.md records the criterion numbers, which are the reference.

use std::time::Instant;

use fleetgate::odometer::{check_columns, Columns, Policy, UnitColumn};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let runs: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(5);
    let one_time = args.get(2).is_some_and(|a| a == "one_time");
    let n = 1_000_000;
    let (values, ids) = generate(n, 42);
    let mut times_ms: Vec<i64> = ids.iter().map(|&id| (1_700_000_000 + id as i64 * 300) * 1000).collect();
    if one_time {
        times_ms = vec![times_ms[0]; n];
    }
    let texts: Vec<String> = ids.iter().map(|id| format!("evt-{id}")).collect();
    let event_ids: Vec<Option<&str>> = texts.iter().map(|s| Some(s.as_str())).collect();
    let columns = Columns {
        values: &values,
        units: UnitColumn::Same("km"),
        times_ms: &times_ms,
        event_ids: Some(&event_ids),
        sources: None,
    };
    let policy = Policy::default();
    let mut best = f64::INFINITY;
    let mut accepted = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let verdicts = check_columns(&columns, &policy).expect("same lengths");
        best = best.min(start.elapsed().as_secs_f64());
        accepted = verdicts.iter().filter(|v| v.reason.is_none() && v.duplicate_of.is_none()).count();
    }
    println!("{n} readings: best {:.1} ms, {:.2} M/s ({accepted} accepted)", best * 1e3, n as f64 / best / 1e6);
}

/// The benches' generator (`fleetgate_benches::odometer_columns`): km values and event-id numbers, shuffled.
fn generate(n: usize, seed: u64) -> (Vec<f64>, Vec<usize>) {
    let mut state = seed | 1;
    let mut below = |m: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % m
    };
    let (mut values, mut ids) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let mut km = 10_000.0_f64;
    for i in 0..n {
        km += (below(2_000) as f64) / 1000.0;
        let roll = below(1000);
        values.push(match roll {
            0 => 999_999.0,
            1..=5 => km - 50.0,
            _ => (km * 10.0).round() / 10.0,
        });
        ids.push(if roll >= 980 && i > 0 { i - 1 } else { i });
    }
    for i in (1..n).rev() {
        let j = below(i as u64 + 1) as usize;
        values.swap(i, j);
        ids.swap(i, j);
    }
    (values, ids)
}
