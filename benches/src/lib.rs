//! Bench-only crate: see `benches/` and README.md.
