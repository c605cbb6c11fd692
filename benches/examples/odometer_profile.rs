//! A fixed workload for profilers: check_columns over 100,000 readings, once.
//! `valgrind --tool=callgrind target/release/examples/odometer_profile`
use fleetgate::odometer::{check_columns, Columns, Policy, UnitColumn};
use fleetgate_benches::odometer_columns;

fn main() {
    let n = 100_000;
    let data = odometer_columns(n, 42);
    let times_ms: Vec<i64> = data.times.iter().map(|t| (*t as i64) * 1000).collect();
    let ids: Vec<Option<&str>> = data.event_ids.iter().map(|s| Some(s.as_str())).collect();
    let columns = Columns {
        values: &data.values,
        units: UnitColumn::Same("km"),
        times_ms: &times_ms,
        event_ids: Some(&ids),
        sources: None,
    };
    let verdicts = check_columns(&columns, &Policy::default()).expect("columns line up");
    println!("{} verdicts", verdicts.len());
}
